using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Msnp.Protocol.Auth;
using Msnp.Protocol.Auth.Sso;
using Msnp.Protocol.Dialects;
using Msnp.Server.Hosting;
using Msnp.Server.Notification;
using Msnp.Server.Passport;
using Msnp.Server.Presence;
using Msnp.Server.Storage;
using Msnp.Server.Storage.Sqlite;
using Msnp.Server.Switchboard;

namespace Msnp.Fuzz;

/// <summary>
/// The server's notification and switchboard handlers wired to a real SQLite store in a temp
/// directory, built once per process (account creation runs the password KDF). Two accounts:
/// alice, whom the fuzzed bytes drive, and bob, kept signed in and online so that presence, CAL and
/// RNG have someone to reach.
/// </summary>
internal sealed partial class ServerHarness
{
    public const string AliceAccount = "alice@fuzz.test";
    public const string BobAccount = "bob@fuzz.test";
    private const string Password = "fuzz-password";
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(10);

    private readonly object _bobLock = new();
    private InMemoryConnection? _bob;

    private ServerHarness()
    {
        // run.sh points this into fuzz/out/TARGET so the databases of restarted fork servers are
        // removed with the run; alone, the harness uses the system temp directory.
        var root = Environment.GetEnvironmentVariable("MSNP_FUZZ_DATA");
        var directory = string.IsNullOrEmpty(root)
            ? Directory.CreateTempSubdirectory("msnp-fuzz-")
            : Directory.CreateDirectory(Path.Combine(root, Guid.NewGuid().ToString("N")));
        var options = new MsnpServerOptions { DataDirectory = directory.FullName };
        options.Storage.DataDirectory = directory.FullName;
        options.Storage.PasswordIterations = StorageOptions.MinimumPasswordIterations;
        var store = SqliteStore.OpenAsync(options.Storage).GetAwaiter().GetResult();
        _ = store.Accounts.CreateAsync(AliceAccount, Password).GetAwaiter().GetResult();
        _ = store.Accounts.CreateAsync(BobAccount, Password).GetAwaiter().GetResult();

        // The server's own composition, so the harness follows every change to it: only the
        // listeners and hosted services are left out (handlers are driven in-process).
        var endpoints = new ServerEndpoints { DispatchPort = 1863, NotificationPort = 1864, SwitchboardPort = 1865, HttpPort = 8080, HttpsPort = 8443 };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(endpoints);
        services.AddMsnpServer(options, store.Accounts, store.Contacts);
        var provider = services.BuildServiceProvider();
        _accounts = store.Accounts;
        Presence = provider.GetRequiredService<IPresenceDirectory>();
        Rooms = provider.GetRequiredService<SwitchboardRooms>();
        Tickets = provider.GetRequiredService<ITicketService>();
        Notification = provider.GetRequiredService<NotificationConnectionHandler>();
        Switchboard = provider.GetRequiredService<SwitchboardConnectionHandler>();
    }

    public static ServerHarness Instance => Lazy.Value;

    private static readonly Lazy<ServerHarness> Lazy = new(() => new ServerHarness());

    private readonly IAccountStore _accounts;

    public IPresenceDirectory Presence { get; }

    public SwitchboardRooms Rooms { get; }

    public ITicketService Tickets { get; }

    public NotificationConnectionHandler Notification { get; }

    public SwitchboardConnectionHandler Switchboard { get; }

    /// <summary>True while <paramref name="account"/> has an endpoint in the directory.</summary>
    public bool IsOnline(string account) => Presence.FindAsync(account).AsTask().GetAwaiter().GetResult() is not null;

    /// <summary>Bob's notification connection, signed in (MSNP8) and online; re-made if a previous input ended it.</summary>
    public InMemoryConnection Bob
    {
        get
        {
            lock (_bobLock)
            {
                if (_bob is null || _bob.Handler.IsCompleted)
                {
                    _bob = SignIn(BobAccount, MsnpDialect.Msnp8);
                    _bob.Write("CHG 90 NLN 0\r\n");
                    Invariant.Check(_bob.WaitFor(t => t.Contains("CHG 90 NLN", StringComparison.Ordinal), Step), "bob did not go online");
                }

                return _bob;
            }
        }
    }

    /// <summary>Opens a notification connection and signs <paramref name="account"/> in with the dialect's own login.</summary>
    public InMemoryConnection SignIn(string account, MsnpDialect dialect)
    {
        var connection = new InMemoryConnection(Notification);
        if (dialect.Authentication == AuthenticationMethod.Md5)
        {
            connection.Write($"VER 1 {dialect.Name}\r\nUSR 2 MD5 I {account}\r\n");
            string? challenge = null;
            Invariant.Check(connection.WaitFor(t => (challenge = Md5Challenge().Match(t) is { Success: true } m ? m.Groups[1].Value : null) is not null, Step),
                "no MD5 challenge");
            var response = new byte[32];
            Md5Login.ComputeResponse(System.Text.Encoding.ASCII.GetBytes(challenge!), System.Text.Encoding.UTF8.GetBytes(Password), response);
            connection.Write($"USR 3 MD5 S {System.Text.Encoding.ASCII.GetString(response)}\r\n");
            Invariant.Check(connection.WaitFor(t => t.Contains("USR 3 OK", StringComparison.Ordinal), Step), "MD5 login failed");
        }
        else if (dialect.Authentication == AuthenticationMethod.SingleSignOn)
        {
            // MSNP15+: the ticket's proof secret signs the server's nonce (the MBI key blob).
            var stamp = _accounts.FindAsync(account).GetAwaiter().GetResult()!.SecurityStamp.Span;
            var ticket = Tickets.Issue(account, stamp).Value;
            connection.Write($"VER 1 {dialect.Name} CVR0\r\nCVR 2 0x0409 winnt 6.1.0 i386 MSNMSGR 14.0.8117.0416 msmsgs {account}\r\nUSR 3 SSO I {account}\r\n");
            string? nonce = null;
            Invariant.Check(connection.WaitFor(t => (nonce = SsoChallenge().Match(t) is { Success: true } m ? m.Groups[1].Value : null) is not null, Step),
                "no SSO challenge");
            var blob = SsoKeyBlob.Create(Tickets.ProofSecret(ticket), nonce!);
            var machine = dialect.HasPointsOfPresence ? " {F52973B6-C926-4BAD-9BA8-7C1E840E4AB0}" : string.Empty;
            connection.Write($"USR 4 SSO S {ticket} {blob}{machine}\r\n");
            Invariant.Check(connection.WaitFor(t => t.Contains("USR 4 OK", StringComparison.Ordinal), Step), "SSO login failed");
        }
        else
        {
            var stamp = _accounts.FindAsync(account).GetAwaiter().GetResult()!.SecurityStamp.Span;
            var ticket = Tickets.Issue(account, stamp).Value;
            connection.Write($"VER 1 {dialect.Name} CVR0\r\nCVR 2 0x0409 winnt 5.1 i386 MSNMSGR 6.0.0602 MSMSGS {account}\r\n"
                + $"USR 3 TWN I {account}\r\nUSR 4 TWN S {ticket}\r\n");
            Invariant.Check(connection.WaitFor(t => t.Contains("USR 4 OK", StringComparison.Ordinal), Step), "TWN login failed");
        }

        return connection;
    }

    [GeneratedRegex(@"USR 2 MD5 S (\S+)\r\n")]
    private static partial Regex Md5Challenge();

    [GeneratedRegex(@"USR 3 SSO S \S+ (\S+)\r\n")]
    private static partial Regex SsoChallenge();
}
