using System.Net;
using Msnp.Load.Net;
using Msnp.Load.Targets;
using Msnp.Protocol.Auth.Sso;
using Msnp.Protocol.Dialects;

namespace Msnp.Load.Scenarios;

/// <summary>The client-side steps the scenarios share, as an MSNP8 client performs them (or a later one, with <c>--version</c>).</summary>
public static class ClientSteps
{
    /// <summary>
    /// VER, CVR, USR TWN I, USR TWN S with the ticket, then the profile message. Returns the
    /// connection once signed in.
    /// </summary>
    public static Task<LoadConnection> SignInAsync(IPEndPoint notification, LoadAccount account, CancellationToken cancellationToken) =>
        SignInAsync(notification, account, MsnpDialect.Msnp8, cancellationToken);

    /// <summary>As <see cref="SignInAsync(IPEndPoint, LoadAccount, CancellationToken)"/> at any version from MSNP8 (all sign in with a ticket).</summary>
    public static Task<LoadConnection> SignInAsync(IPEndPoint notification, LoadAccount account, MsnpDialect dialect, CancellationToken cancellationToken) =>
        SignInAsync(notification, account, dialect, null, cancellationToken);

    /// <summary>As <see cref="SignInAsync(IPEndPoint, LoadAccount, MsnpDialect, CancellationToken)"/> from the loopback address <paramref name="source"/>.</summary>
    public static async Task<LoadConnection> SignInAsync(IPEndPoint notification, LoadAccount account, MsnpDialect dialect, IPAddress? source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(dialect);
        var ns = await LoadConnection.ConnectAsync(notification, dialect, source, cancellationToken).ConfigureAwait(false);
        try
        {
            // Sent in one write, USR S included: the server answers in order, and the ticket was
            // issued beforehand, so the client need not wait for the challenge (a real client
            // fetches its ticket with it). One write and one read instead of two round trips; the
            // lines are written piecewise so the load side builds no strings per sign-in.
            ns.Write(dialect.Version == 8 ? "VER 1 MSNP8 CVR0\r\nCVR 2 0x0409 win 4.10 i386 MSNMSGR 5.0.0544 MSMSGS " : $"VER 1 {dialect.Name} CVR0\r\nCVR 2 0x0409 win 4.10 i386 MSNMSGR 7.5.0324 MSMSGS ");
            ns.Write(account.Email);
            ns.Write("\r\nUSR 3 TWN I ");
            ns.Write(account.Email);
            ns.Write("\r\nUSR 4 TWN S ");
            ns.Write(account.Ticket);
            ns.Write("\r\n");
            await ns.FlushAsync(cancellationToken).ConfigureAwait(false);
            await ns.SkipToLineStartingWithAsync("USR 3 TWN S ", cancellationToken).ConfigureAwait(false);
            await ns.SkipToLineStartingWithAsync("USR 4 OK ", cancellationToken).ConfigureAwait(false);
            await ns.SkipToLineStartingWithAsync("MSG Hotmail Hotmail ", cancellationToken).ConfigureAwait(false);
            return ns;
        }
        catch
        {
            await ns.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Signs <paramref name="account"/> in at the target's version: with its ticket (MSNP8–14), or
    /// with SSO (MSNP15+, see <see cref="SignInWithSsoAsync"/>) through <paramref name="web"/>, or
    /// through a client made for this one sign-in when none is given.
    /// </summary>
    public static Task<LoadConnection> SignInAsync(ILoadTarget target, LoadAccount account, CancellationToken cancellationToken, WebServicesClient? web = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return SignInAsync(target, target.Notification, account, cancellationToken, web);
    }

    /// <summary>As <see cref="SignInAsync(ILoadTarget, LoadAccount, CancellationToken, WebServicesClient?)"/> at the notification server <paramref name="node"/> (one of the target's <see cref="ILoadTarget.Nodes"/>).</summary>
    public static async Task<LoadConnection> SignInAsync(ILoadTarget target, IPEndPoint node, LoadAccount account, CancellationToken cancellationToken, WebServicesClient? web = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Dialect.Authentication != AuthenticationMethod.SingleSignOn)
        {
            return await SignInAsync(node, account, target.Dialect, cancellationToken).ConfigureAwait(false);
        }

        if (web is not null)
        {
            return await SignInWithSsoAsync(node, web, account, target.Dialect, cancellationToken).ConfigureAwait(false);
        }

        using var own = CreateWebServices(target);
        return await SignInWithSsoAsync(node, own, account, target.Dialect, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The first step of a client's sign-in at a dispatch server: <c>VER</c>, <c>CVR</c> and
    /// <c>USR … I</c> for <paramref name="account"/> at <paramref name="dialect"/>, answered by
    /// <c>XFR … NS host:port</c>; returns that notification server (a loopback address stays as
    /// given, any other is taken as the dispatch server's host).
    /// </summary>
    /// <exception cref="InvalidOperationException">The server answered with an error or with no referral.</exception>
    public static async Task<IPEndPoint> ReferAsync(IPEndPoint dispatch, LoadAccount account, MsnpDialect dialect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        return await StartLoginAsync(dispatch, account.Email, dialect, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{dispatch} is a notification server, not a dispatch server: it did not refer {account.Email} elsewhere.");
    }

    /// <summary>A web-services client for the target's HTTPS listener (where <c>login2.srf</c> is).</summary>
    public static WebServicesClient CreateWebServices(ILoadTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var login = target.PassportLogin ?? throw new InvalidOperationException($"{target.Dialect.Name} signs in with SSO, which needs the server's HTTPS address (--passport).");
        return new WebServicesClient(new Uri(login, "/"));
    }

    /// <summary>
    /// A Windows Live Messenger sign-in (MSNP15+) as BitlBee and Pidgin perform it: VER, CVR,
    /// <c>USR SSO I</c>; the token service for the policy the server named (the password check,
    /// on the load tool's cheap-hash accounts); <c>USR SSO S</c> with the ticket, the MBI key blob
    /// over the server's nonce and (MSNP16+) a machine GUID; the address book (<c>ABFindAll</c>);
    /// the initial <c>ADL</c>, answered <c>ADL … OK</c>. Returns the connection once signed in.
    /// </summary>
    public static async Task<LoadConnection> SignInWithSsoAsync(IPEndPoint notification, WebServicesClient web, LoadAccount account, MsnpDialect dialect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(web);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(dialect);
        var ns = await LoadConnection.ConnectAsync(notification, dialect, cancellationToken).ConfigureAwait(false);
        try
        {
            ns.Write($"VER 1 {dialect.Name} CVR0\r\nCVR 2 0x0409 winnt 6.1.0 i386 MSNMSGR 14.0.8117.0416 msmsgs ");
            ns.Write(account.Email);
            ns.Write("\r\nUSR 3 SSO I ");
            ns.Write(account.Email);
            ns.Write("\r\n");
            await ns.FlushAsync(cancellationToken).ConfigureAwait(false);

            // USR 3 SSO S <policy> <nonce>, after the unsolicited GCF.
            var challenge = (await ns.ReadLineStartingWithAsync("USR 3 SSO S ", cancellationToken).ConfigureAwait(false)).Split(' ');
            if (challenge.Length != 6)
            {
                throw new InvalidDataException("Unexpected SSO challenge: " + string.Join(' ', challenge));
            }

            var tokens = await web.RequestTokensAsync(account.Email, LoadAccounts.Password, challenge[4], cancellationToken).ConfigureAwait(false);
            ns.Write("USR 4 SSO S ");
            ns.Write(tokens.Ticket);
            ns.Write(" ");
            ns.Write(SsoKeyBlob.Create(tokens.Secret, challenge[5]));
            ns.Write(dialect.HasPointsOfPresence ? " " + Guid.NewGuid().ToString("B").ToUpperInvariant() + "\r\n" : "\r\n");
            await ns.FlushAsync(cancellationToken).ConfigureAwait(false);
            await ns.SkipToLineStartingWithAsync("USR 4 OK ", cancellationToken).ConfigureAwait(false);

            await web.FindAllAsync(tokens.ContactsTicket, cancellationToken).ConfigureAwait(false);
            ns.Write(InitialAdl);
            await ns.FlushAsync(cancellationToken).ConfigureAwait(false);
            await ns.SkipToLineStartingWithAsync("ADL 5 OK", cancellationToken).ConfigureAwait(false);
            return ns;
        }
        catch
        {
            await ns.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // The empty address list Pidgin sends first (its contacts follow in later ADLs; load accounts have none).
    private const string InitialAdl = "ADL 5 11\r\n<ml l=\"1\"/>";

    /// <summary>
    /// Starts a login at <paramref name="server"/>: a dispatch server refers the client to a
    /// notification server with <c>XFR NS</c>, a notification server asks for the ticket. Returns
    /// the notification server's endpoint either way.
    /// </summary>
    public static async Task<IPEndPoint> FindNotificationServerAsync(IPEndPoint server, CancellationToken cancellationToken) =>
        await StartLoginAsync(server, "probe@load.test", MsnpDialect.Msnp8, cancellationToken).ConfigureAwait(false) ?? server;

    // VER, CVR and USR … I for the account: the referral of a dispatch server (XFR … NS), or null
    // when the server asks for the credentials itself (a notification server).
    private static async Task<IPEndPoint?> StartLoginAsync(IPEndPoint server, string email, MsnpDialect dialect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var connection = await LoadConnection.ConnectAsync(server, dialect, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var sso = dialect.Authentication == AuthenticationMethod.SingleSignOn;
            connection.Write(dialect.Version == 8 ? "VER 1 MSNP8 CVR0\r\nCVR 2 0x0409 win 4.10 i386 MSNMSGR 5.0.0544 MSMSGS " : $"VER 1 {dialect.Name} CVR0\r\nCVR 2 0x0409 win 4.10 i386 MSNMSGR 7.5.0324 MSMSGS ");
            connection.Write(email);
            connection.Write(sso ? "\r\nUSR 3 SSO I " : "\r\nUSR 3 TWN I ");
            connection.Write(email);
            connection.Write("\r\n");
            await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var line = await connection.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                if (line.StartsWith("XFR 3 NS ", StringComparison.Ordinal))
                {
                    var target = IPEndPoint.Parse(line.Split(' ')[3]);
                    return IPAddress.IsLoopback(target.Address) ? target : new IPEndPoint(server.Address, target.Port);
                }

                if (line.StartsWith("USR 3 ", StringComparison.Ordinal))
                {
                    return null;
                }

                if (line.Length > 3 && char.IsAsciiDigit(line[0]))
                {
                    throw new InvalidOperationException($"{server} refused the login: {line}");
                }
            }
        }
    }

    /// <summary>Sends <c>PNG</c> and waits for <c>QNG</c>; everything the server sent before it has then been read.</summary>
    public static async Task PingAsync(LoadConnection ns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ns);
        await ns.SendAsync("PNG\r\n", cancellationToken).ConfigureAwait(false);
        await ns.ReadLineStartingWithAsync("QNG", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Puts <paramref name="contact"/> on the forward list (MSNP8 <c>ADD FL</c>, MSNP10+ <c>ADC FL N= F=</c>);
    /// an entry left by an earlier run (error 215) counts as done.
    /// </summary>
    public static async Task AddToForwardListAsync(LoadConnection ns, string contact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ns);
        var guids = ns.Dialect.HasGuids;
        await ns.SendAsync(guids ? $"ADC 6 FL N={contact} F={contact}\r\n" : $"ADD 6 FL {contact} {contact}\r\n", cancellationToken).ConfigureAwait(false);
        var reply = guids ? "ADC 6 FL " : "ADD 6 FL ";
        while (true)
        {
            var line = await ns.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line.StartsWith(reply, StringComparison.Ordinal) || line.StartsWith("215 6", StringComparison.Ordinal))
            {
                return;
            }

            if (line.Length > 3 && char.IsAsciiDigit(line[0]))
            {
                throw new InvalidOperationException($"ADD FL {contact} failed: {line}");
            }
        }
    }

    /// <summary>
    /// Goes online (the switchboard refuses hidden or offline users) and, where the dialect has
    /// challenges, answers the <c>CHL 0</c> the server sends right after the first <c>CHG</c>
    /// (<c>QRY</c> with the dialect's product pair, then its reply), as a client that stays signed
    /// in must: an unanswered challenge closes the connection after 50 s. One step, so no scenario
    /// can go online and forget the challenge.
    /// </summary>
    public static async Task GoOnlineAsync(LoadConnection ns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ns);
        await ns.SendAsync("CHG 5 NLN\r\n", cancellationToken).ConfigureAwait(false);
        await ns.ReadLineStartingWithAsync("CHG 5 ", cancellationToken).ConfigureAwait(false);
        if (!ns.Dialect.HasChallenges || ns.Dialect.ClientChallengeKey is not { } key)
        {
            return;
        }

        var challenge = (await ns.ReadLineStartingWithAsync("CHL 0 ", cancellationToken).ConfigureAwait(false))["CHL 0 ".Length..].Trim();
        var digest = Protocol.Auth.ChallengeResponse.ComputeDigest(challenge, ns.Dialect);
        await ns.SendAsync($"QRY 7 {key.ClientId} {digest.Length}\r\n{digest}", cancellationToken).ConfigureAwait(false);
        await ns.ReadLineStartingWithAsync("QRY 7", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens a switchboard session from <paramref name="callerNs"/> and invites <paramref name="callee"/>,
    /// who answers the ring. Returns both switchboard connections once the caller has seen JOI.
    /// </summary>
    public static async Task<(LoadConnection Caller, LoadConnection Callee)> OpenSessionAsync(
        LoadConnection callerNs, LoadAccount caller, LoadConnection calleeNs, LoadAccount callee, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callerNs);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(calleeNs);
        ArgumentNullException.ThrowIfNull(callee);
        await callerNs.SendAsync("XFR 6 SB\r\n", cancellationToken).ConfigureAwait(false);
        var xfr = (await callerNs.ReadLineStartingWithAsync("XFR 6 SB ", cancellationToken).ConfigureAwait(false)).Split(' ');
        var sb = await LoadConnection.ConnectAsync(IPEndPoint.Parse(xfr[3]), callerNs.Dialect, cancellationToken).ConfigureAwait(false);
        await sb.SendAsync($"USR 1 {caller.Email} {xfr[5]}\r\nCAL 2 {callee.Email}\r\n", cancellationToken).ConfigureAwait(false);
        await sb.ReadLineStartingWithAsync("USR 1 OK ", cancellationToken).ConfigureAwait(false);
        await sb.ReadLineStartingWithAsync("CAL 2 RINGING ", cancellationToken).ConfigureAwait(false);

        var rng = (await calleeNs.ReadLineStartingWithAsync("RNG ", cancellationToken).ConfigureAwait(false)).Split(' ');
        var answer = await LoadConnection.ConnectAsync(IPEndPoint.Parse(rng[2]), calleeNs.Dialect, cancellationToken).ConfigureAwait(false);
        await answer.SendAsync($"ANS 1 {callee.Email} {rng[4]} {rng[1]}\r\n", cancellationToken).ConfigureAwait(false);
        await answer.ReadLineStartingWithAsync("ANS 1 OK", cancellationToken).ConfigureAwait(false);
        await sb.ReadLineStartingWithAsync("JOI ", cancellationToken).ConfigureAwait(false);
        return (sb, answer);
    }
}
