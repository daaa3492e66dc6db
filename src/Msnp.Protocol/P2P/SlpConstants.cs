namespace Msnp.Protocol.P2P;

/// <summary>The SLP content types and application GUIDs of the MSN 6–7 era (Pidgin <c>msn.h</c>, <c>slpcall.c</c>).</summary>
public static class SlpConstants
{
    /// <summary>The EUF-GUID of an MSNObject request (display picture, custom emoticon).</summary>
    public const string MsnObjectGuid = "A4268EEC-FEC5-49E5-95C3-F126696BDBF6";

    /// <summary>The EUF-GUID of a file transfer.</summary>
    public const string FileTransferGuid = "5D3E02AB-6190-11D3-BBBB-00C04F795683";

    /// <summary>The body type of INVITE / 200 OK / 603 that set up a session.</summary>
    public const string SessionRequestBody = "application/x-msnmsgr-sessionreqbody";

    /// <summary>The body type of a BYE that closes a session.</summary>
    public const string SessionCloseBody = "application/x-msnmsgr-sessionclosebody";

    /// <summary>The body type of a direct-connection request (answered by falling back to the switchboard).</summary>
    public const string TransportRequestBody = "application/x-msnmsgr-transreqbody";

    /// <summary>The body type of a direct-connection answer.</summary>
    public const string TransportResponseBody = "application/x-msnmsgr-transrespbody";

    /// <summary>The fixed Via branch Pidgin puts on every BYE (<c>slpcall.c</c> <c>send_bye</c>).</summary>
    public const string ByeBranch = "A0D624A6-6C0C-4283-A9E0-BC97B4B46D32";
}
