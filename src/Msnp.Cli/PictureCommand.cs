using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Msnp.Cli.Options;
using Msnp.Cli.Sessions;
using Msnp.Client;
using Msnp.Client.Events;
using Msnp.Client.FileTransfer;
using Msnp.Client.P2P;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.P2P;

namespace Msnp.Cli;

/// <summary>
/// <c>msnp picture get EMAIL</c>: signs in, waits for the contact's presence to announce a display
/// picture (MSNObject, MSNP9+; the contact must be on the forward list), fetches it over P2P — or
/// from the cache, keyed by SHA1D — verifies it and saves it. Prints one JSON line.
/// </summary>
internal static class PictureCommand
{
    public static Command Create()
    {
        var get = new Command("get", "Sign in and save a contact's display picture (fetched over P2P, verified by SHA1D, cached).");
        var connection = new ConnectionOptions();
        var contact = new Argument<string>("EMAIL") { Description = "The contact whose picture to fetch (on your forward list, online)." };
        var output = new Option<FileInfo?>("--output") { Description = "Where to save it (default: EMAIL.png/.jpg/.gif in the current folder).", HelpName = "FILE" };
        var cache = new Option<DirectoryInfo?>("--cache") { Description = "The picture cache folder (default: the user's local application data, msnp/pictures).", HelpName = "DIR" };
        var timeout = TimeoutOption.Create("Give up after this many seconds (default 60).");
        get.Arguments.Add(contact);
        get.Options.Add(output);
        get.Options.Add(cache);
        get.Options.Add(timeout);
        connection.AddTo(get);
        get.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (connection.ToClientOptions(parse) is not { } options)
            {
                await error.WriteLineAsync($"msnp picture get: --password is required (or set {ConnectionOptions.PasswordVariable}).").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(parse.GetValue(timeout) ?? 60));
            var cacheDirectory = parse.GetValue(cache)?.FullName
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "msnp", "pictures");
            var client = new MsnpClient(options);
            await using (client.ConfigureAwait(false))
            {
                var exit = await GetAsync(client, parse.GetValue(contact)!, parse.GetValue(output)?.FullName, new DisplayPictureCache(cacheDirectory), parse.InvocationConfiguration.Output, error, deadline.Token).ConfigureAwait(false);
                if (exit == ExitCodes.Interrupted && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    await error.WriteLineAsync("msnp picture get: timed out.").ConfigureAwait(false);
                    return ExitCodes.TimedOut;
                }

                return exit;
            }
        });

        var command = new Command("picture", "Display pictures of contacts.");
        command.Subcommands.Add(get);
        return command;
    }

    private static async Task<int> GetAsync(MsnpClient client, string contact, string? output, DisplayPictureCache cache, TextWriter stdout, TextWriter error, CancellationToken cancellationToken)
    {
        var announced = new TaskCompletionSource<MsnObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Contacts.PictureAnnounced += (_, e) =>
        {
            if (string.Equals(e.Account, contact, StringComparison.OrdinalIgnoreCase) && e.MsnObject is { } obj)
            {
                announced.TrySetResult(obj);
            }
        };
        var stage = SessionStage.SigningIn;
        try
        {
            await client.SignInAsync(cancellationToken).ConfigureAwait(false);
            stage = SessionStage.Online;
            if (!client.Dialect.HasMsnObject)
            {
                await error.WriteLineAsync($"msnp picture get: display pictures need MSNP9 or later (this session speaks {client.Dialect.Name}); pass --version MSNP9.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            await client.SetStatusAsync(PresenceStatus.Online, cancellationToken: cancellationToken).ConfigureAwait(false);
            var picture = client.Contacts.PictureOf(contact) ?? await announced.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            var data = cache.TryGet(picture);
            var cached = data is not null;
            if (data is null)
            {
                stage = SessionStage.Inviting;
                var conversation = await client.StartConversationAsync(contact, cancellationToken).ConfigureAwait(false);
                await using (conversation.ConfigureAwait(false))
                {
                    stage = SessionStage.Sending;
                    (data, cached) = await cache.GetOrFetchAsync(conversation.PeerToPeer, contact, picture, cancellationToken).ConfigureAwait(false);
                    await conversation.LeaveAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            var extension = DisplayPicture.DetectFormat(data) switch { "jpeg" => ".jpg", "gif" => ".gif", "png" => ".png", _ => ".bin" };
            var path = output ?? Path.GetFullPath(SafeFileName.From(contact) + extension);
            await File.WriteAllBytesAsync(path, data, CancellationToken.None).ConfigureAwait(false);
            await stdout.WriteLineAsync(Format(contact, path, data.Length, picture.Sha1D, cached)).ConfigureAwait(false);
            await client.SignOutAsync(CancellationToken.None).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (P2PException e)
        {
            await error.WriteLineAsync($"msnp picture get: {e.Message}").ConfigureAwait(false);
            return e.Failure switch
            {
                P2PFailure.TimedOut => ExitCodes.TimedOut,
                P2PFailure.Cancelled => ExitCodes.Interrupted,
                P2PFailure.VerificationFailed or P2PFailure.ProtocolError => ExitCodes.InvalidInput,
                _ => ExitCodes.NotDelivered,
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (stage == SessionStage.Online)
            {
                await error.WriteLineAsync($"msnp picture get: {contact} did not announce a display picture (offline, not on your list, or none set).").ConfigureAwait(false);
                return ExitCodes.NotDelivered;
            }

            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (SessionFailure.IsExpected(e))
        {
            var (exitCode, message) = SessionFailure.Describe(e, stage, client.Options);
            await error.WriteLineAsync($"msnp picture get: {message}").ConfigureAwait(false);
            return exitCode;
        }
    }

    private static string Format(string contact, string path, int size, string sha1d, bool cached)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("from", contact);
            json.WriteString("path", path);
            json.WriteNumber("size", size);
            json.WriteString("sha1d", sha1d);
            json.WriteBoolean("cached", cached);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
