using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Protocol.Dialects;

/// <summary>
/// One protocol version and the facts that differ between versions, kept as data so that a
/// later version is a new row, not a rewrite. Catalogue §3 and §5.
/// </summary>
public sealed record MsnpDialect
{
    private MsnpDialect(int version) => Version = version;

    /// <summary>The version number: 8 for <c>MSNP8</c>.</summary>
    public int Version { get; }

    /// <summary>The token used in <c>VER</c>: <c>MSNP8</c>.</summary>
    public string Name => "MSNP" + Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>How the client authenticates: <c>MD5</c> (MSNP2–7), <c>TWN</c> (MSNP8–14), <c>SSO</c> (MSNP15+).</summary>
    public required AuthenticationMethod Authentication { get; init; }

    /// <summary><c>INF</c> is valid (MSNP2–MSNP7).</summary>
    public required bool HasInf { get; init; }

    /// <summary><c>CVR</c> is a mandatory login step between <c>VER</c> and <c>USR</c> (MSNP8+).</summary>
    public required bool RequiresCvr { get; init; }

    /// <summary><c>CVR</c> carries the client's own account as its 8th parameter (MSNP8+).</summary>
    public required bool CvrHasAccount { get; init; }

    /// <summary>Number of parameters after the TrID in <c>XFR … NS</c>: 2 (MSNP2), 3 (MSNP3–6), 4 (MSNP7+) — counting the <c>NS</c> token.</summary>
    public required int XfrNsParameterCount { get; init; }

    /// <summary><c>USR … OK</c> carries the "verified" flag (MSNP6+).</summary>
    public required bool UsrOkHasVerifiedFlag { get; init; }

    /// <summary><c>USR … OK</c> carries the trailing "restricted/kid" flag (MSNP8+).</summary>
    public required bool UsrOkHasRestrictedFlag { get; init; }

    /// <summary>The server sends <c>CHL</c> challenges and the client answers with <c>QRY</c> (MSNP6+).</summary>
    public required bool HasChallenges { get; init; }

    /// <summary>Groups exist: <c>ADG</c>/<c>RMG</c>/<c>REG</c>, <c>LSG</c>, group ids on FL (MSNP7+).</summary>
    public required bool HasGroups { get; init; }

    /// <summary>List lines inside a <c>SYN</c> reply carry the TrID (MSNP2–MSNP7); from MSNP8 they do not.</summary>
    public required bool SyncLinesHaveTrId { get; init; }

    /// <summary>The <c>SYN</c> reply carries contact and group counts and one <c>LST</c> per contact with list bits (MSNP8+).</summary>
    public required bool SyncHasCounts { get; init; }

    /// <summary>The client may request a list with <c>LST TrID FL|AL|BL|RL</c> (MSNP2–MSNP7).</summary>
    public required bool HasListRequest { get; init; }

    /// <summary>Phone numbers and mobile settings (<c>PRP</c>, <c>BPR</c>) exist (MSNP5+).</summary>
    public required bool HasPhoneNumbers { get; init; }

    /// <summary><c>CHG</c>/<c>ILN</c>/<c>NLN</c> carry a client id (MSNP8+).</summary>
    public required bool HasClientId { get; init; }

    /// <summary><c>CHG</c>/<c>ILN</c>/<c>NLN</c> carry an URL-encoded MSNObject after the client id (MSNP9+).</summary>
    public required bool HasMsnObject { get; init; }

    /// <summary><c>QNG</c> carries the seconds until the next expected <c>PNG</c> (MSNP9+).</summary>
    public required bool QngHasSeconds { get; init; }

    /// <summary>Switchboard <c>MSG</c> accepts ack mode <c>D</c> (MSNP9+).</summary>
    public required bool HasAckModeD { get; init; }

    /// <summary>The command a client uses to page a mobile device: <c>PAG</c> (MSNP5–MSNP8), <c>PGD</c> (MSNP9), or null.</summary>
    public required string? PagingCommand { get; init; }

