using System.Diagnostics.CodeAnalysis;

namespace Msnp.Protocol.Messages;

/// <summary>
/// A <c>text/x-msmsgsinvite</c> message: <c>INVITE</c>, <c>ACCEPT</c> or <c>CANCEL</c> for an
/// out-of-band application, MSNFTP file transfer above all. Typed properties read the body
/// fields; unknown fields are kept and written back in place. Cookies and GUIDs are arbitrary
/// strings that peers compare ignoring case.
/// </summary>
public sealed class Invitation : FieldBodyMessage
{
    /// <summary>Wraps body fields in the order they should be written.</summary>
    public Invitation(MimeHeaderList fields)
        : base(fields)
    {
    }

    /// <summary>Validates and wraps body fields in the order they should be written.</summary>
    public Invitation(IEnumerable<MimeHeader> fields)
        : base(new MimeHeaderList(fields))
    {
    }

    /// <inheritdoc/>
    protected override string ContentTypeHeader => ContentTypes.InvitationHeader;

    /// <summary>The command as written.</summary>
    public string? CommandText => this[InvitationFields.Command];

    /// <summary>The command; <see cref="InvitationCommand.Unknown"/> when missing or unrecognised.</summary>
    public InvitationCommand Command => CommandText?.ToUpperInvariant() switch
    {
        "INVITE" => InvitationCommand.Invite,
        "ACCEPT" => InvitationCommand.Accept,
        "CANCEL" => InvitationCommand.Cancel,
        _ => InvitationCommand.Unknown,
    };

    /// <summary>The cookie tying the follow-ups to the <c>INVITE</c>.</summary>
    public string? Cookie => this[InvitationFields.Cookie];

    /// <summary>The application's display name, e.g. <c>File Transfer</c>.</summary>
    public string? ApplicationName => this[InvitationFields.ApplicationName];

    /// <summary>The application's GUID as written.</summary>
    public string? ApplicationGuid => this[InvitationFields.ApplicationGuid];

    /// <summary>True when the GUID is MSNFTP file transfer's.</summary>
    public bool IsFileTransfer => string.Equals(ApplicationGuid, InvitationApplications.FileTransferGuid, StringComparison.OrdinalIgnoreCase);

    /// <summary>The offered file name.</summary>
    public string? FileName => this[InvitationFields.ApplicationFile];

    /// <summary>The offered file size in bytes, or null when absent or not a number.</summary>
    public long? FileSize => GetInt64(InvitationFields.ApplicationFileSize);

    /// <summary>
    /// False when the inviter said <c>Connectivity: N</c> (it cannot accept connections), true for
    /// <c>Y</c>, null when absent (clients before 5.0 never send it).
    /// </summary>
    public bool? CanAcceptConnections => this[InvitationFields.Connectivity]?.ToUpperInvariant() switch
    {
        "N" => false,
        "Y" => true,
        _ => null,
    };

    /// <summary>The <c>Launch-Application</c> flag.</summary>
    public bool? LaunchApplication => GetBoolean(InvitationFields.LaunchApplication);

    /// <summary>The <c>Request-Data</c> value, normally <c>IP-Address:</c>.</summary>
    public string? RequestData => this[InvitationFields.RequestData];

    /// <summary>True when the invitee offers to be the TCP server.</summary>
    public bool? SenderConnect => GetBoolean(InvitationFields.SenderConnect);

    /// <summary>The listening side's address.</summary>
    public string? IPAddress => this[InvitationFields.IPAddress];

    /// <summary>The listening side's port.</summary>
    public int? Port => GetInt32(InvitationFields.Port);

    /// <summary>The MSNFTP auth cookie.</summary>
    public string? AuthCookie => this[InvitationFields.AuthCookie];

    /// <summary>The optional LAN address.</summary>
    public string? IPAddressInternal => this[InvitationFields.IPAddressInternal];

    /// <summary>The optional extra port.</summary>
    public int? PortX => GetInt32(InvitationFields.PortX);

    /// <summary>The optional extra LAN port.</summary>
    public int? PortXInternal => GetInt32(InvitationFields.PortXInternal);

