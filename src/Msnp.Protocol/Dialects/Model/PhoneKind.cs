namespace Msnp.Protocol.Dialects.Model;

/// <summary>The phone and mobile settings carried by <c>PRP</c> (own) and <c>BPR</c> (a contact's), MSNP5+.</summary>
public enum PhoneKind
{
    /// <summary><c>PHH</c>: home phone number.</summary>
    Home,

    /// <summary><c>PHW</c>: work phone number.</summary>
    Work,

    /// <summary><c>PHM</c>: mobile phone number.</summary>
    Mobile,

    /// <summary><c>MOB</c>: others may page the user's mobile device (<c>Y</c>/<c>N</c>).</summary>
    MobilePaging,

    /// <summary><c>MBE</c>: a mobile device is enabled (<c>Y</c>/<c>N</c>).</summary>
    MobileDevice,

    /// <summary><c>WWE</c>: MSN Direct.</summary>
    MsnDirect,
}
