using System.Net;
using Msnp.Load.Net;

namespace Msnp.Load.Scenarios;

/// <summary>The client-side steps the scenarios share, as an MSNP8 client performs them.</summary>
public static class ClientSteps
{
    /// <summary>
    /// VER, CVR, USR TWN I, USR TWN S with the ticket, then the profile message. Returns the
    /// connection once signed in.
    /// </summary>
    public static async Task<LoadConnection> SignInAsync(IPEndPoint notification, LoadAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var ns = await LoadConnection.ConnectAsync(notification, cancellationToken).ConfigureAwait(false);
        try
        {
            // Sent in one write: the server answers in order, and it saves two round trips.
            await ns.SendAsync(
                $"VER 1 MSNP8 CVR0\r\nCVR 2 0x0409 win 4.10 i386 MSNMSGR 5.0.0544 MSMSGS {account.Email}\r\nUSR 3 TWN I {account.Email}\r\n",
                cancellationToken).ConfigureAwait(false);
            await ns.ReadLineStartingWithAsync("USR 3 TWN S ", cancellationToken).ConfigureAwait(false);
            await ns.SendAsync($"USR 4 TWN S {account.Ticket}\r\n", cancellationToken).ConfigureAwait(false);
            await ns.ReadLineStartingWithAsync("USR 4 OK ", cancellationToken).ConfigureAwait(false);
            await ns.ReadLineStartingWithAsync("MSG Hotmail Hotmail ", cancellationToken).ConfigureAwait(false);
            return ns;
        }
        catch
        {
            await ns.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Goes online (the switchboard refuses hidden or offline users).</summary>
    public static async Task GoOnlineAsync(LoadConnection ns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ns);
        await ns.SendAsync("CHG 5 NLN\r\n", cancellationToken).ConfigureAwait(false);
        await ns.ReadLineStartingWithAsync("CHG 5 ", cancellationToken).ConfigureAwait(false);
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
        var sb = await LoadConnection.ConnectAsync(IPEndPoint.Parse(xfr[3]), cancellationToken).ConfigureAwait(false);
        await sb.SendAsync($"USR 1 {caller.Email} {xfr[5]}\r\nCAL 2 {callee.Email}\r\n", cancellationToken).ConfigureAwait(false);
        await sb.ReadLineStartingWithAsync("USR 1 OK ", cancellationToken).ConfigureAwait(false);
        await sb.ReadLineStartingWithAsync("CAL 2 RINGING ", cancellationToken).ConfigureAwait(false);

        var rng = (await calleeNs.ReadLineStartingWithAsync("RNG ", cancellationToken).ConfigureAwait(false)).Split(' ');
        var answer = await LoadConnection.ConnectAsync(IPEndPoint.Parse(rng[2]), cancellationToken).ConfigureAwait(false);
        await answer.SendAsync($"ANS 1 {callee.Email} {rng[4]} {rng[1]}\r\n", cancellationToken).ConfigureAwait(false);
        await answer.ReadLineStartingWithAsync("ANS 1 OK", cancellationToken).ConfigureAwait(false);
        await sb.ReadLineStartingWithAsync("JOI ", cancellationToken).ConfigureAwait(false);
        return (sb, answer);
    }
}