    /// <summary>The address block of an <c>ACCEPT</c>, or null when it lacks address, port or auth cookie.</summary>
    public InvitationAddress? Address =>
        IPAddress is { } ip && Port is { } port && AuthCookie is { } auth
            ? new InvitationAddress(ip, port, auth, IPAddressInternal, PortX, PortXInternal)
            : null;

    /// <summary>The cancel code as written.</summary>
    public string? CancelCodeText => this[InvitationFields.CancelCode];

    /// <summary>The cancel code; <see cref="InvitationCancelCode.Unknown"/> when missing or unrecognised.</summary>
    public InvitationCancelCode CancelCode => ParseCancelCode(CancelCodeText);

    /// <summary>The <c>Session-Protocol</c> of other applications (NetMeeting, voice: <c>SM1</c>).</summary>
    public string? SessionProtocol => this[InvitationFields.SessionProtocol];

    /// <summary>The <c>Session-ID</c> of other applications.</summary>
    public string? SessionId => this[InvitationFields.SessionId];

    /// <summary>The <c>Context-Data</c> of other applications.</summary>
    public string? ContextData => this[InvitationFields.ContextData];

    /// <summary>The <c>Application-URL</c> of other applications.</summary>
    public string? ApplicationUrl => this[InvitationFields.ApplicationUrl];

    /// <summary>The fields this library has no property for, in order.</summary>
    public IEnumerable<MimeHeader> UnknownFields =>
        Fields.Where(f => !Array.Exists(InvitationFields.All, known => f.Is(known)));

    /// <summary>Reads an invitation; false when the content type differs or the body is malformed.</summary>
    public static bool TryParse(MimeMessage message, [NotNullWhen(true)] out Invitation? invitation) =>
        TryParse(message, null, out invitation);

    /// <summary>Reads an invitation with explicit limits for the body fields.</summary>
    public static bool TryParse(MimeMessage message, MimeLimits? limits, [NotNullWhen(true)] out Invitation? invitation)
    {
        invitation = TryReadFields(message, ContentTypes.Invitation, limits, out var fields) ? new Invitation(fields) : null;
        return invitation is not null;
    }

    /// <summary>
    /// The sender's file-transfer <c>INVITE</c>, fields in the official client's order. Pass
    /// <paramref name="canAcceptConnections"/> false to add <c>Connectivity: N</c>.
    /// </summary>
    public static Invitation FileTransferInvite(string cookie, string fileName, long fileSize, bool canAcceptConnections = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fileSize);
        var fields = new List<MimeHeader>
        {
            new(InvitationFields.ApplicationName, InvitationApplications.FileTransferName),
            new(InvitationFields.ApplicationGuid, InvitationApplications.FileTransferGuid),
            new(InvitationFields.Command, "INVITE"),
            new(InvitationFields.Cookie, cookie),
            new(InvitationFields.ApplicationFile, fileName),
            new(InvitationFields.ApplicationFileSize, Format(fileSize)),
        };
        if (!canAcceptConnections)
        {
            fields.Add(new(InvitationFields.Connectivity, "N"));
        }