    /// <summary><c>SDC</c> exists (MSNP5+).</summary>
    public required bool HasSdc { get; init; }

    /// <summary><c>NOT</c> alerts exist (MSNP5+).</summary>
    public required bool HasNotifications { get; init; }

    /// <summary><c>IPG</c> incoming pages exist (MSNP6+).</summary>
    public required bool HasIncomingPages { get; init; }

    /// <summary><c>URL</c> replies carry a site id (MSNP3+).</summary>
    public required bool UrlHasSiteId { get; init; }

    /// <summary><c>USR … OK</c> carries the friendly name (MSNP2–9); from MSNP10 the name comes as <c>PRP MFN</c> in the sync.</summary>
    public required bool UsrOkHasFriendlyName { get; init; }

    /// <summary>
    /// Contacts and groups are addressed by GUID (MSNP10+): <c>LSG name guid</c>, <c>LST N= F= C=</c>,
    /// <c>ADC</c> instead of <c>ADD</c>, <c>REM FL contactGuid</c>, <c>ADG</c>/<c>RMG</c>/<c>REG</c> with group GUIDs.
    /// </summary>
    public required bool HasGuids { get; init; }

    /// <summary>
    /// List changes carry a list version (MSNP2–9). From MSNP10 the client caches two timestamps
    /// (<c>SYN TrID ts ts</c>) and no reply to a change carries a version.
    /// </summary>
    public required bool ListsHaveVersions { get; init; }

    /// <summary><c>REA</c> renames the user or a contact (MSNP2–9); from MSNP10 it is disabled (<c>PRP MFN</c>, <c>SBP … MFN</c> instead).</summary>
    public required bool HasRename { get; init; }

    /// <summary><c>SBP TrID contactGuid TYPE value</c> stores a contact property (MSNP10–12).</summary>
    public required bool HasContactProperties { get; init; }

    /// <summary><c>UUX</c> (personal message, current media) and <c>UBX</c> exist (MSNP11+).</summary>
    public required bool HasPersonalMessages { get; init; }

    /// <summary>After <c>USR … OK</c> the server sends <c>SBS 0 null</c>, and after the first presence the initial mail-data message (MSNP11+).</summary>
    public required bool SendsMailData { get; init; }

    /// <summary><c>GCF TrID filename</c> asks for a configuration file (MSNP11+).</summary>
    public required bool HasConfigFiles { get; init; }

    /// <summary>
    /// The pending list exists (MSNP11+): <c>LST</c> marks principals who added the user and await a
    /// decision with the <c>PL</c> bit (16), and the client takes them off it with <c>REM TrID PL account</c>.
    /// </summary>
    public required bool HasPendingList { get; init; }

    /// <summary><c>LST</c> lines carry a network id (<c>1</c>) after the list bits (MSNP12+).</summary>
    public required bool ListHasNetworkId { get; init; }

    /// <summary>Switchboard <c>IRO</c>/<c>JOI</c> carry the participant's client id (MSNP12+).</summary>
    public required bool RosterHasClientId { get; init; }

    /// <summary>
    /// The lists come from the address book (MSNP13+): <c>SYN</c> is disabled (502) and <c>GTC</c> is
    /// gone; the client announces its lists with <c>ADL</c> (XML) and takes entries off with <c>RML</c>.
    /// </summary>
    public required bool ListsFromAddressBook { get; init; }

    /// <summary>Before <c>USR … S</c> the server sends the unsolicited policy <c>GCF 0 len</c> (MSNP13+).</summary>
    public required bool SendsPolicyAtLogin { get; init; }

    /// <summary><c>FQY</c> (which network an address is on) exists (MSNP14+).</summary>
    public required bool HasFederatedQuery { get; init; }

    /// <summary><c>UUN</c> (client) and <c>UBN</c> (server) carry notifications between one user's endpoints and contacts (MSNP13+).</summary>
    public required bool HasUserNotifications { get; init; }

