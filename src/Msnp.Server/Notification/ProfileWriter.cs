using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Text;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Messages;

namespace Msnp.Server.Notification;

/// <summary>
/// Writes the <c>MSG Hotmail Hotmail</c> profile message sent right after sign-in (catalogue §5.4).
/// Every sign-in sends one, so the fields are written straight into a pooled buffer, byte for
/// byte what <see cref="ProfileMessageBuilder"/> builds, without its header lists and copies.
/// </summary>
internal static class ProfileWriter
{
    // The fields between LoginTime and MemberIdLow, and between MemberIdLow and preferredEmail, are constant.
    private static ReadOnlySpan<byte> Head => "MIME-Version: 1.0\r\nContent-Type: text/x-msmsgsprofile; charset=UTF-8\r\nLoginTime: "u8;

    private static ReadOnlySpan<byte> BeforeMemberId => "EmailEnabled: 0\r\nMemberIdHigh: 0\r\nMemberIdLow: "u8;

    private static ReadOnlySpan<byte> BeforeEmail => "lang_preference: 1033\r\npreferredEmail: "u8;

    private static ReadOnlySpan<byte> BeforeMspAuth =>
        "country: \r\nPostalCode: \r\nGender: \r\nKid: 0\r\nAge: \r\nBDayPre: \r\nBirthday: \r\nWallet: \r\nFlags: 1027\r\nsid: 507\r\nkv: 5\r\nMSPAuth: "u8;

    public static void Write(IBufferWriter<byte> output, int version, string account, string mspAuth, DateTimeOffset loginTime, EndPoint? remote, bool overHttp)
    {
        RejectLineBreaks(account);
        RejectLineBreaks(mspAuth);
        int max = 1024 + Encoding.UTF8.GetMaxByteCount(account.Length) + Encoding.UTF8.GetMaxByteCount(mspAuth.Length);
        var rented = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var payload = new SpanCursor(rented);
            payload.Write(Head);
            payload.Number(loginTime.ToUnixTimeSeconds());
            payload.Write("\r\n"u8);

            // MSNP2 carried only LoginTime; MSNP3+ share the larger field set.
            if (version >= 3)
            {
                var ip = remote as IPEndPoint;
                payload.Write(BeforeMemberId);
                payload.Number(StableMemberId(account));
                payload.Write("\r\n"u8);
                payload.Write(BeforeEmail);
                payload.Text(account);
                payload.Write("\r\n"u8);
                payload.Write(BeforeMspAuth);
                payload.Text(mspAuth);
                payload.Write("\r\nClientIP: "u8);
                payload.Address(ip?.Address.MapToIPv4());
                payload.Write("\r\nClientPort: "u8);
                payload.Number(ProfilePort.Encode(overHttp || ip is null ? 0 : ip.Port));
                payload.Write("\r\n"u8);
            }

            payload.Write("\r\n"u8);
            MsnpWriter.WritePayloadCommand(output, CommandCodes.Msg, null, ["Hotmail", "Hotmail"], rented.AsSpan(0, payload.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static long StableMemberId(string account)
    {
        uint hash = 2166136261;
        foreach (char c in account)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash & 0x7FFFFFFF;
    }

    // A header value with a line break would split the message (the builder refused them the same way).
    private static void RejectLineBreaks(string value)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("A profile value holds CR or LF, which would split the header.", nameof(value));
        }
    }

    private ref struct SpanCursor(Span<byte> buffer)
    {
        private readonly Span<byte> _buffer = buffer;

        public int Length { get; private set; }

        public void Write(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(_buffer[Length..]);
            Length += bytes.Length;
        }

        public void Text(string text) => Length += Encoding.UTF8.GetBytes(text, _buffer[Length..]);

        public void Number(long value)
        {
            Utf8Formatter.TryFormat(value, _buffer[Length..], out int written);
            Length += written;
        }

        public void Address(IPAddress? address)
        {
            if (address is null)
            {
                Write("0.0.0.0"u8);
                return;
            }

            address.TryFormat(_buffer[Length..], out int written);
            Length += written;
        }
    }
}
