using System.Collections.Concurrent;
using System.CommandLine;
using System.Threading.Channels;
using Msnp.Cli.FileTransfer;
using Msnp.Cli.Options;
using Msnp.Cli.Sessions;
using Msnp.Client;
using Msnp.Client.Conversations;
using Msnp.Client.FileTransfer;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Messages;

namespace Msnp.Cli;

/// <summary>
/// <c>msnp listen</c>: signs in, goes online, accepts every conversation invitation and prints each
/// received text message as one JSON line, until <c>--count</c> messages, <c>--timeout</c> or Ctrl-C.
/// </summary>
internal static class ListenCommand
{
    public static Command Create()
    {
        var connection = new ConnectionOptions();
        var count = new Option<int?>("--count") { Description = "Exit after this many messages.", HelpName = "N" };
        count.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is <= 0)
            {
                r.AddError("--count must be at least 1.");
            }
        });
        var timeout = TimeoutOption.Create("Stop listening after this many seconds (counted from sign-in).");
        var command = new Command("listen", "Sign in, accept every conversation and print each received text message as a JSON line.") { count, timeout };
        connection.AddTo(command);
        var files = new AcceptFilesOptions();
        files.AddTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (connection.ToClientOptions(parse) is not { } options)
            {
                await error.WriteLineAsync($"msnp listen: --password is required (or set {ConnectionOptions.PasswordVariable}).").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var client = new MsnpClient(options);
            await using (client.ConfigureAwait(false))
            {
                return await ListenAsync(client, parse.GetValue(count), parse.GetValue(timeout), parse.InvocationConfiguration.Output, error, cancellationToken, (line, warn) => files.CreateReceiver(parse, line, warn, cancellationToken)).ConfigureAwait(false);
            }
        });

        return command;
    }

    private static async Task<int> ListenAsync(
        MsnpClient client, int? count, double? timeoutSeconds, TextWriter output, TextWriter error, CancellationToken cancellationToken,
        Func<Action<string>, Action<string>, FileReceiver?> fileReceiver)
    {
        // Events arrive on the client's dispatchers; one reader writes them, so output lines never interleave.
        var events = Channel.CreateUnbounded<ListenEvent>(new UnboundedChannelOptions { SingleReader = true });
        var conversations = new ConcurrentBag<Conversation>();
        var files = fileReceiver(line => events.Writer.TryWrite(new ListenEvent(null, null, line)), warning => events.Writer.TryWrite(new ListenEvent(null, warning)));
        client.ConversationInvited += async (_, invitation) =>
        {
            try
            {
                conversations.Add(await invitation.AcceptAsync(
                    conversation =>
                    {
                        conversation.MessageReceived += (_, m) => events.Writer.TryWrite(new ListenEvent(m, null));
                        if (files is not null)
                        {
                            files.Attach(conversation, client.Account);
                        }
                        else
                        {
                            // Without --accept-files, a file offer is declined at once (REJECT) instead of
                            // leaving the sender waiting for its answer timeout.
                            _ = new ConversationInvitations(conversation, client.Account);
                        }
                    },
                    cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (SessionFailure.IsExpected(e))
            {
                events.Writer.TryWrite(new ListenEvent(null, $"could not join {invitation.Inviter}'s conversation: {e.Message}"));
            }
        };
        // Offline messages kept by the server come after sign-in (MSNP11+), one at a time, as JSON lines.
        var offlineJson = new MessageJsonWriter();
        client.OfflineMessageReceived += (_, m) => events.Writer.TryWrite(new ListenEvent(null, null, offlineJson.FormatOffline(m.Sender, m.Text, m.SentAt)));
        client.Disconnected += (_, e) => events.Writer.TryComplete(new IOException($"the connection to the server ended: {FailureWords.Describe(e.Reason)}."));

        var stage = SessionStage.SigningIn;
        try
        {
            await client.SignInAsync(cancellationToken).ConfigureAwait(false);
            stage = SessionStage.Online;
            await client.SetStatusAsync(PresenceStatus.Online, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
        catch (Exception e) when (SessionFailure.IsExpected(e))
        {
            var (exitCode, message) = SessionFailure.Describe(e, stage, client.Options);
            await error.WriteLineAsync($"msnp listen: {message}").ConfigureAwait(false);
            return exitCode;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeoutSeconds is { } seconds)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        var json = new MessageJsonWriter();
        var received = 0;
        var exit = ExitCodes.Success;
        try
        {
            while (count is null || received < count)
            {
                var next = await events.Reader.ReadAsync(stop.Token).ConfigureAwait(false);
                if (next.Warning is { } warning)
                {
                    await error.WriteLineAsync($"msnp listen: {warning}").ConfigureAwait(false);
                }
                else if (next.Line is { } line)
                {
                    await output.WriteLineAsync(line).ConfigureAwait(false);
                    await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                    received++;
                }
                else if (next.Message is { Content: TextMessage text } message)
                {
                    await output.WriteLineAsync(json.Format(message.Sender, text.Text, message.Message.Headers.GetValue("Content-Type") ?? string.Empty)).ConfigureAwait(false);
                    await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                    received++;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested && count is not null)
        {
            await error.WriteLineAsync($"msnp listen: timed out after {received} of {count} messages.").ConfigureAwait(false);
            exit = ExitCodes.TimedOut;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The timeout without --count, or Ctrl-C: a normal end of listening.
        }
        catch (ChannelClosedException e)
        {
            await error.WriteLineAsync($"msnp listen: {e.InnerException?.Message ?? "the connection closed."}").ConfigureAwait(false);
            return ExitCodes.ConnectionFailed;
        }

        if (files is not null)
        {
            await files.ShutdownAsync().ConfigureAwait(false);
        }

        foreach (var conversation in conversations)
        {
            await conversation.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await client.SignOutAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (SessionFailure.IsExpected(e))
        {
            // Signing out of a connection that is already gone changes nothing for the caller.
        }

        return exit;
    }

    /// <summary>A received message, a warning for standard error, or a ready output line (a saved file).</summary>
    private sealed record ListenEvent(MessageReceivedEventArgs? Message, string? Warning, string? Line = null);
}