        return new Invitation(fields);
    }

    /// <summary>
    /// The receiver's plain <c>ACCEPT</c>, asking for the sender's address; with
    /// <paramref name="offer"/> it instead offers to listen (<c>Sender-Connect: TRUE</c>), for an
    /// inviter that cannot accept connections.
    /// </summary>
    public static Invitation Accept(string cookie, InvitationAddress? offer = null)
    {
        var fields = new List<MimeHeader>
        {
            new(InvitationFields.Command, "ACCEPT"),
            new(InvitationFields.Cookie, cookie),
        };
        if (offer is not null)
        {
            AddAddress(fields, offer);
            fields.Add(new(InvitationFields.SenderConnect, "TRUE"));
        }

        fields.Add(new(InvitationFields.LaunchApplication, "FALSE"));
        fields.Add(new(InvitationFields.RequestData, "IP-Address:"));
        return new Invitation(fields);
    }

    /// <summary>The sender's second <c>ACCEPT</c>, giving the address it listens on.</summary>
    public static Invitation AcceptWithAddress(string cookie, InvitationAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var fields = new List<MimeHeader>
        {
            new(InvitationFields.Command, "ACCEPT"),
            new(InvitationFields.Cookie, cookie),
        };
        AddAddress(fields, address);
        fields.Add(new(InvitationFields.LaunchApplication, "FALSE"));
        fields.Add(new(InvitationFields.RequestData, "IP-Address:"));
        return new Invitation(fields);
    }

    /// <summary>
    /// An <c>INVITE</c> for any application: name, GUID, command and cookie first, then the
    /// application's own fields as given.
    /// </summary>
    public static Invitation Invite(string applicationName, string applicationGuid, string cookie, IEnumerable<MimeHeader>? fields = null)
    {
        var all = new List<MimeHeader>
        {
            new(InvitationFields.ApplicationName, applicationName),
            new(InvitationFields.ApplicationGuid, applicationGuid),
            new(InvitationFields.Command, "INVITE"),
            new(InvitationFields.Cookie, cookie),
        };
        all.AddRange(fields ?? []);
        return new Invitation(all);
    }

    /// <summary>An <c>ACCEPT</c> for any application, followed by the application's own fields.</summary>
    public static Invitation AcceptApplication(string cookie, IEnumerable<MimeHeader>? fields = null)
    {
        var all = new List<MimeHeader>
        {
            new(InvitationFields.Command, "ACCEPT"),
            new(InvitationFields.Cookie, cookie),
        };
        all.AddRange(fields ?? []);
        return new Invitation(all);
    }

    /// <summary>A <c>CANCEL</c> with a documented code.</summary>
    public static Invitation Cancel(string cookie, InvitationCancelCode code)
    {
        if (code == InvitationCancelCode.Unknown)
        {
            throw new ArgumentException("Pass the code text for a code this library does not know.", nameof(code));
        }

        return Cancel(cookie, FormatCancelCode(code));
    }

    /// <summary>A <c>CANCEL</c> with any code text.</summary>
    public static Invitation Cancel(string cookie, string codeText) => new(
    [
        new(InvitationFields.Command, "CANCEL"),
        new(InvitationFields.Cookie, cookie),
        new(InvitationFields.CancelCode, codeText),
    ]);

    /// <summary>The wire text of a cancel code.</summary>
    public static string FormatCancelCode(InvitationCancelCode code) => code switch
    {
        InvitationCancelCode.Reject => "REJECT",
        InvitationCancelCode.Timeout => "TIMEOUT",
        InvitationCancelCode.FileTransferTimeout => "FTTIMEOUT",
        InvitationCancelCode.OutOfBandCancel => "OUTBANDCANCEL",
        InvitationCancelCode.Fail => "FAIL",
        InvitationCancelCode.RejectNotInstalled => "REJECT_NOT_INSTALLED",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "No wire text for this code."),
    };

    /// <summary>The cancel code for wire text; <see cref="InvitationCancelCode.Unknown"/> for anything else.</summary>
    public static InvitationCancelCode ParseCancelCode(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "REJECT" => InvitationCancelCode.Reject,
        "TIMEOUT" => InvitationCancelCode.Timeout,
        "FTTIMEOUT" => InvitationCancelCode.FileTransferTimeout,
        "OUTBANDCANCEL" => InvitationCancelCode.OutOfBandCancel,
        "FAIL" => InvitationCancelCode.Fail,
        "REJECT_NOT_INSTALLED" => InvitationCancelCode.RejectNotInstalled,
        _ => InvitationCancelCode.Unknown,
    };

    private static void AddAddress(List<MimeHeader> fields, InvitationAddress a)
    {
        fields.Add(new(InvitationFields.IPAddress, a.IPAddress));
        fields.Add(new(InvitationFields.Port, Format(a.Port)));
        if (a.IPAddressInternal is { } internalIp)
        {
            fields.Add(new(InvitationFields.IPAddressInternal, internalIp));
        }

        if (a.PortX is { } portX)
        {
            fields.Add(new(InvitationFields.PortX, Format(portX)));
        }

        if (a.PortXInternal is { } portXInternal)
        {
            fields.Add(new(InvitationFields.PortXInternal, Format(portXInternal)));
        }

        fields.Add(new(InvitationFields.AuthCookie, a.AuthCookie));
    }
}
