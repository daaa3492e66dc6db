using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Server.Presence;

/// <summary>A signed-in notification session as other sessions see it.</summary>
public interface IPresenceEndpoint
{
    /// <summary>The normalised account.</summary>
    string Account { get; }

    /// <summary>The current friendly name (URL-encoded).</summary>
    string FriendlyName { get; }

    /// <summary>The status, <see cref="PresenceStatus.Offline"/> until the first <c>CHG</c>.</summary>
    PresenceStatus Status { get; }

    /// <summary>The client id from <c>CHG</c> (0 when none).</summary>
    uint ClientId { get; }

    /// <summary>The URL-encoded MSNObject from <c>CHG</c>, if any.</summary>
    string? MsnObject { get; }

    /// <summary>The personal message and current media from <c>UUX</c> (MSNP11+), if any.</summary>
    Msnp.Protocol.Messages.PersonalStatus? PersonalStatus { get; }

    /// <summary>The session's dialect, which decides how lines for it are written.</summary>
    MsnpDialect Dialect { get; }

    /// <summary>Queues bytes to this session, written by its dialect's writer.</summary>
    bool Deliver<TState>(TState state, Action<System.Buffers.IBufferWriter<byte>, DialectWriter, TState> write);

    /// <summary>Ends the session with <c>OUT OTH</c> (signed in elsewhere) or <c>OUT SSD</c> (server shutting down).</summary>
    void SignOut(SignOutReason reason);

    /// <summary>True once the session was signed out or ended; switchboard cookies it obtained stop working then.</summary>
    bool HasSignedOut { get; }
}
