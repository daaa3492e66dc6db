using System.Text;
using Msnp.Protocol.P2P;

namespace Msnp.Protocol.Tests.P2P;

public sealed class SlpMessageTests
{
    [Fact]
    public void An_invite_is_written_byte_for_byte_as_pidgin_writes_it()
    {
        // slpmsg.c msn_slpmsg_sip_new (v2.10.9 lines 163-190) and slpcall.c msn_slpcall_invite (163-177).
        var body = SlpMessage.SessionRequestBody(SlpConstants.MsnObjectGuid, 12345, P2PAppId.MsnObject, "PG1zbm9iai8+");
        var invite = SlpMessage.Request("INVITE", "bob@x.com", "bob@x.com", "alice@x.com", "B-1", 0, "C-1", SlpConstants.SessionRequestBody, body);

        var expected = "INVITE MSNMSGR:bob@x.com MSNSLP/1.0\r\n"
            + "To: <msnmsgr:bob@x.com>\r\n"
            + "From: <msnmsgr:alice@x.com>\r\n"
            + "Via: MSNSLP/1.0/TLP ;branch={B-1}\r\n"
            + "CSeq: 0\r\n"
            + "Call-ID: {C-1}\r\n"
            + "Max-Forwards: 0\r\n"
            + "Content-Type: application/x-msnmsgr-sessionreqbody\r\n"
            + "Content-Length: 104\r\n"
            + "\r\n"
            + "EUF-GUID: {A4268EEC-FEC5-49E5-95C3-F126696BDBF6}\r\nSessionID: 12345\r\nAppID: 1\r\nContext: PG1zbm9iai8+\r\n\r\n\0";
        Assert.Equal(expected, Encoding.UTF8.GetString(invite.ToBytes()));
    }

    [Fact]
    public void A_response_is_read_with_its_fields()
    {
        var text = "MSNSLP/1.0 603 Decline\r\nTo: <msnmsgr:a@x>\r\nFrom: <msnmsgr:b@x>\r\nVia: MSNSLP/1.0/TLP ;branch={ABC}\r\nCSeq: 1\r\nCall-ID: {DEF}\r\nMax-Forwards: 0\r\nContent-Type: application/x-msnmsgr-sessionreqbody\r\nContent-Length: 22\r\n\r\nSessionID: 77\r\n\r\n\0";

        Assert.True(SlpMessage.TryParse(Encoding.UTF8.GetBytes(text), out var slp, out var error), error);
        Assert.False(slp.IsRequest);
        Assert.Equal(603, slp.StatusCode);
        Assert.Equal("Decline", slp.Reason);
        Assert.Equal("a@x", slp.To);
        Assert.Equal("b@x", slp.From);
        Assert.Equal("ABC", slp.Branch);
        Assert.Equal("DEF", slp.CallId);
        Assert.Equal(1, slp.CSeq);
        Assert.Equal(77u, slp.SessionId);
        Assert.Equal(text, Encoding.UTF8.GetString(slp.ToBytes()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("INVITE MSNMSGR:a MSNSLP/1.0\r\nTo: x\r\n")]
    [InlineData("HELLO\r\n\r\n")]
    [InlineData("MSNSLP/1.0 OK\r\n\r\n")]
    [InlineData("INVITE MSNMSGR:a MSNSLP/1.0\r\nno colon here\r\n\r\n")]
    public void Malformed_messages_are_refused_with_a_reason(string text)
    {
        Assert.False(SlpMessage.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Oversized_messages_and_header_floods_are_refused()
    {
        Assert.False(SlpMessage.TryParse(new byte[SlpMessage.MaxSize + 1], out _, out _));
        var flood = "BYE MSNMSGR:a MSNSLP/1.0\r\n" + string.Concat(Enumerable.Repeat("X: y\r\n", 40)) + "\r\n";
        Assert.False(SlpMessage.TryParse(Encoding.UTF8.GetBytes(flood), out _, out var error));
        Assert.Contains("more than 32 headers", error, StringComparison.Ordinal);
    }
}
