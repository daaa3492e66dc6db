using System.CommandLine;
using Msnp.Cli.FileTransfer;
using Msnp.Cli.Options;
using Msnp.Cli.Sessions;
using Msnp.Client;
using Msnp.Client.FileTransfer;
using Msnp.Client.P2P;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Cli;

/// <summary>
/// <c>msnp send-file TO PATH</c>: signs in, opens a conversation and sends the file over MSNC P2P
/// (MSN 6+ peers) or MSNFTP (older ones, or when P2P goes unanswered; listening, or connecting
/// when the receiver offers to listen). Prints one JSON line when the receiver confirmed every
/// byte; a progress bar on a terminal.
/// </summary>
internal static class SendFileCommand
{
    public static Command Create()
    {
        var connection = new ConnectionOptions();
        var transfer = new TransferOptions();
        var to = new Argument<string>("TO") { Description = "The contact to send to." };
        var path = new Argument<FileInfo>("PATH") { Description = "The file to send." };
        path.AcceptExistingOnly();
        var noListen = new Option<bool>("--no-listen") { Description = "MSNFTP: do not accept connections; ask the receiver to listen (Connectivity: N)." };
        var method = new Option<FileTransferMethod>("--method")
        {
            Description = "auto (P2P for MSN 6+ peers, else MSNFTP; MSNFTP when P2P goes unanswered), p2p or msnftp.",
            HelpName = "auto|p2p|msnftp",
            DefaultValueFactory = _ => FileTransferMethod.Auto,
            CustomParser = r => r.Tokens[0].Value switch
            {
                "auto" => FileTransferMethod.Auto,
                "p2p" => FileTransferMethod.PeerToPeer,
                "msnftp" => FileTransferMethod.Msnftp,
                var other => Invalid(r, other),
            },
        };
        var timeout = TimeoutOption.Create("Give up when the file was not received within this many seconds of signing in.");
        var command = new Command("send-file", "Sign in and send a file to a contact (P2P or MSNFTP), waiting until it was received.") { to, path, noListen, method, timeout };
        connection.AddTo(command);
        transfer.AddTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (connection.ToClientOptions(parse) is not { } options)
            {
                await error.WriteLineAsync($"msnp send-file: --password is required (or set {ConnectionOptions.PasswordVariable}).").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var transferOptions = transfer.ToOptions(parse) with { CanAcceptConnections = !parse.GetValue(noListen) };
            var client = new MsnpClient(options);
            await using (client.ConfigureAwait(false))
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                if (parse.GetValue(timeout) is { } seconds)
                {
                    deadline.CancelAfter(TimeSpan.FromSeconds(seconds));
                }

                var exit = await SendAsync(client, parse.GetValue(to)!, parse.GetValue(path)!, transferOptions, parse.GetValue(method), parse.InvocationConfiguration.Output, error, deadline.Token).ConfigureAwait(false);
                if (exit == ExitCodes.Interrupted && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    await error.WriteLineAsync($"msnp send-file: timed out after {parse.GetValue(timeout)} s.").ConfigureAwait(false);
                    return ExitCodes.TimedOut;
                }

                return exit;
            }
        });

        return command;
    }

    private static FileTransferMethod Invalid(System.CommandLine.Parsing.ArgumentResult result, string value)
    {
        result.AddError($"--method must be auto, p2p or msnftp, got '{value}'.");
        return FileTransferMethod.Auto;
    }

    private static async Task<int> SendAsync(MsnpClient client, string to, FileInfo path, FileTransferOptions options, FileTransferMethod method, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        FileStream file;
        if (Directory.Exists(path.FullName))
        {
            await error.WriteLineAsync($"msnp send-file: {path.FullName} is a directory; send-file sends one file.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            file = new FileStream(path.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"msnp send-file: cannot read {path.FullName}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        await using var source = new HashingStream(file);
        var stage = SessionStage.SigningIn;
        try
        {
            await client.SignInAsync(cancellationToken).ConfigureAwait(false);
            stage = SessionStage.Online;
            await client.SetStatusAsync(PresenceStatus.Online, cancellationToken: cancellationToken).ConfigureAwait(false);
            stage = SessionStage.Inviting;
            var conversation = await client.StartConversationAsync(to, cancellationToken).ConfigureAwait(false);
            await using (conversation.ConfigureAwait(false))
            {
                stage = SessionStage.Sending;
                using var invitations = new ConversationInvitations(conversation, client.Account, options);
                conversation.PeerToPeer.FileTransferOptions = options;
                var size = file.Length;
                var used = method;
                var result = await TerminalProgress.RunAsync(
                    $"{path.Name} to {to}",
                    size,
                    async progress =>
                    {
                        var (sent, how) = await FileTransferChooser.SendAsync(client, conversation, invitations, to, source, path.Name, size, method, progress, cancellationToken).ConfigureAwait(false);
                        used = how;
                        return sent;
                    }).ConfigureAwait(false);
                await output.WriteLineAsync(FileJsonWriter.Format("to", to, result.FileName, null, result.Size, source.HashHex(), result.Elapsed.TotalSeconds, used == FileTransferMethod.PeerToPeer ? "p2p" : "msnftp")).ConfigureAwait(false);
                await conversation.LeaveAsync(cancellationToken).ConfigureAwait(false);
            }

            await client.SignOutAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (FileTransferException e)
        {
            await error.WriteLineAsync($"msnp send-file: {Describe(e)}").ConfigureAwait(false);
            return e.Failure switch
            {
                FileTransferFailure.Declined or FileTransferFailure.CancelledByPeer => ExitCodes.NotDelivered,
                FileTransferFailure.TimedOut => ExitCodes.TimedOut,
                FileTransferFailure.Cancelled => ExitCodes.Interrupted,
                _ => ExitCodes.ConnectionFailed,
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("msnp send-file: interrupted; the file was not sent.").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (SessionFailure.IsExpected(e))
        {
            var (exitCode, message) = SessionFailure.Describe(e, stage, client.Options);
            await error.WriteLineAsync($"msnp send-file: {message}").ConfigureAwait(false);
            return exitCode;
        }
    }

    private static string Describe(FileTransferException e) => e.Failure switch
    {
        FileTransferFailure.Declined => $"the contact declined the file ({e.CancelCode}).",
        FileTransferFailure.CancelledByPeer => $"the contact cancelled the transfer: {e.Message}",
        FileTransferFailure.Cancelled => "interrupted; the file was not sent.",
        _ => $"the transfer failed, {FailureWords.Describe(e.Failure)}: {e.Message}",
    };
}
