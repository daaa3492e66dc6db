using System.Buffers;
using System.Net;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Messages;
using Msnp.Server.Notification;

namespace Msnp.Server.Tests.Notification;

public sealed class ProfileWriterTests
{
    public static TheoryData<int, string, string, string?, bool> Cases => new()
    {
        { 8, "alice@example.com", "ZmFrZS10aWNrZXQ", "127.0.0.1:5123", false },
        { 8, "alice@example.com", "ZmFrZS10aWNrZXQ", "127.0.0.1:5123", true },
        { 9, "bob.smith@example.org", "0", "[::ffff:10.1.2.3]:40000", false },
        { 5, "carol@example.net", "abc", "[2001:db8::7]:1863", false },
        { 3, "dave@example.com", "t", null, false },
        { 2, "eve@example.com", "0", "127.0.0.1:1", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Writes_exactly_what_the_profile_builder_builds(int version, string account, string mspAuth, string? remote, bool overHttp)
    {
        var loginTime = DateTimeOffset.FromUnixTimeSeconds(1_069_000_000);
        EndPoint? endPoint = remote is null ? null : IPEndPoint.Parse(remote);

        var written = new ArrayBufferWriter<byte>();
        ProfileWriter.Write(written, version, account, mspAuth, loginTime, endPoint, overHttp);

        Assert.Equal(Expected(version, account, mspAuth, loginTime, endPoint, overHttp), written.WrittenSpan.ToArray());
    }

    [Fact]
    public void A_value_with_a_line_break_is_refused()
    {
        var written = new ArrayBufferWriter<byte>();
        Assert.Throws<ArgumentException>(() => ProfileWriter.Write(written, 8, "alice@example.com", "a\r\nX-Injected: 1", DateTimeOffset.UnixEpoch, null, false));
        Assert.Equal(0, written.WrittenCount);
    }

    // The message as the generic builder makes it, field by field (catalogue §5.4).
    private static byte[] Expected(int version, string account, string mspAuth, DateTimeOffset loginTime, EndPoint? remote, bool overHttp)
    {
        var profile = new ProfileMessageBuilder().LoginTime(loginTime);
        if (version >= 3)
        {
            var ip = remote as IPEndPoint;
            uint hash = 2166136261;
            foreach (char c in account)
            {
                hash = (hash ^ c) * 16777619;
            }

            profile.Add("EmailEnabled", "0").Add("MemberIdHigh", "0")
                .Add("MemberIdLow", (hash & 0x7FFFFFFF).ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Add("lang_preference", "1033").Add("preferredEmail", account)
                .Add("country", "").Add("PostalCode", "").Add("Gender", "").Add("Kid", "0").Add("Age", "")
                .Add("BDayPre", "").Add("Birthday", "").Add("Wallet", "").Add("Flags", "1027")
                .Sid("507").Kv("5").MspAuth(mspAuth)
                .ClientIP(ip?.Address.MapToIPv4().ToString() ?? "0.0.0.0")
                .ClientPort(overHttp || ip is null ? 0 : ip.Port);
        }

        var payload = profile.Build().ToBytes();
        var output = new ArrayBufferWriter<byte>();
        MsnpWriter.WritePayloadCommand(output, CommandCodes.Msg, null, ["Hotmail", "Hotmail"], payload);
        return output.WrittenSpan.ToArray();
    }
}
