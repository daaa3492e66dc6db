using Microsoft.Extensions.Logging;
using Msnp.Client.OfflineMessages;
using Msnp.Protocol.Oim;

namespace Msnp.Client;

/// <summary>Offline messages (docs/oim.md): sending to an offline contact, and receiving the messages the server kept.</summary>
public sealed partial class MsnpClient
{
    private OimServiceClient? _offlineMessages;
    private Task _offlineFetch = Task.CompletedTask;

    /// <summary>
    /// An offline message: raised after sign-in for each message the server kept (MSNP11+, listed in the
    /// mail data), and while signed in for one stored for this user (appearing offline). The client fetches
    /// each with <c>GetMessage</c>, raises this event, then deletes it on the server.
    /// </summary>
    public event EventHandler<OfflineMessageEventArgs>? OfflineMessageReceived;

    /// <summary>
    /// Stores a message for a contact who is offline (OIM <c>Store2</c>, answering the lock-key
    /// challenge). Needs a Passport sign-in (MSNP8+), since the service takes the ticket.
    /// </summary>
    /// <exception cref="OfflineMessageException">The service refused (the contact does not exist or blocks this user, too long, too many).</exception>
    public Task SendOfflineMessageAsync(string recipient, string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(recipient);
        ArgumentNullException.ThrowIfNull(text);
        var service = _offlineMessages ?? throw new InvalidOperationException("Offline messages need a Passport sign-in (MSNP8 or later).");
        return service.StoreAsync(Account, FriendlyName, recipient, text, cancellationToken);
    }

    /// <summary>Completes when the offline messages announced so far have been fetched and reported.</summary>
    public Task OfflineMessagesFetched => _offlineFetch;

    // Called at sign-in with the token service's address, so the services are found on the same host
    // and port (the advertised nexus or HttpsPort), and the tickets for sending (messengersecure.live.com)
    // and reading (messenger.msn.com); a Tweener sign-in has one ticket for both.
    private void UseOfflineMessageService(Uri tokenService, string storeTicket, string readTicket) =>
        _offlineMessages = new OimServiceClient(_options, new Uri(tokenService, "/"), storeTicket, readTicket);

    private void OnMailData(string? mailData)
    {
        if (mailData is null || _offlineMessages is not { } service || OfflineMessageReceived is null)
        {
            return;
        }

        List<OimMailDataEntry>? listed = null;
        if (mailData.Trim() != OimMailData.TooLarge && (!OimMailData.TryRead(mailData, out listed) || listed.Count == 0))
        {
            return;
        }

        // One fetch at a time, in the order announced; each waits for the one before.
        var previous = _offlineFetch;
        _offlineFetch = Task.Run(async () =>
        {
            await previous.ConfigureAwait(false);
            await FetchOfflineMessagesAsync(service, listed).ConfigureAwait(false);
        });
    }

    private async Task FetchOfflineMessagesAsync(OimServiceClient service, List<OimMailDataEntry>? listed)
    {
        try
        {
            listed ??= await service.GetMetadataAsync(CancellationToken.None).ConfigureAwait(false);
            foreach (var entry in listed)
            {
                var message = await service.GetMessageAsync(entry.Id, CancellationToken.None).ConfigureAwait(false);
                OfflineMessageReceived?.Invoke(this, new OfflineMessageEventArgs(message.Sender, message.SenderName, message.SentAt, message.Text));
                await service.DeleteAsync([entry.Id], CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OfflineMessageException or HttpRequestException or TaskCanceledException)
        {
            // Not deleted: the server lists them again at the next sign-in.
            _options.LoggerFactory.CreateLogger<MsnpClient>().LogWarning(ex, "Could not fetch offline messages");
        }
    }
}
