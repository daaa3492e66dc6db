using System.Net;

namespace Msnp.Load.Targets;

/// <summary>
/// The server a scenario drives: our own in-process server, or one already running on loopback.
/// Scenarios only see endpoints and accounts, so both modes run the same client code.
/// </summary>
public interface ILoadTarget : IAsyncDisposable
{
    /// <summary>The notification server's endpoint (after the dispatch server's referral, if any).</summary>
    IPEndPoint Notification { get; }

    /// <summary>
    /// The notification servers of the target's nodes, one per node: the scenarios place their
    /// users on them in turn (<c>--nodes</c>). A single server has one, <see cref="Notification"/>.
    /// </summary>
    IReadOnlyList<IPEndPoint> Nodes => [Notification];

    /// <summary>
    /// Dispatch servers at which each sign-in of the sign-in scenario starts, in turn, following
    /// the <c>XFR … NS</c> referral as a client does; empty: sign-ins go to <see cref="Nodes"/> directly.
    /// </summary>
    IReadOnlyList<IPEndPoint> Dispatch => [];

    /// <summary>The Passport login URL (<c>https://…/login2.srf</c>), or null when unknown.</summary>
    Uri? PassportLogin { get; }

    /// <summary>The server's process id, for reading its memory from /proc.</summary>
    int? ServerProcessId { get; }

    /// <summary>The protocol version the scenarios' clients speak (MSNP8 unless <c>--version</c> says otherwise).</summary>
    Protocol.Dialects.MsnpDialect Dialect { get; }

    /// <summary>True when the server runs in this process, so process-wide figures include the load side.</summary>
    bool SharesProcess { get; }

    /// <summary>
    /// Creates (or reuses) accounts <c>{prefix}{i}@load.test</c> with the password
    /// <see cref="LoadAccounts.Password"/> and returns each with a Passport ticket.
    /// </summary>
    /// <param name="prefix">Name prefix, one per scenario.</param>
    /// <param name="count">How many.</param>
    /// <param name="realPasswordHash">Hash with the server's own work factor (for the Passport password check) instead of a trivial one.</param>
    /// <param name="cancellationToken">Stops the creation.</param>
    Task<IReadOnlyList<LoadAccount>> CreateAccountsAsync(string prefix, int count, bool realPasswordHash, CancellationToken cancellationToken);
}

/// <summary>An account ready to sign in.</summary>
/// <param name="Email">The passport name.</param>
/// <param name="Ticket">A Passport ticket (<c>t=…&amp;p=…</c>) for <c>USR TWN S</c>.</param>
public sealed record LoadAccount(string Email, string Ticket);
