namespace Msnp.Protocol.Dialects.Model;

/// <summary>
/// A principal's status as carried by <c>CHG</c>, <c>ILN</c> and <c>NLN</c> (catalogue §5.7).
/// The sub-states of "online" change nothing on the server; only <see cref="Hidden"/> and
/// <see cref="Offline"/> do.
/// </summary>
public enum PresenceStatus
{
    /// <summary><c>NLN</c>: available.</summary>
    Online,

    /// <summary><c>BSY</c>: busy.</summary>
    Busy,

    /// <summary><c>IDL</c>: idle.</summary>
    Idle,

    /// <summary><c>BRB</c>: be right back.</summary>
    BeRightBack,

    /// <summary><c>AWY</c>: away.</summary>
    Away,

    /// <summary><c>PHN</c>: on the phone.</summary>
    OnThePhone,

    /// <summary><c>LUN</c>: out to lunch.</summary>
    OutToLunch,

    /// <summary><c>HDN</c>: appear offline while connected (no switchboard sessions can be started).</summary>
    Hidden,

    /// <summary><c>FLN</c>: offline. Only ever reported by the server; a <c>CHG</c> to it is refused with 201.</summary>
    Offline,
}