    /// <summary>How a contact is named on <c>ILN</c>/<c>NLN</c>/<c>FLN</c>/<c>UBX</c>: the account (2–13), account and network id (14–17), <c>1:account</c> (18).</summary>
    public required PresenceHandleStyle PresenceHandle { get; init; }

    /// <summary><c>FLN</c> carries the capabilities after the handle: <c>0</c> (MSNP14–15), <c>0:0</c> (MSNP16+).</summary>
    public required bool FlnHasCapabilities { get; init; }

    /// <summary><c>XFR … SB</c> and <c>RNG</c> end with <c>U messenger.msn.com</c> (MSNP13+).</summary>
    public required bool SwitchboardReferralHasDomain { get; init; }

    /// <summary><c>XFR … SB</c> and <c>RNG</c> carry a trailing <c>1</c> after the domain (MSNP14+).</summary>
    public required bool SwitchboardReferralHasFlag { get; init; }

    /// <summary>Capabilities are written <c>caps:capsEx</c> on <c>CHG</c>/<c>ILN</c>/<c>NLN</c> (MSNP16+); before, one number.</summary>
    public required bool HasExtendedCapabilities { get; init; }

    /// <summary>
    /// Several points of presence (MSNP16+): a machine GUID in <c>USR … SSO S</c>, switchboard
    /// <c>USR</c>/<c>ANS</c>/<c>CAL</c>/<c>JOI</c>/<c>IRO</c> with <c>account;{guid}</c>, own presence echoed
    /// to the user's other endpoints, <c>UBX</c> with <c>EndpointData</c>/<c>PrivateEndpointData</c>, an
    /// empty <c>UBX</c> at sign-in.
    /// </summary>
    public required bool HasPointsOfPresence { get; init; }

    /// <summary>The personal status carries <c>DDP</c>, <c>Scene</c>, <c>ColorScheme</c>, <c>SignatureSound</c> (MSNP18+).</summary>
    public required bool HasRichPersonalStatus { get; init; }

    /// <summary>
    /// A contact's presence asked for by <c>CHG</c>/<c>ADL</c> comes as <c>ILN TrID …</c> (MSNP2–17); at MSNP18
    /// as a plain <c>NLN</c> (escargot; Pidgin's <c>ILN</c> reader expects <c>account network</c>, not <c>1:account</c>).
    /// </summary>
    public required bool HasIln { get; init; }

    /// <summary><c>PUT</c>/<c>SDG</c> (client) and <c>NFY</c> (server) payload commands exist (MSNP18: circles).</summary>
    public required bool HasPutNotify { get; init; }

    /// <summary>How a <c>QRY</c> answer to <c>CHL</c> is computed: MD5 (MSNP6–10), the MSNP11 algorithm (MSNP11–18).</summary>
    public required ChallengeAlgorithm Challenge { get; init; }

    /// <summary>The product id/key pairs a server accepts in <c>QRY</c> at this version (empty before MSNP6).</summary>
    public required IReadOnlyList<Auth.ChallengeKey> ChallengeKeys { get; init; }

    /// <summary>The pair a client of this version answers with (null before MSNP6).</summary>
    public Auth.ChallengeKey? ClientChallengeKey => ChallengeKeys.Count > 0 ? ChallengeKeys[0] : null;

    /// <summary>MSNP2.</summary>
    public static MsnpDialect Msnp2 { get; } = Build(2);

    /// <summary>Parses a list name a client may send in this dialect: <c>FL</c>, <c>AL</c>, <c>BL</c>, <c>RL</c>, and <c>PL</c> where the pending list exists.</summary>
    public bool TryParseList(ReadOnlySpan<char> token, out ListKind list) =>
        HasPendingList ? ListKinds.TryParseWithPending(token, out list) : ListKinds.TryParse(token, out list);

