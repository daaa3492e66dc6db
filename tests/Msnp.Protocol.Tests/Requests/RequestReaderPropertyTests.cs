using CsCheck;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Requests;

namespace Msnp.Protocol.Tests.Requests;

/// <summary>
/// Every reader, given any argument list at any version, returns a request or one of the refusals
/// its documentation names, and never throws.
/// </summary>
public class RequestReaderPropertyTests
{
    private delegate (bool Read, RequestRefusal Refusal) Reader(MsnpCommand command, MsnpDialect dialect);

    private static readonly RequestRefusal Close = RequestRefusal.Close;

    private static RequestRefusal E(MsnpErrorCode code) => RequestRefusal.Reply(code);

    private static RequestRefusal EClose(MsnpErrorCode code) => RequestRefusal.ReplyAndClose(code);

    private static Reader Of<T>(ReadRequest<T> read)
        where T : struct => (command, dialect) => (read(command, dialect, out _, out var refusal), refusal);

    // The refusals each reader documents (docs/dialects.md, "Requests").
    private static readonly (string Name, CommandCode Code, Reader Read, RequestRefusal[] Documented)[] Readers =
    [
        ("SYN version", CommandCodes.Syn, Of<SyncRequest>(RequestReader.TryReadSync), [Close]),
        ("SYN stamps", CommandCodes.Syn, Of<StampedSyncRequest>(RequestReader.TryReadStampedSync), [Close]),
        ("LST", CommandCodes.Lst, Of<ListRequest>(RequestReader.TryReadList), [Close]),
        ("ADD", CommandCodes.Add, Of<AddRequest>(RequestReader.TryReadAdd), [Close, E(MsnpErrorCode.NicknameChangeIllegal), E(MsnpErrorCode.InvalidParameter), E(MsnpErrorCode.InvalidGroup)]),
        ("REM", CommandCodes.Rem, Of<RemoveRequest>(RequestReader.TryReadRemove), [Close, E(MsnpErrorCode.InvalidGroup)]),
        ("REA", CommandCodes.Rea, Of<RenameRequest>(RequestReader.TryReadRename), [Close, E(MsnpErrorCode.NicknameChangeIllegal)]),
        ("GTC", CommandCodes.Gtc, Of<PromptRequest>(RequestReader.TryReadPrompt), [Close]),
        ("BLP", CommandCodes.Blp, Of<PrivacyRequest>(RequestReader.TryReadPrivacy), [Close]),
        ("PRP phone", CommandCodes.Prp, Of<PropertyRequest>(RequestReader.TryReadPhone), [Close, EClose(MsnpErrorCode.NotExpected)]),
        ("PRP", CommandCodes.Prp, Of<PropertyRequest>(RequestReader.TryReadProperty), [Close, EClose(MsnpErrorCode.NotExpected), E(MsnpErrorCode.NicknameChangeIllegal)]),
        ("ADC", CommandCodes.Adc, Of<AddContactRequest>(RequestReader.TryReadAddContact), [Close, E(MsnpErrorCode.InvalidParameter), E(MsnpErrorCode.NicknameChangeIllegal), E(MsnpErrorCode.InvalidGroup)]),
        ("REM GUID", CommandCodes.Rem, Of<RemoveContactRequest>(RequestReader.TryReadRemoveContact), [Close, E(MsnpErrorCode.InvalidParameter)]),
        ("SBP", CommandCodes.Sbp, Of<ContactPropertyRequest>(RequestReader.TryReadContactProperty), [Close, E(MsnpErrorCode.NicknameChangeIllegal), E(MsnpErrorCode.InvalidParameter)]),
        ("ADG", CommandCodes.Adg, Of<AddGroupRequest>(RequestReader.TryReadAddGroup), [Close, E(MsnpErrorCode.GroupNameTooLong), E(MsnpErrorCode.NicknameChangeIllegal)]),
        ("RMG", CommandCodes.Rmg, Of<RemoveGroupRequest>(RequestReader.TryReadRemoveGroup), [Close]),
        ("REG", CommandCodes.Reg, Of<RenameGroupRequest>(RequestReader.TryReadRenameGroup), [Close, E(MsnpErrorCode.GroupNameTooLong), E(MsnpErrorCode.NicknameChangeIllegal)]),
        ("RMG GUID", CommandCodes.Rmg, Of<RemoveGuidGroupRequest>(RequestReader.TryReadRemoveGuidGroup), [Close, E(MsnpErrorCode.InvalidGroup)]),
        ("REG GUID", CommandCodes.Reg, Of<RenameGuidGroupRequest>(RequestReader.TryReadRenameGuidGroup), [Close, E(MsnpErrorCode.InvalidGroup), E(MsnpErrorCode.GroupNameTooLong), E(MsnpErrorCode.NicknameChangeIllegal)]),
        ("CHG", CommandCodes.Chg, Of<ChangeStatusRequest>(RequestReader.TryReadStatusChange), [E(MsnpErrorCode.InvalidParameter)]),
        ("QRY", CommandCodes.Qry, Of<ChallengeAnswerRequest>(RequestReader.TryReadChallengeAnswer), [EClose(MsnpErrorCode.ChallengeResponseFailed)]),
        ("UUX", CommandCodes.Uux, Of<PersonalStatusRequest>(RequestReader.TryReadPersonalStatus), [E(MsnpErrorCode.InvalidParameter)]),
        ("GCF", CommandCodes.Gcf, Of<ConfigFileRequest>(RequestReader.TryReadConfigFile), [E(MsnpErrorCode.InvalidParameter)]),
        ("XFR", CommandCodes.Xfr, Of<XfrRequest>(RequestReader.TryReadTransfer), [E(MsnpErrorCode.InvalidParameter)]),
        ("URL", CommandCodes.Url, Of<UrlRequest>(RequestReader.TryReadUrl), [E(MsnpErrorCode.InvalidParameter)]),
        ("SND", CommandCodes.Snd, Of<SndRequest>(RequestReader.TryReadSend), [E(MsnpErrorCode.InvalidSyntax), E(MsnpErrorCode.InvalidParameter)]),
        ("SDC", CommandCodes.Sdc, Of<SdcRequest>(RequestReader.TryReadSdc), [E(MsnpErrorCode.BadCVRParameters)]),
        ("IMS", CommandCodes.Ims, Of<ImsRequest>(RequestReader.TryReadIms), [E(MsnpErrorCode.InvalidSyntax)]),
        ("VER", CommandCodes.Ver, Of<VerRequest>(RequestReader.TryReadVersion), []),
        ("CVR", CommandCodes.Cvr, Of<CvrRequest>(RequestReader.TryReadClientVersion), [E(MsnpErrorCode.BadCVRParameters)]),
        ("USR I", CommandCodes.Usr, Of<UsrInitialRequest>(RequestReader.TryReadInitialUser), [E(MsnpErrorCode.AuthenticationFailed)]),
        ("USR S", CommandCodes.Usr, Of<UsrResponseRequest>(RequestReader.TryReadUserResponse), [EClose(MsnpErrorCode.AuthenticationFailed)]),
        ("SB USR", CommandCodes.Usr, Of<SwitchboardUsrRequest>(RequestReader.TryReadSwitchboardUser), [EClose(MsnpErrorCode.AuthenticationFailed)]),
        ("ANS", CommandCodes.Ans, Of<AnsRequest>(RequestReader.TryReadAnswer), [EClose(MsnpErrorCode.AuthenticationFailed)]),
        ("CAL", CommandCodes.Cal, Of<CalRequest>(RequestReader.TryReadCall), [Close, E(MsnpErrorCode.InvalidPrincipalName)]),
    ];

