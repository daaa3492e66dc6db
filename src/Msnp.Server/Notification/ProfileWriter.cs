using System.Buffers;
using System.Net;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Messages;

namespace Msnp.Server.Notification;

/// <summary>Writes the <c>MSG Hotmail Hotmail</c> profile message sent right after sign-in (catalogue §5.4).</summary>
internal static class ProfileWriter
{
    public static void Write(IBufferWriter<byte> output, int version, string account, string mspAuth, DateTimeOffset loginTime, EndPoint? remote, bool overHttp)
    {
        var profile = new ProfileMessageBuilder().LoginTime(loginTime);

        // MSNP2 carried only LoginTime; MSNP3+ share the larger field set.
        if (version >= 3)
        {
            var ip = remote as IPEndPoint;
            profile.Add("EmailEnabled", "0")
                .Add("MemberIdHigh", "0")
                .Add("MemberIdLow", StableMemberId(account))
                .Add("lang_preference", "1033")
                .Add("preferredEmail", account)
                .Add("country", string.Empty)
                .Add("PostalCode", string.Empty)
                .Add("Gender", string.Empty)
                .Add("Kid", "0")
                .Add("Age", string.Empty)
                .Add("BDayPre", string.Empty)
                .Add("Birthday", string.Empty)
                .Add("Wallet", string.Empty)
                .Add("Flags", "1027")
                .Sid("507")
                .Kv("5")
                .MspAuth(mspAuth)
                .ClientIP(ip?.Address.MapToIPv4().ToString() ?? "0.0.0.0")
                .ClientPort(overHttp || ip is null ? 0 : ip.Port);
        }

        var payload = profile.Build().ToBytes();
        MsnpWriter.WritePayloadCommand(output, CommandCodes.Msg, null, ["Hotmail", "Hotmail"], payload);
    }

    private static string StableMemberId(string account)
    {
        uint hash = 2166136261;
        foreach (char c in account)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (hash & 0x7FFFFFFF).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
