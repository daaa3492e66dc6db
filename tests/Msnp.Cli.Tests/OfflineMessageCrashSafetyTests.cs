using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using Msnp.Protocol.Oim;
using Msnp.Server.Passport;
using Msnp.Server.Storage;

namespace Msnp.Cli.Tests;

/// <summary>
/// <c>msnp serve</c> is killed with SIGKILL at random moments while a sender stores offline messages
/// over real HTTPS (<c>Store2</c> with the lock key); after the kills every message whose
/// <c>StoreResponse</c> arrived is in the recipient's mailbox. Runs on the SQLite file and on
/// PostgreSQL, like <see cref="CrashSafetyTests"/>.
/// </summary>
public abstract partial class OfflineMessageCrashSafetyTests(bool postgres) : IAsyncLifetime
{
    private const string Sender = "sender@example.com";
    private const string Recipient = "recipient@example.com";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "msnp-oim-crash-" + Guid.NewGuid().ToString("N"));
    private string? _postgres;

    public sealed class OnSqlite() : OfflineMessageCrashSafetyTests(postgres: false);

    public sealed class OnPostgres() : OfflineMessageCrashSafetyTests(postgres: true);

    public async Task InitializeAsync() => _postgres = postgres ? await TestPostgres.CreateDatabaseAsync() : null;

    [Fact]
    public async Task Acknowledged_offline_messages_survive_repeated_SIGKILL()
    {
        using (var store = await OpenStoreAsync())
        {
            Assert.True((await store.Accounts.CreateAsync(Sender, "pw", "Sender")).Succeeded);
            Assert.True((await store.Accounts.CreateAsync(Recipient, "pw", "Recipient")).Succeeded);
        }

        var random = new Random(16);
        var acknowledged = new List<string>();
        int next = 0;
        for (int round = 0; round < 5; round++)
        {
            using var server = await ServeAsync();
            using var http = PinnedClient();
            var ticket = await TicketAsync();
            var lockKey = OimLockKey.Answer(OimLockKey.ChallengeFor(ticket), OimLockKey.ClientKey);
            // The kill is timed from the round's first acknowledged store, so a slow start (TLS, the
            // first request's compilation on a loaded machine) still leaves each round some stores.
            Task? killer = null;
            var delay = random.Next(300, 1500);
            try
            {
                while (killer is null || !killer.IsCompleted)
                {
                    var text = $"message {next++}";
                    var sequence = next;
                    var body = StoreEnvelope(ticket, lockKey, sequence, new OimStoreContent(text, Guid.NewGuid(), sequence).Write());
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"https://localhost:{server.HttpsPort}/OimWS/oim.asmx") { Content = new StringContent(body, Encoding.UTF8, "text/xml") };
                    request.Headers.TryAddWithoutValidation("SOAPAction", "http://messenger.live.com/ws/2006/09/oim/Store2");
                    using var response = await http.SendAsync(request);
                    var reply = await response.Content.ReadAsStringAsync();
                    Assert.True(response.StatusCode == HttpStatusCode.OK, reply);
                    Assert.Contains("StoreResponse", reply, StringComparison.Ordinal);
                    acknowledged.Add(text);
                    killer ??= Task.Delay(delay).ContinueWith(_ => server.Process.Kill(), TaskScheduler.Default);
                }
            }
            catch (HttpRequestException)
            {
                // Killed while a store was in flight: it may or may not have been committed.
            }
            catch (IOException)
            {
            }

            await (killer ?? throw new IOException("the server went away before its first store was acknowledged"));
            await server.Process.WaitForExitAsync();
        }

        Assert.True(acknowledged.Count >= 5, $"only {acknowledged.Count} messages were acknowledged");
        using var check = await OpenStoreAsync();
        var texts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var header in await check.OfflineMessages.ListAsync(Recipient))
        {
            texts.Add((await check.OfflineMessages.GetAsync(Recipient, header.Id))!.Text);
        }

        Assert.All(acknowledged, text => Assert.Contains(text, texts));

        // At most one unacknowledged store per kill may have been committed.
        Assert.InRange(texts.Count, acknowledged.Count, acknowledged.Count + 5);
    }

    public async Task DisposeAsync()
    {
        if (_postgres is not null)
        {
            await TestPostgres.DropDatabaseAsync(_postgres);
        }

        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private Task<MsnpStore> OpenStoreAsync() =>
        MsnpStore.OpenAsync(new StorageOptions { DataDirectory = _data, Postgres = _postgres, PasswordIterations = StorageOptions.MinimumPasswordIterations });

    // A ticket as the server's own ticket service issues it: the key file msnp serve made in the data directory.
    private async Task<string> TicketAsync()
    {
        using var store = await OpenStoreAsync();
        var account = await store.Accounts.FindAsync(Sender);
        return new TicketService(TicketSigningKey.LoadOrCreate(_data), TimeSpan.FromHours(1), TimeProvider.System).Issue(Sender, account!.SecurityStamp.Span).Value;
    }

    // Trusts exactly the certificate msnp serve wrote to its data directory.
    private HttpClient PinnedClient()
    {
        var pinned = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(_data, CertificateProvider.PemFileName)));
        return new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == pinned.GetCertHashString(),
            },
        })
        { Timeout = TimeSpan.FromSeconds(30) };
    }

    private static string StoreEnvelope(string ticket, string lockKey, int sequence, string content) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Header>"
        + $"<From memberName=\"{Sender}\" friendlyName=\"Sender\" xmlns=\"http://messenger.msn.com/ws/2004/09/oim/\" proxy=\"MSNMSGR\" msnpVer=\"MSNP15\" buildVer=\"8.5.1288\"/>"
        + $"<To memberName=\"{Recipient}\" xmlns=\"http://messenger.msn.com/ws/2004/09/oim/\"/>"
        + $"<Ticket passport=\"{SecurityElement.Escape(ticket)}\" appid=\"{SecurityElement.Escape(OimLockKey.ClientKey.ClientId)}\" lockkey=\"{lockKey}\" xmlns=\"http://messenger.msn.com/ws/2004/09/oim/\"/>"
        + $"<Sequence xmlns=\"http://schemas.xmlsoap.org/ws/2003/03/rm\"><Identifier xmlns=\"http://schemas.xmlsoap.org/ws/2002/07/utility\">http://messenger.msn.com</Identifier><MessageNumber>{sequence}</MessageNumber></Sequence>"
        + "</soap:Header><soap:Body><MessageType xmlns=\"http://messenger.msn.com/ws/2004/09/oim/\">text</MessageType>"
        + $"<Content xmlns=\"http://messenger.msn.com/ws/2004/09/oim/\">{SecurityElement.Escape(content)}</Content></soap:Body></soap:Envelope>";

    private async Task<Serve> ServeAsync()
    {
        var process = MsnpProcess.StartServe(_data, new Dictionary<string, string?>
        {
            ["Msnp__Storage__MaxOfflineMessagesPerRecipient"] = "100000",
            ["Msnp__Limits__OfflineMessagesPerMinute"] = "0",
            ["Msnp__Storage__Postgres"] = _postgres,
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new IOException("serve exited: " + await process.StandardError.ReadToEndAsync());
            var match = HttpsLine().Match(line);
            if (match.Success)
            {
                return new Serve(process, int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }
    }

    [GeneratedRegex(@"^\s+https\s+\S+:(\d+)$")]
    private static partial Regex HttpsLine();

    private sealed record Serve(Process Process, int HttpsPort) : IDisposable
    {
        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill();
            }

            Process.Dispose();
        }
    }
}