    [Fact]
    public void Any_argument_list_is_read_or_refused_as_documented_never_thrown()
    {
        Gen.Select(Gen.Int[0, Readers.Length - 1], RequestGens.Dialect, Gen.Select(Gen.UInt, Gen.Bool, (t, has) => has ? (uint?)t : null), RequestGens.AnyParameters, RequestGens.AnyPayload)
            .Sample((index, dialect, trId, parameters, payload) =>
            {
                var (name, code, read, documented) = Readers[index];
                var (ok, refusal) = read(new MsnpCommand(code, trId, parameters, payload), dialect);
                return ok ? refusal == default : documented.Contains(refusal);
            }, iter: 20_000);
    }

    // One argument list per documented refusal, in the reader's order of checks.
    public static TheoryData<string, int, string, string> Refusals => new()
    {
        { "SYN version", 8, "", "close" },
        { "SYN version", 8, "x", "close" },
        { "SYN stamps", 10, "a b c", "close" },
        { "LST", 7, "PL", "close" },
        { "ADD", 8, "RL bob@x.com Bob", "close" },
        { "ADD", 8, "FL bob@x.com Bob%0A", "209" },
        { "ADD", 8, "FL bob Bob", "201" },
        { "ADD", 6, "FL bob@x.com Bob 1", "224" },
        { "ADD", 8, "AL bob@x.com Bob 1", "224" },
        { "REM", 8, "RL bob@x.com", "close" },
        { "REM", 8, "FL bob@x.com x", "224" },
        { "REA", 8, "me@x.com a%20b c", "close" },
        { "REA", 8, "me@x.com %E2%80%AE", "209" },
        { "GTC", 8, "X", "close" },
        { "BLP", 8, "A", "close" },
        { "PRP phone", 8, "phh 1", "715 and close" },
        { "PRP phone", 8, "PHH " + "1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890", "close" },
        { "PRP", 10, "MFN", "close" },
        { "PRP", 10, "MFN %0A", "209" },
        { "PRP", 10, "XYZ", "715 and close" },
        { "ADC", 10, "PL N=bob@x.com", "close" },
        { "ADC", 10, "FL C=nope 5b8a1a3a-1f2e-4d3c-9b8a-1a2b3c4d5e6f", "201" },
        { "ADC", 10, "AL N=bob@x.com F=Bob x", "201" },
        { "ADC", 10, "FL F=Bob", "201" },
        { "ADC", 10, "FL N=bob@x.com F=a%0Ab", "209" },
        { "ADC", 10, "FL N=bob@x.com F=Bob {5b8a1a3a-1f2e-4d3c-9b8a-1a2b3c4d5e6f}", "224" },
        { "REM GUID", 10, "RL bob@x.com", "close" },
        { "REM GUID", 10, "AL bob", "201" },
        { "REM GUID", 10, "FL bob@x.com", "201" },
        { "SBP", 10, "5b8a1a3a-1f2e-4d3c-9b8a-1a2b3c4d5e6f MFN", "close" },
        { "SBP", 10, "5b8a1a3a-1f2e-4d3c-9b8a-1a2b3c4d5e6f MFN %0A", "209" },
        { "SBP", 10, "5b8a1a3a-1f2e-4d3c-9b8a-1a2b3c4d5e6f XYZ 1", "201" },
        { "SBP", 10, "5b8a1a3a-1f2e-4d3c-9b8a-1a2b3c4d5e6f HSB 1", "201" },
        { "SBP", 11, "5b8a1a3a-1f2e-4d3c-9b8a-1a2b3c4d5e6f MOB Y 1", "201" },
        { "ADG", 8, "", "close" },
        { "ADG", 8, new string('a', 62), "229" },
        { "ADG", 12, "a%E2%80%AEb", "209" },
        { "RMG", 8, "x", "close" },
        { "REG", 8, "1", "close" },
        { "REG", 8, "1 " + new string('a', 62), "229" },
        { "REG", 7, "1 %0A", "209" },
        { "RMG GUID", 10, "1", "224" },
        { "RMG GUID", 10, "5b8a1a3a-1f2e-4d3c-9b8a-1a2b3c4d5e6f 0", "close" },
        { "REG GUID", 10, "1 name", "224" },
        { "REG GUID", 10, "5b8a1a3a-1f2e-4d3c-9b8a-1a2b3c4d5e6f", "close" },
        { "REG GUID", 10, "5b8a1a3a-1f2e-4d3c-9b8a-1a2b3c4d5e6f " + new string('a', 62), "229" },
        { "REG GUID", 11, "5b8a1a3a-1f2e-4d3c-9b8a-1a2b3c4d5e6f %E2%80%A8", "209" },
        { "CHG", 7, "NLN 1", "201" },
        { "CHG", 9, "FLN 1", "201" },
        { "CHG", 9, "NLN 1 " + new string('a', 2049), "201" },
        { "QRY", 8, "PROD0038W!61ZTF9", "540 and close" },
        { "UUX", 11, "<Data><PSM>", "201" },
        { "GCF", 11, "", "201" },
        { "XFR", 8, "NS", "201" },
        { "URL", 8, "", "201" },
        { "SND", 8, "", "200" },
        { "SND", 8, new string('a', 257), "201" },
        { "SDC", 8, "a b c d e f g", "710" },
        { "IMS", 8, "on", "200" },
        { "CVR", 8, "0x0409 winnt 5.1 i386 MSNMSGR", "710" },
        { "CVR", 8, "409 winnt 5.1 i386 MSNMSGR 6.0.0602", "710" },
        { "USR I", 8, "MD5 I bob@x.com", "911" },
        { "USR S", 8, "TWN I t=1", "911 and close" },
        { "SB USR", 8, "bob@x.com", "911 and close" },
        { "ANS", 8, "bob@x.com cookie", "911 and close" },
        { "CAL", 8, "a b", "close" },
        { "CAL", 8, "bob", "208" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Each_documented_refusal_has_its_case(string reader, int version, string arguments, string expected)
    {
        var (_, code, read, documented) = Readers.Single(r => r.Name == reader);
        // UUX's argument is its payload.
        var command = code == CommandCodes.Uux
            ? MsnpCommand.WithPayload(code, 1, [], System.Text.Encoding.UTF8.GetBytes(arguments))
            : new MsnpCommand(code, 1, arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var (ok, refusal) = read(command, MsnpDialect.FromVersion(version));
        Assert.False(ok);
        Assert.Equal(expected, refusal.ToString());
        Assert.Contains(refusal, documented);
    }

    [Fact]
    public void Every_documented_refusal_has_a_case()
    {
        foreach (var (name, code, read, documented) in Readers)
        {
            var cases = Refusals.Where(row => (string)row[0] == name).Select(row => (string)row[3]).ToHashSet();
            foreach (var refusal in documented)
            {
                Assert.True(cases.Contains(refusal.ToString()), $"{name}: no case for {refusal}");
            }
        }
    }
}
