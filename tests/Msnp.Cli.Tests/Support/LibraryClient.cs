using System.Threading.Channels;
using Msnp.Client;
using Msnp.Client.Conversations;
using Msnp.Client.Events;
using Msnp.Protocol.Dialects;

namespace Msnp.Cli.Tests.Support;

/// <summary>
/// A library client on the other side of a CLI test: signed in to the test server, accepting every
/// invitation, with its presence changes, conversations and messages queued for the test to await.
/// </summary>
internal sealed class LibraryClient : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private LibraryClient(MsnpClient client) => Client = client;

    public MsnpClient Client { get; }

    public Channel<PresenceChangedEventArgs> Presence { get; } = Channel.CreateUnbounded<PresenceChangedEventArgs>();

    public Channel<Conversation> Conversations { get; } = Channel.CreateUnbounded<Conversation>();

    public Channel<MessageReceivedEventArgs> Messages { get; } = Channel.CreateUnbounded<MessageReceivedEventArgs>();

    public Channel<ParticipantEventArgs> Left { get; } = Channel.CreateUnbounded<ParticipantEventArgs>();

    public static MsnpClientOptions Options(TestServer server, string email, MsnpDialect? dialect = null) => new()
    {
        Host = "127.0.0.1",
        Port = server.Host.Endpoints.NotificationPort,
        HttpsPort = server.Host.Endpoints.HttpsPort,
        Account = email,
        Password = ServerAccounts.Password,
        Dialect = dialect ?? MsnpDialect.Msnp8,
        TrustedCertificatePath = ServerAccounts.CertificatePath(server),
    };

    /// <summary>Signs in, goes online and starts accepting invitations.</summary>
    public static async Task<LibraryClient> SignInAsync(TestServer server, string email)
    {
        var client = new LibraryClient(new MsnpClient(Options(server, email)));
        client.Client.ContactPresenceChanged += (_, e) => client.Presence.Writer.TryWrite(e);
        client.Client.ConversationInvited += async (_, invitation) =>
            client.Conversations.Writer.TryWrite(await invitation.AcceptAsync(client.Attach));
        await client.Client.SignInAsync();
        await client.Client.SetStatusAsync(Msnp.Protocol.Dialects.Model.PresenceStatus.Online);
        return client;
    }

    /// <summary>Starts a conversation, with the same handlers as accepted ones.</summary>
    public Task<Conversation> StartAsync(string account) => Client.StartConversationAsync(account, Attach);

    /// <summary>Waits for the first queued item that matches, skipping the others.</summary>
    public static async Task<T> NextAsync<T>(Channel<T> channel, Func<T, bool> match, string what)
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            while (true)
            {
                var item = await channel.Reader.ReadAsync(timeout.Token);
                if (match(item))
                {
                    return item;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no {what} within {Patience}");
        }
    }

    public async ValueTask DisposeAsync() => await Client.DisposeAsync();

    private void Attach(Conversation conversation)
    {
        conversation.MessageReceived += (_, m) => Messages.Writer.TryWrite(m);
        conversation.ParticipantLeft += (_, e) => Left.Writer.TryWrite(e);
    }
}
