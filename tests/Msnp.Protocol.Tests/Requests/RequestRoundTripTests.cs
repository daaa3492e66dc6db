using CsCheck;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Requests;

namespace Msnp.Protocol.Tests.Requests;

/// <summary>
/// Any well-formed request, written as a client of the dialect writes it (real clients' token order;
/// the client library has no request writer of its own), is read back equal.
/// </summary>
public class RequestRoundTripTests
{
    private static Gen<T?> Maybe<T>(Gen<T> gen)
        where T : struct => Gen.Select(Gen.Bool, gen, (has, value) => has ? value : (T?)null);

    private static void RoundTrips<T>(Gen<(MsnpDialect Dialect, T Expected, string[] Parameters)> cases, CommandCode code, ReadRequest<T> read, ReadOnlyMemory<byte>? payload = null)
        where T : struct
    {
        cases.Sample(c =>
        {
            var command = new MsnpCommand(code, TrIdOf(c.Expected), c.Parameters, payload);
            Assert.True(read(command, c.Dialect, out var actual, out var refusal), $"{command} refused: {refusal}");
            Assert.Equal(c.Expected, actual);
        }, iter: 2_000);
    }

    // Every request record carries its TrID first; read it back the same way the reader fills it.
    private static uint TrIdOf<T>(T request) => (uint)typeof(T).GetProperty("TrId")!.GetValue(request)!;

    [Fact]
    public void Sync() => RoundTrips(
        Gen.Select(RequestGens.Classic, Gen.UInt, Gen.UInt, (d, t, v) => (d, new SyncRequest(t, v), new[] { v.ToString(System.Globalization.CultureInfo.InvariantCulture) })),
        CommandCodes.Syn, RequestReader.TryReadSync);

    [Fact]
    public void Stamped_sync() => RoundTrips(
        Gen.Select(RequestGens.Guids, Gen.UInt, RequestGens.Token, RequestGens.Token, (d, t, a, b) => (d, new StampedSyncRequest(t, a, b), new[] { a, b })),
        CommandCodes.Syn, RequestReader.TryReadStampedSync);

    [Fact]
    public void List() => RoundTrips(
        Gen.Select(RequestGens.Classic, Gen.UInt, Gen.OneOf(ListKind.Forward, ListKind.Allow, ListKind.Block, ListKind.Reverse), (d, t, l) => (d, new ListRequest(t, l), new[] { l.WireName() })),
        CommandCodes.Lst, RequestReader.TryReadList);