    /// <summary>MSNP3.</summary>
    public static MsnpDialect Msnp3 { get; } = Build(3);

    /// <summary>MSNP4.</summary>
    public static MsnpDialect Msnp4 { get; } = Build(4);

    /// <summary>MSNP5.</summary>
    public static MsnpDialect Msnp5 { get; } = Build(5);

    /// <summary>MSNP6.</summary>
    public static MsnpDialect Msnp6 { get; } = Build(6);

    /// <summary>MSNP7.</summary>
    public static MsnpDialect Msnp7 { get; } = Build(7);

    /// <summary>MSNP8, the reference dialect.</summary>
    public static MsnpDialect Msnp8 { get; } = Build(8);

    /// <summary>MSNP9.</summary>
    public static MsnpDialect Msnp9 { get; } = Build(9);

    /// <summary>MSNP10 (MSN Messenger 6.1–6.2).</summary>
    public static MsnpDialect Msnp10 { get; } = Build(10);

    /// <summary>MSNP11 (MSN Messenger 7.0).</summary>
    public static MsnpDialect Msnp11 { get; } = Build(11);

    /// <summary>MSNP12 (MSN Messenger 7.5, msn-pecan).</summary>
    public static MsnpDialect Msnp12 { get; } = Build(12);

    /// <summary>MSNP13 (Windows Live Messenger 8.0, Pidgin 2.3–2.4): lists from the address book, TWN sign-in.</summary>
    public static MsnpDialect Msnp13 { get; } = Build(13);

    /// <summary>MSNP14 (Windows Live Messenger 8.1): network ids on presence, <c>FQY</c>.</summary>
    public static MsnpDialect Msnp14 { get; } = Build(14);

    /// <summary>MSNP15 (Windows Live Messenger 8.5, Pidgin 2.5–2.7, BitlBee 3.0): SSO sign-in.</summary>
    public static MsnpDialect Msnp15 { get; } = Build(15);

    /// <summary>MSNP16 (Pidgin 2.8–2.10.1): several points of presence, <c>caps:capsEx</c>.</summary>
    public static MsnpDialect Msnp16 { get; } = Build(16);

    /// <summary>MSNP17.</summary>
    public static MsnpDialect Msnp17 { get; } = Build(17);

    /// <summary>MSNP18 (Windows Live Messenger 2009, Pidgin 2.10.2–2.11, BitlBee 3.0.6–3.2.2): <c>1:account</c> handles.</summary>
    public static MsnpDialect Msnp18 { get; } = Build(18);

    /// <summary>Every dialect the library knows, newest first (the order a server prefers).</summary>
    public static IReadOnlyList<MsnpDialect> All { get; } = [Msnp18, Msnp17, Msnp16, Msnp15, Msnp14, Msnp13, Msnp12, Msnp11, Msnp10, Msnp9, Msnp8, Msnp7, Msnp6, Msnp5, Msnp4, Msnp3, Msnp2];

    /// <summary>MSNP2–9, the dialects before contacts and groups became GUIDs.</summary>
    public static IReadOnlyList<MsnpDialect> Classic { get; } = [.. All.Where(d => !d.HasGuids)];

    private static readonly FrozenDictionary<string, MsnpDialect> ByName =
        All.ToFrozenDictionary(d => d.Name, StringComparer.Ordinal);

    /// <summary>The lowest supported version.</summary>
    public const int MinimumVersion = 2;

    /// <summary>The highest supported version.</summary>
    public const int MaximumVersion = 18;

    /// <summary>
    /// Finds a dialect by its <c>VER</c> token. Tokens are case-sensitive (<c>msnp8</c> is not a version).
    /// <c>CVR0</c> is not a dialect; see <see cref="VersionNegotiation"/>.
    /// </summary>
    public static bool TryGet(string token, [NotNullWhen(true)] out MsnpDialect? dialect) => ByName.TryGetValue(token, out dialect);

