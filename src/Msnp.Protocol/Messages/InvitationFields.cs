namespace Msnp.Protocol.Messages;

/// <summary>The field names of invitation bodies (catalogue §6.10).</summary>
public static class InvitationFields
{
    /// <summary><c>Invitation-Command</c>.</summary>
    public const string Command = "Invitation-Command";

    /// <summary><c>Invitation-Cookie</c>.</summary>
    public const string Cookie = "Invitation-Cookie";

    /// <summary><c>Application-Name</c>.</summary>
    public const string ApplicationName = "Application-Name";

    /// <summary><c>Application-GUID</c>.</summary>
    public const string ApplicationGuid = "Application-GUID";

    /// <summary><c>Application-File</c>.</summary>
    public const string ApplicationFile = "Application-File";

    /// <summary><c>Application-FileSize</c>.</summary>
    public const string ApplicationFileSize = "Application-FileSize";

    /// <summary><c>Connectivity</c>.</summary>
    public const string Connectivity = "Connectivity";

    /// <summary><c>Launch-Application</c>.</summary>
    public const string LaunchApplication = "Launch-Application";

    /// <summary><c>Request-Data</c>.</summary>
    public const string RequestData = "Request-Data";

    /// <summary><c>Sender-Connect</c>.</summary>
    public const string SenderConnect = "Sender-Connect";

    /// <summary><c>IP-Address</c>.</summary>
    public const string IPAddress = "IP-Address";

    /// <summary><c>Port</c>.</summary>
    public const string Port = "Port";

    /// <summary><c>AuthCookie</c>.</summary>
    public const string AuthCookie = "AuthCookie";

    /// <summary><c>IP-Address-Internal</c>.</summary>
    public const string IPAddressInternal = "IP-Address-Internal";

    /// <summary><c>PortX</c>.</summary>
    public const string PortX = "PortX";

    /// <summary><c>PortX-Internal</c>.</summary>
    public const string PortXInternal = "PortX-Internal";

    /// <summary><c>Cancel-Code</c>.</summary>
    public const string CancelCode = "Cancel-Code";

    /// <summary><c>Session-Protocol</c> (other applications, e.g. <c>SM1</c>).</summary>
    public const string SessionProtocol = "Session-Protocol";

    /// <summary><c>Session-ID</c> (other applications).</summary>
    public const string SessionId = "Session-ID";

    /// <summary><c>Context-Data</c> (other applications).</summary>
    public const string ContextData = "Context-Data";

    /// <summary><c>Application-URL</c> (other applications).</summary>
    public const string ApplicationUrl = "Application-URL";

    /// <summary>Every name above, for telling known fields from unknown ones.</summary>
    internal static readonly string[] All =
    [
        Command, Cookie, ApplicationName, ApplicationGuid, ApplicationFile, ApplicationFileSize,
        Connectivity, LaunchApplication, RequestData, SenderConnect, IPAddress, Port, AuthCookie,
        IPAddressInternal, PortX, PortXInternal, CancelCode, SessionProtocol, SessionId, ContextData,
        ApplicationUrl,
    ];
}