    [Fact]
    public void Add() => RoundTrips(
        Gen.Select(RequestGens.Classic, Gen.UInt, Gen.OneOf(ListKind.Forward, ListKind.Allow, ListKind.Block), RequestGens.Account, RequestGens.ShortName, Gen.Int[0, 1000], (d, t, l, a, n, g) =>
        {
            int? group = l == ListKind.Forward && d.HasGroups ? g : null;
            string[] p = group is { } id ? [l.WireName(), a, n, id.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [l.WireName(), a, n];
            return (d, new AddRequest(t, l, a, n, group), p);
        }),
        CommandCodes.Add, RequestReader.TryReadAdd);

    [Fact]
    public void Remove() => RoundTrips(
        Gen.Select(RequestGens.Classic, Gen.UInt, Gen.OneOf(ListKind.Forward, ListKind.Allow, ListKind.Block), RequestGens.Account, Maybe(Gen.Int[0, 1000]), (d, t, l, a, g) =>
        {
            int? group = l == ListKind.Forward && d.HasGroups ? g : null;
            string[] p = group is { } id ? [l.WireName(), a, id.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [l.WireName(), a];
            return (d, new RemoveRequest(t, l, a, group), p);
        }),
        CommandCodes.Rem, RequestReader.TryReadRemove);

    [Fact]
    public void Rename() => RoundTrips(
        Gen.Select(RequestGens.Classic, Gen.UInt, RequestGens.Account, RequestGens.ShortName, (d, t, a, n) => (d, new RenameRequest(t, a, n), new[] { a, n })),
        CommandCodes.Rea, RequestReader.TryReadRename);

    [Fact]
    public void Privacy_settings()
    {
        RoundTrips(
            Gen.Select(RequestGens.Dialect, Gen.UInt, Gen.Enum<ReverseListPrompt>(), (d, t, p) => (d, new PromptRequest(t, p), new[] { p.WireName() })),
            CommandCodes.Gtc, RequestReader.TryReadPrompt);
        RoundTrips(
            Gen.Select(RequestGens.Dialect, Gen.UInt, Gen.Enum<DefaultPrivacy>(), (d, t, p) => (d, new PrivacyRequest(t, p), new[] { p.WireName() })),
            CommandCodes.Blp, RequestReader.TryReadPrivacy);
    }

    [Fact]
    public void Phone_and_own_name()
    {
        var phone = Gen.Select(Gen.UInt, Gen.Enum<PhoneKind>(), Gen.Char["0123456789+"].Array[1, 20].Select(c => new string(c)).Null(), (t, k, v) =>
            (new PropertyRequest(t, k, v), v is null ? new[] { k.WireName() } : new[] { k.WireName(), v }));
        RoundTrips(Gen.Select(Gen.Int[5, 9].Select(MsnpDialect.FromVersion), phone, (d, p) => (d, p.Item1, p.Item2)), CommandCodes.Prp, RequestReader.TryReadPhone);
        RoundTrips(Gen.Select(RequestGens.Guids, phone, (d, p) => (d, p.Item1, p.Item2)), CommandCodes.Prp, RequestReader.TryReadProperty);
        RoundTrips(
            Gen.Select(RequestGens.Guids, Gen.UInt, RequestGens.ShortName, (d, t, n) => (d, new PropertyRequest(t, null, n), new[] { "MFN", n })),
            CommandCodes.Prp, RequestReader.TryReadProperty);
    }

    [Fact]
    public void Add_contact_by_account() => RoundTrips(
        Gen.Select(RequestGens.Guids, Gen.UInt, Gen.OneOf(ListKind.Forward, ListKind.Allow, ListKind.Block), RequestGens.Account, RequestGens.ShortName, Maybe(Gen.Guid), (d, t, l, a, n, g) =>
        {
            // AL and BL may leave F= out (no nickname stored); FL's nickname defaults to the account.
            Guid? group = l == ListKind.Forward ? g : null;
            string? nickname = l != ListKind.Forward && n.Length % 2 == 0 ? null : n;
            var p = new List<string> { l.WireName(), "N=" + a };
            if (nickname is not null)
            {
                p.Add("F=" + nickname);
            }

            if (group is { } id)
            {
                p.Add(id.ToString("D"));
            }

            return (d, new AddContactRequest(t, l, a, nickname, null, group), p.ToArray());
        }),
        CommandCodes.Adc, RequestReader.TryReadAddContact);

    [Fact]
    public void Add_contact_to_group() => RoundTrips(
        Gen.Select(RequestGens.Guids, Gen.UInt, Gen.Guid, Gen.Guid, (d, t, c, g) =>
            (d, new AddContactRequest(t, ListKind.Forward, null, null, c, g), new[] { "FL", "C=" + c.ToString("D"), g.ToString("D") })),
        CommandCodes.Adc, RequestReader.TryReadAddContact);

    [Fact]
    public void Remove_contact() => RoundTrips(
        Gen.Select(RequestGens.Guids, Gen.UInt, Gen.OneOf(ListKind.Forward, ListKind.Allow, ListKind.Block, ListKind.Pending), RequestGens.Account, Gen.Guid, Maybe(Gen.Guid), (d, t, l, a, c, g) =>
            l == ListKind.Pending && !d.HasPendingList ? (d, new RemoveContactRequest(t, ListKind.Allow, a, null, null), new[] { "AL", a })
            : l == ListKind.Forward
                ? (d, new RemoveContactRequest(t, l, null, c, g), g is { } id ? new[] { "FL", c.ToString("D"), id.ToString("D") } : new[] { "FL", c.ToString("D") })
                : (d, new RemoveContactRequest(t, l, a, null, null), new[] { l.WireName(), a })),
        CommandCodes.Rem, RequestReader.TryReadRemoveContact);

    [Fact]
    public void Contact_property()
    {
        RoundTrips(
            Gen.Select(Gen.Int[10, 12].Select(MsnpDialect.FromVersion), Gen.UInt, Gen.Guid, RequestGens.ShortName, (d, t, c, n) => (d, new ContactPropertyRequest(t, c, "MFN", n, null), new[] { c.ToString("D"), "MFN", n })),
            CommandCodes.Sbp, RequestReader.TryReadContactProperty);
        RoundTrips(
            Gen.Select(Gen.Int[11, 12].Select(MsnpDialect.FromVersion), Gen.UInt, Gen.Guid, Gen.Char["0123456789"].Array[1, 15].Select(c => new string(c)), Gen.OneOf("0", "1"), (d, t, c, number, flag) =>
                (d, new ContactPropertyRequest(t, c, "PHM", number, flag), new[] { c.ToString("D"), "PHM", number, flag })),
            CommandCodes.Sbp, RequestReader.TryReadContactProperty);
    }

    [Fact]
    public void Groups()
    {
        var groups = Gen.Int[7, MsnpDialect.MaximumVersion].Select(MsnpDialect.FromVersion);
        var classic = Gen.Int[7, 9].Select(MsnpDialect.FromVersion);
        RoundTrips(Gen.Select(groups, Gen.UInt, RequestGens.ShortName, Gen.Bool, (d, t, n, zero) => (d, new AddGroupRequest(t, n), zero ? new[] { n, "0" } : new[] { n })), CommandCodes.Adg, RequestReader.TryReadAddGroup);
        RoundTrips(Gen.Select(classic, Gen.UInt, Gen.Int[0, int.MaxValue], (d, t, g) => (d, new RemoveGroupRequest(t, g), new[] { g.ToString(System.Globalization.CultureInfo.InvariantCulture) })), CommandCodes.Rmg, RequestReader.TryReadRemoveGroup);
        RoundTrips(Gen.Select(classic, Gen.UInt, Gen.Int[0, int.MaxValue], RequestGens.ShortName, (d, t, g, n) => (d, new RenameGroupRequest(t, g, n), new[] { g.ToString(System.Globalization.CultureInfo.InvariantCulture), n, "0" })), CommandCodes.Reg, RequestReader.TryReadRenameGroup);
        RoundTrips(Gen.Select(RequestGens.Guids, Gen.UInt, Gen.Guid, (d, t, g) => (d, new RemoveGuidGroupRequest(t, g), new[] { g.ToString("D") })), CommandCodes.Rmg, RequestReader.TryReadRemoveGuidGroup);
        RoundTrips(Gen.Select(RequestGens.Guids, Gen.UInt, Gen.Guid, RequestGens.ShortName, (d, t, g, n) => (d, new RenameGuidGroupRequest(t, g, n), new[] { g.ToString("D"), n })), CommandCodes.Reg, RequestReader.TryReadRenameGuidGroup);
    }

    [Fact]
    public void Status_change() => RoundTrips(
        Gen.Select(RequestGens.Dialect, Gen.UInt, Gen.Enum<PresenceStatus>().Where(s => s.IsSettable()), Gen.UInt, RequestGens.Token.Null(), (d, t, s, id, obj) =>
        {
            var clientId = d.HasClientId ? id : 0;
            var msnObject = d.HasMsnObject ? obj : null;
            var p = new List<string> { s.WireName() };
            if (d.HasClientId)
            {
                p.Add(clientId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (msnObject is not null)
            {
                p.Add(msnObject);
            }

            return (d, new ChangeStatusRequest(t, s, clientId, msnObject), p.ToArray());
        }),
        CommandCodes.Chg, RequestReader.TryReadStatusChange);

    [Fact]
    public void Challenge_answer()
    {
        var answer = new byte[32];
        RoundTrips(
            Gen.Select(Gen.Int[6, MsnpDialect.MaximumVersion].Select(MsnpDialect.FromVersion), Gen.UInt, RequestGens.Token, (d, t, id) => (d, new ChallengeAnswerRequest(t, id, answer), new[] { id, "32" })),
            CommandCodes.Qry, RequestReader.TryReadChallengeAnswer, answer);
    }

    [Fact]
    public void Miscellaneous()
    {
        RoundTrips(Gen.Select(RequestGens.Guids, Gen.UInt, (d, t) => (d, new ConfigFileRequest(t, "Shields.xml"), new[] { "Shields.xml" })), CommandCodes.Gcf, RequestReader.TryReadConfigFile);
        RoundTrips(Gen.Select(RequestGens.Dialect, Gen.UInt, (d, t) => (d, new XfrRequest(t), new[] { "SB" })), CommandCodes.Xfr, RequestReader.TryReadTransfer);
        RoundTrips(Gen.Select(RequestGens.Dialect, Gen.UInt, RequestGens.Token, (d, t, s) => (d, new UrlRequest(t, s), new[] { s })), CommandCodes.Url, RequestReader.TryReadUrl);
        RoundTrips(Gen.Select(RequestGens.Dialect, Gen.UInt, RequestGens.Account, (d, t, a) => (d, new SndRequest(t, a), new[] { a, "0x0409", "MSMSGS", "MSMSGS" })), CommandCodes.Snd, RequestReader.TryReadSend);
        RoundTrips(Gen.Select(RequestGens.Dialect, Gen.UInt, RequestGens.Account, (d, t, a) => (d, new SdcRequest(t, a), new[] { a, "0x0409", "MSMSGS", "WindowsMessenger", "X", "X", "Bob", "0" })), CommandCodes.Sdc, RequestReader.TryReadSdc);
        RoundTrips(Gen.Select(RequestGens.Dialect, Gen.UInt, Gen.Bool, (d, t, on) => (d, new ImsRequest(t, on), new[] { on ? "ON" : "OFF" })), CommandCodes.Ims, RequestReader.TryReadIms);
    }

    [Fact]
    public void Login()
    {
        RoundTrips(
            Gen.Select(RequestGens.Dialect, Gen.UInt, Gen.OneOf("0x0409", "0x0C0A"), RequestGens.Token, Gen.OneOf("MSMSGS", "MSNMSGR"), Gen.Char["0123456789."].Array[1, 32].Select(c => new string(c)), Gen.Bool, (d, t, lcid, os, name, version, account) =>
                (d, new CvrRequest(t, lcid, os, "5.1", "i386", name, version), account ? new[] { lcid, os, "5.1", "i386", name, version, "MSMSGS", "bob@x.com" } : new[] { lcid, os, "5.1", "i386", name, version })),
            CommandCodes.Cvr, RequestReader.TryReadClientVersion);
        RoundTrips(
            Gen.Select(RequestGens.Dialect, Gen.UInt, RequestGens.Account, (d, t, a) => (d, new UsrInitialRequest(t, d.Authentication, a), new[] { d.Authentication.WireName(), "I", a })),
            CommandCodes.Usr, RequestReader.TryReadInitialUser);
        RoundTrips(
            Gen.Select(RequestGens.Dialect, Gen.UInt, RequestGens.Token, (d, t, r) => (d, new UsrResponseRequest(t, d.Authentication, r), new[] { d.Authentication.WireName(), "S", r })),
            CommandCodes.Usr, RequestReader.TryReadUserResponse);

        Gen.Select(RequestGens.Dialect, Gen.UInt, Gen.OneOf("MSNP8", "MSNP12", "CVR0", "MSNP99").Array[0, 5]).Sample((d, t, offered) =>
        {
            var command = new MsnpCommand(CommandCodes.Ver, t, offered);
            Assert.True(RequestReader.TryReadVersion(command, d, out var request, out _));
            Assert.Equal(t, request.TrId);
            Assert.Same(command.Parameters, request.Offered);
        });
    }

    [Fact]
    public void Switchboard()
    {
        RoundTrips(Gen.Select(RequestGens.Dialect, Gen.UInt, RequestGens.Account, RequestGens.Token, (d, t, a, c) => (d, new SwitchboardUsrRequest(t, a, c), new[] { a, c })), CommandCodes.Usr, RequestReader.TryReadSwitchboardUser);
        RoundTrips(Gen.Select(RequestGens.Dialect, Gen.UInt, RequestGens.Account, RequestGens.Token, Gen.UInt, (d, t, a, c, s) => (d, new AnsRequest(t, a, c, s.ToString(System.Globalization.CultureInfo.InvariantCulture)), new[] { a, c, s.ToString(System.Globalization.CultureInfo.InvariantCulture) })), CommandCodes.Ans, RequestReader.TryReadAnswer);
        RoundTrips(Gen.Select(RequestGens.Dialect, Gen.UInt, RequestGens.Account, (d, t, a) => (d, new CalRequest(t, a), new[] { a })), CommandCodes.Cal, RequestReader.TryReadCall);
    }
}
