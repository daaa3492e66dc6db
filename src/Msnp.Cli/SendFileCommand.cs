using System.CommandLine;
using Msnp.Cli.FileTransfer;
using Msnp.Cli.Options;
using Msnp.Cli.Sessions;
using Msnp.Client;
using Msnp.Client.FileTransfer;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Cli;

/// <summary>
/// <c>msnp send-file TO PATH</c>: signs in, opens a conversation, offers the file by invitation and
/// sends it over MSNFTP (listening, or connecting when the receiver offers to listen). Prints one
/// JSON line when the receiver confirmed every byte; a progress bar on a terminal.
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
        var noListen = new Option<bool>("--no-listen") { Description = "Do not accept connections: ask the receiver to listen (Connectivity: N)." };
        var command = new Command("send-file", "Sign in and send a file to a contact (MSNFTP), waiting until it was received.") { to, path, noListen };
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
                return await SendAsync(client, parse.GetValue(to)!, parse.GetValue(path)!, transferOptions, parse.InvocationConfiguration.Output, error, cancellationToken).ConfigureAwait(false);
            }
        });

        return command;
    }

    private static async Task<int> SendAsync(MsnpClient client, string to, FileInfo path, FileTransferOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
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
                var size = file.Length;
                var result = await TerminalProgress.RunAsync(
                    $"{path.Name} to {to}",
                    size,
                    progress => invitations.SendFileAsync(source, path.Name, size, progress, cancellationToken)).ConfigureAwait(false);
                await output.WriteLineAsync(FileJsonWriter.Format("to", to, result.FileName, null, result.Size, source.HashHex(), result.Elapsed.TotalSeconds)).ConfigureAwait(false);
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
        _ => $"the transfer failed ({e.Failure}): {e.Message}",
    };
}
