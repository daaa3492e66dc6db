namespace Msnp.Protocol.Messages;

/// <summary>Application identifiers used in invitations.</summary>
public static class InvitationApplications
{
    /// <summary>The <c>Application-GUID</c> of MSNFTP file transfer.</summary>
    public const string FileTransferGuid = "{5D3E02AB-6190-11d3-BBBB-00C04F795683}";

    /// <summary>The <c>Application-Name</c> of MSNFTP file transfer.</summary>
    public const string FileTransferName = "File Transfer";
}
