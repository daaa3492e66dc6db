namespace Msnp.Server.Storage;

/// <summary>A <c>PRP</c>/<c>BPR</c> type; member names are the wire tokens (catalogue §3.3).</summary>
public enum PhoneType
{
    /// <summary>Home phone number.</summary>
    PHH,

    /// <summary>Work phone number.</summary>
    PHW,

    /// <summary>Mobile phone number.</summary>
    PHM,

    /// <summary>Others may page the user's mobile device (<c>Y</c>/<c>N</c>).</summary>
    MOB,

    /// <summary>A mobile device is enabled (<c>Y</c>/<c>N</c>); the user's own setting, never sent as <c>BPR</c>.</summary>
    MBE,

    /// <summary>MSN Direct device; the user's own setting, never sent as <c>BPR</c>.</summary>
    WWE,
}
