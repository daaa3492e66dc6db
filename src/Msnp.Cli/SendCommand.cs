using System.CommandLine;
using Msnp.Cli.Options;
using Msnp.Cli.Sessions;
using Msnp.Client;
using Msnp.Client.Conversations;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Messages;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Cli;

/// <summary>
/// <c>msnp send TO TEXT</c>: signs in, goes online, opens a conversation with one contact, sends one
/// text message and waits for its <c>ACK</c>. Exit code 0 means the switchboard acknowledged it.
/// With <c>--offline</c>, a contact who is offline (<c>217</c>) gets the text as an offline message
/// (OIM <c>Store2</c>, MSNP8+); exit code 0 then means the server stored it.
/// </summary>
internal static class SendCommand
{
    public static Command Create()
    {
        var connection = new ConnectionOptions();
        var to = new Argument<string>("TO") { Description = "The contact to send to." };
        var text = new Argument<string>("TEXT") { Description = "The message text." };
        var timeout = TimeoutOption.Create("Give up after this many seconds, from connecting to the ACK (exit code 7).");
        var offline = new Option<bool>("--offline")
        {
            Description = "When the contact is offline, store the text on the server as an offline message (OIM; MSNP8 or later) instead of failing.",
        };
        var command = new Command("send", "Sign in, send one text message to a contact and wait for the switchboard's ACK.") { to, text, timeout, offline };
        connection.AddTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (connection.ToClientOptions(parse) is not { } options)
            {
                await error.WriteLineAsync($"msnp send: --password is required (or set {ConnectionOptions.PasswordVariable}).").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (parse.GetValue(timeout) is { } seconds)
            {
                deadline.CancelAfter(TimeSpan.FromSeconds(seconds));
            }

            var stage = SessionStage.SigningIn;
            var client = new MsnpClient(options);
            await using (client.ConfigureAwait(false))
            {
                try
                {
                    await client.SignInAsync(deadline.Token).ConfigureAwait(false);

                    // A hidden user cannot open a switchboard (XFR SB), so go online first.
                    stage = SessionStage.Online;
                    await client.SetStatusAsync(PresenceStatus.Online, cancellationToken: deadline.Token).ConfigureAwait(false);

                    stage = SessionStage.Inviting;
                    Conversation conversation;
                    try
                    {
                        conversation = await client.StartConversationAsync(parse.GetValue(to)!, deadline.Token).ConfigureAwait(false);
                    }
                    catch (MsnpException e) when (e.Code == MsnpErrorCode.PrincipalNotOnline && parse.GetValue(offline))
                    {
                        stage = SessionStage.StoringOffline;
                        await client.SendOfflineMessageAsync(parse.GetValue(to)!, parse.GetValue(text)!, deadline.Token).ConfigureAwait(false);
                        await parse.InvocationConfiguration.Output.WriteLineAsync($"{parse.GetValue(to)} is offline; stored as an offline message").ConfigureAwait(false);
                        await client.SignOutAsync(cancellationToken).ConfigureAwait(false);
                        return ExitCodes.Success;
                    }

                    await using (conversation.ConfigureAwait(false))
                    {
                        stage = SessionStage.Sending;
                        // Text longer than one message goes as several, in order, each acknowledged before the next.
                        foreach (var part in TextSplitter.Split(parse.GetValue(text)!, conversation.MaxMessagePayload))
                        {
                            await conversation.SendTextAsync(part, cancellationToken: deadline.Token).ConfigureAwait(false);
                        }

                        // Acknowledged: the deadline no longer applies to tidying up.
                        await conversation.LeaveAsync(cancellationToken).ConfigureAwait(false);
                    }

                    await client.SignOutAsync(cancellationToken).ConfigureAwait(false);
                    return ExitCodes.Success;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    await error.WriteLineAsync("msnp send: interrupted; the message was not confirmed.").ConfigureAwait(false);
                    return ExitCodes.Interrupted;
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested)
                {
                    await error.WriteLineAsync($"msnp send: timed out after {parse.GetValue(timeout)} s while {Describe(stage)}.").ConfigureAwait(false);
                    return ExitCodes.TimedOut;
                }
                catch (Exception e) when (SessionFailure.IsExpected(e))
                {
                    var (exitCode, message) = SessionFailure.Describe(e, stage, client.Options);
                    await error.WriteLineAsync($"msnp send: {message}").ConfigureAwait(false);
                    return exitCode;
                }
            }
        });

        return command;
    }

    private static string Describe(SessionStage stage) => stage switch
    {
        SessionStage.SigningIn => "signing in",
        SessionStage.Online => "going online",
        SessionStage.Inviting => "waiting for the contact to join",
        SessionStage.StoringOffline => "storing the offline message",
        _ => "waiting for the ACK",
    };
}
