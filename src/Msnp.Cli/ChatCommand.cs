using System.CommandLine;
using Msnp.Cli.Chat;
using Msnp.Cli.Options;
using Msnp.Cli.Sessions;
using Msnp.Client;
using Spectre.Console;

namespace Msnp.Cli;

/// <summary>
/// <c>msnp chat</c>: an interactive client. On a terminal it draws contacts, transcript and input
/// with Spectre.Console; otherwise it reads commands and messages line by line and prints plain
/// lines, so it can be scripted. Quitting, the end of input and Ctrl-C all sign out cleanly.
/// </summary>
internal static class ChatCommand
{
    /// <param name="input">Where typed lines come from instead of standard input (in-process tests).</param>
    public static Command Create(TextReader? input = null)
    {
        var connection = new ConnectionOptions();
        var plain = new Option<bool>("--plain") { Description = "Read and print plain lines even on a terminal." };
        var command = new Command("chat", "Sign in and chat: contacts with presence, conversations, typing, status and list changes.") { plain };
        connection.AddTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (connection.ToClientOptions(parse) is not { } options)
            {
                await error.WriteLineAsync($"msnp chat: --password is required (or set {ConnectionOptions.PasswordVariable}).").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var interactive = input is null && !parse.GetValue(plain) && !Console.IsInputRedirected && !Console.IsOutputRedirected
                && AnsiConsole.Profile.Capabilities.Interactive;
            IChatView view = interactive
                ? new TerminalChatView(AnsiConsole.Console)
                : new PlainChatView(input ?? Console.In, parse.InvocationConfiguration.Output);
            return await RunAsync(new MsnpClient(options), view, error, cancellationToken).ConfigureAwait(false);
        });

        return command;
    }

    private static async Task<int> RunAsync(MsnpClient client, IChatView view, TextWriter error, CancellationToken cancellationToken)
    {
        var session = new ChatSession(client);
        try
        {
            await session.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await session.SignOutAsync().ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (Exception e) when (SessionFailure.IsExpected(e))
        {
            var (exitCode, message) = SessionFailure.Describe(e, client.IsSignedIn ? SessionStage.Online : SessionStage.SigningIn, client.Options);
            await session.SignOutAsync().ConfigureAwait(false);
            await error.WriteLineAsync($"msnp chat: {message}").ConfigureAwait(false);
            return exitCode;
        }

        // The view runs until the user quits, input ends, Ctrl-C, or the server ends the session.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, session.EndedToken);
        await view.RunAsync(session, stop.Token).ConfigureAwait(false);
        await session.SignOutAsync().ConfigureAwait(false);
        await view.FinishAsync(session).ConfigureAwait(false);

        if (session.Ended.IsCompletedSuccessfully)
        {
            var end = await session.Ended.ConfigureAwait(false);
            await error.WriteLineAsync($"msnp chat: {end.Message}").ConfigureAwait(false);
            return end.ExitCode;
        }

        return ExitCodes.Success;
    }
}