    /// <summary>Finds a dialect by number (2–18).</summary>
    public static MsnpDialect FromVersion(int version) =>
        version is >= MinimumVersion and <= MaximumVersion
            ? All[MaximumVersion - version]
            : throw new ArgumentOutOfRangeException(nameof(version), version, "Supported versions are MSNP2 to MSNP18.");

    /// <summary>Parses a dialect name such as <c>MSNP8</c> (case-insensitive, for command-line use) or a bare number.</summary>
    public static bool TryParseLenient(string text, [NotNullWhen(true)] out MsnpDialect? dialect)
    {
        var s = text.Trim();
        if (s.StartsWith("MSNP", StringComparison.OrdinalIgnoreCase))
        {
            s = s[4..];
        }

        dialect = int.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v)
            && v is >= MinimumVersion and <= MaximumVersion ? FromVersion(v) : null;
        return dialect is not null;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static MsnpDialect Build(int v) => new(v)
    {
        Authentication = v switch { >= 15 => AuthenticationMethod.SingleSignOn, >= 8 => AuthenticationMethod.Tweener, _ => AuthenticationMethod.Md5 },
        HasInf = v <= 7,
        RequiresCvr = v >= 8,
        CvrHasAccount = v >= 8,
        XfrNsParameterCount = v switch { 2 => 2, <= 6 => 3, _ => 4 },
        UsrOkHasVerifiedFlag = v >= 6,
        UsrOkHasRestrictedFlag = v >= 8,
        HasChallenges = v >= 6,
        HasGroups = v >= 7,
        SyncLinesHaveTrId = v <= 7,
        SyncHasCounts = v >= 8,
        HasListRequest = v <= 7,
        HasPhoneNumbers = v >= 5,
        HasClientId = v >= 8,
        HasMsnObject = v >= 9,
        QngHasSeconds = v >= 9,
        HasAckModeD = v >= 9,
        PagingCommand = v switch { <= 4 => null, <= 8 => "PAG", _ => "PGD" },
        HasSdc = v >= 5,
        HasNotifications = v >= 5,
        HasIncomingPages = v >= 6,
        UrlHasSiteId = v >= 3,
        UsrOkHasFriendlyName = v <= 9,
        HasGuids = v >= 10,
        ListsHaveVersions = v <= 9,
        HasRename = v <= 9,
        HasContactProperties = v is >= 10 and <= 12,
        HasPersonalMessages = v >= 11,
        SendsMailData = v >= 11,
        HasConfigFiles = v >= 11,
        HasPendingList = v >= 11,
        ListHasNetworkId = v >= 12,
        RosterHasClientId = v >= 12,
        ListsFromAddressBook = v >= 13,
        SendsPolicyAtLogin = v >= 13,
        HasFederatedQuery = v >= 14,
        HasUserNotifications = v >= 13,
        PresenceHandle = v switch { >= 18 => PresenceHandleStyle.NetworkPrefixed, >= 14 => PresenceHandleStyle.AccountAndNetwork, _ => PresenceHandleStyle.Account },
        FlnHasCapabilities = v >= 14,
        SwitchboardReferralHasDomain = v >= 13,
        SwitchboardReferralHasFlag = v >= 14,
        HasExtendedCapabilities = v >= 16,
        HasPointsOfPresence = v >= 16,
        HasRichPersonalStatus = v >= 18,
        HasPutNotify = v >= 18,
        HasIln = v <= 17,
        Challenge = v >= 11 ? ChallengeAlgorithm.Msnp11 : ChallengeAlgorithm.Md5,
        ChallengeKeys = v switch
        {
            < 6 => [],
            <= 10 => Auth.ChallengeKeys.Documented,
            <= 12 => Auth.ChallengeKeys.Msnp11,
            <= 14 => Auth.ChallengeKeys.Msnp13,
            _ => Auth.ChallengeKeys.Msnp15,
        },
    };
}
