namespace Msnp.Server.Limits;

/// <summary>
/// Per-server limits against floods and guessing, bound from <c>Msnp:Limits</c>. Defaults are
/// far above what a real client does; every value is documented in docs/limits.md.
/// </summary>
public sealed class ServerLimits
{
    /// <summary>Open TCP connections over every role; further connections are closed right after accept.</summary>
    public int MaxConnections { get; set; } = 10_000;

    /// <summary>
    /// MSNP connections and gateway sessions that have not signed in yet (dispatch connections
    /// never do). Smaller than the total, so idle or half-open connections cannot crowd out the
    /// signed-in users' reconnects.
    /// </summary>
    public int MaxUnauthenticatedConnections { get; set; } = 1_000;

    /// <summary>
    /// HTTP and HTTPS connections (Passport, gateway requests), counted apart from
    /// <see cref="MaxConnections"/>; <see cref="MaxConnectionsPerAddress"/> applies to them separately.
    /// </summary>
    public int MaxHttpConnections { get; set; } = 1_000;

    /// <summary>An MSNP connection (or gateway session) that has not sent one complete command by then is closed.</summary>
    public TimeSpan FirstCommandTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Open connections from one remote address, IPv6 peers grouped by /64 (0 = no per-address limit).</summary>
    public int MaxConnectionsPerAddress { get; set; } = 50;

    /// <summary>
    /// Loopback peers (a local proxy, the load tool, tests) skip the per-address limits, because
    /// behind a local proxy every client would otherwise share one address.
    /// </summary>
    public bool ExemptLoopback { get; set; } = true;

    /// <summary>Failed sign-ins per account, and per address, before back-off starts.</summary>
    public int SignInFreeFailures { get; set; } = 5;

    /// <summary>The first back-off; each further failure doubles it.</summary>
    public TimeSpan SignInBackoffBase { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest back-off, which also bounds how long an attacker can lock someone out.</summary>
    public TimeSpan SignInBackoffMax { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Failures are forgotten when none followed for this long.</summary>
    public TimeSpan SignInFailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary><c>CAL</c>s one user may send at once (over all their switchboard sessions) before 713.</summary>
    public int CallBurst { get; set; } = 20;

    /// <summary>Sustained <c>CAL</c> rate per user, per minute.</summary>
    public double CallsPerMinute { get; set; } = 60;

    /// <summary><c>UUN</c> notifications one user may send at once (over all their sessions on a node) before 800.</summary>
    public int UserNotificationBurst { get; set; } = 30;

    /// <summary>Sustained <c>UUN</c> notifications per user, per minute (0 = unlimited).</summary>
    public double UserNotificationsPerMinute { get; set; } = 60;

    /// <summary>Offline messages one sender may store at once before <c>q0:SenderThrottleLimitExceeded</c>.</summary>
    public int OfflineMessageBurst { get; set; } = 20;

    /// <summary>Sustained offline messages per sender, per minute (0 = unlimited).</summary>
    public double OfflineMessagesPerMinute { get; set; } = 30;

    /// <summary>Sustained commands per second one notification connection may send before its reading is slowed (0 = unlimited).</summary>
    public double NotificationCommandsPerSecond { get; set; } = 20;

    /// <summary>Commands a notification connection may send at once before pacing starts (sign-in, SYN, a batch of ADDs).</summary>
    public int NotificationCommandBurst { get; set; } = 100;

    /// <summary>
    /// Sustained commands per second one switchboard connection may send before its reading is
    /// slowed (0 = unlimited, the default: relays are already paced by the receivers' back-pressure).
    /// </summary>
    public double SwitchboardCommandsPerSecond { get; set; }

    /// <summary>Commands a switchboard connection may send at once before pacing starts.</summary>
    public int SwitchboardCommandBurst { get; set; } = 200;

    /// <summary>Accounts and addresses remembered by the sign-in and call limiters; bounds their memory.</summary>
    public int MaxTrackedKeys { get; set; } = 100_000;

    /// <summary>
    /// Once the sign-in table is full of live entries (failures within the window, locks, attempts
    /// in flight), new accounts or addresses are admitted at most this often per second over the
    /// whole server; others are refused like a locked account. A locked entry is never dropped.
    /// </summary>
    public double NewKeysPerSecondWhenFull { get; set; } = 20;

    /// <summary>
    /// Password hashes (PBKDF2) verified at once for Passport (<c>login2.srf</c>, <c>RST.srf</c>)
    /// and the operators' console; about one per core, so guessing cannot take every thread.
    /// </summary>
    public int MaxConcurrentPasswordChecks { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Password checks that may wait for a free slot, served in arrival order; past it, or when the
    /// recent checks' pace says the wait would outlast <see cref="PasswordCheckQueueTimeout"/>, the
    /// request is answered busy at once (0 = no waiting). Each waiter holds one HTTP request.
    /// </summary>
    public int PasswordCheckQueue { get; set; } = 256;

    /// <summary>How long a queued password check waits for a slot before it is answered busy.</summary>
    public TimeSpan PasswordCheckQueueTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a password that passed the full check is remembered in memory (an HMAC under a
    /// key that is never stored), so signing in again within it costs one HMAC instead of a PBKDF2
    /// run and takes no slot among <see cref="MaxConcurrentPasswordChecks"/> (zero: never).
    /// </summary>
    public TimeSpan RememberedPasswordLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Accounts whose password is remembered at once at most (about 200 bytes each; 0 = none).</summary>
    public int RememberedPasswordCapacity { get; set; } = 100_000;

    /// <summary>Passport requests (<c>login2.srf</c>, <c>RST.srf</c>) one address may make at once (0 = no per-address rate).</summary>
    public int PassportRequestBurst { get; set; } = 10;

    /// <summary>Sustained Passport requests per address and minute; loopback counts too when <see cref="ExemptLoopback"/> is false.</summary>
    public double PassportRequestsPerMinute { get; set; } = 30;

    /// <summary>Web-service (SOAP) requests one address may make at once, before any is read (0 = no per-address rate).</summary>
    public int SoapRequestBurst { get; set; } = 100;

    /// <summary>Sustained web-service requests per address and minute (a NAT of many users shares one address).</summary>
    public double SoapRequestsPerMinute { get; set; } = 600;

    /// <summary>Web-service requests one account (whatever ticket or address it uses) may make at once (0 = no per-account rate).</summary>
    public int SoapAccountRequestBurst { get; set; } = 60;

    /// <summary>Sustained web-service requests per account and minute; a sign-in costs 3–6, adding a contact 2–3.</summary>
    public double SoapAccountRequestsPerMinute { get; set; } = 120;

    /// <summary>
    /// Password checks for names without an account (which hash a decoy, so their timing matches a
    /// real account's) the whole server runs per second, loopback included; past it such a name is
    /// refused as a wrong password without hashing (0 = no such rate).
    /// </summary>
    public double UnknownAccountChecksPerSecond { get; set; } = 2;

    /// <summary>Checks for made-up names the server runs at once before <see cref="UnknownAccountChecksPerSecond"/> applies.</summary>
    public int UnknownAccountCheckBurst { get; set; } = 10;
}
