using System.Text;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Messages;
using Msnp.Protocol.Messages.Endpoints;

namespace Msnp.Protocol.Tests.Messages;

/// <summary>
/// MSNP16–18 personal status: WLM 2009's <c>&lt;Data&gt;</c> fields, the endpoint documents Pidgin
/// and BitlBee send with <c>UUX</c>, and the <c>UBX</c> document per viewer version.
/// </summary>
public class EndpointDocumentsTests
{
    // The shape of WLM 2009's UUX (escargot _m_uux reads the same fields); the MSNObjects are XML-escaped.
    private const string Wlm2009Data =
        "<Data><PSM>hi</PSM><CurrentMedia></CurrentMedia><MachineGuid>{F26D1F07-95E2-403C-BC18-D4BFED493428}</MachineGuid>"
        + "<DDP>&lt;msnobj Creator=&quot;alice@example.com&quot; Type=&quot;3&quot;/&gt;</DDP><SignatureSound>sound.wma</SignatureSound>"
        + "<Scene>&lt;msnobj Creator=&quot;alice@example.com&quot; Type=&quot;16&quot;/&gt;</Scene><ColorScheme>-3</ColorScheme></Data>";

    [Fact]
    public void Reads_WLM_2009s_Data_fields()
    {
        Assert.True(PersonalStatus.TryParse(Encoding.UTF8.GetBytes(Wlm2009Data), out var status, out _));
        Assert.Equal("hi", status.PersonalMessage);
        Assert.Equal("<msnobj Creator=\"alice@example.com\" Type=\"3\"/>", status.Ddp);
        Assert.Equal("sound.wma", status.SignatureSound);
        Assert.Equal("<msnobj Creator=\"alice@example.com\" Type=\"16\"/>", status.Scene);
        Assert.Equal("-3", status.ColorScheme);
        Assert.False(status.IsEmpty);
    }

    [Fact]
    public void Writes_UBX_per_viewer_version_with_private_data_only_for_the_user_themselves()
    {
        Assert.True(PersonalStatus.TryParse(Encoding.UTF8.GetBytes(Wlm2009Data), out var status, out _));
        var home = new EndpointPresence(new Guid("11111111-2222-3333-4444-555555555555"), 2789003324, 48, new PrivateEndpointData("HOME<PC>", false, 1, "NLN"));
        var work = new EndpointPresence(new Guid("66666666-2222-3333-4444-555555555555"), 1, 0);

        // MSNP15: the message and media only, as before.
        Assert.Equal("<Data><PSM>hi</PSM><CurrentMedia></CurrentMedia></Data>",
            Encoding.UTF8.GetString(status.ToBytes(MsnpDialect.FromVersion(15), [home, work], own: true)));

        // MSNP16: the sound and the endpoints; no MSNObjects, no colour scheme, never the machine GUID.
        Assert.Equal(
            "<Data><PSM>hi</PSM><CurrentMedia></CurrentMedia><SignatureSound>sound.wma</SignatureSound>"
            + "<EndpointData id=\"{11111111-2222-3333-4444-555555555555}\"><Capabilities>2789003324:48</Capabilities></EndpointData>"
            + "<EndpointData id=\"{66666666-2222-3333-4444-555555555555}\"><Capabilities>1:0</Capabilities></EndpointData></Data>",
            Encoding.UTF8.GetString(status.ToBytes(MsnpDialect.FromVersion(16), [home, work], own: false)));

        // MSNP18, the user's own UBX: everything, and each endpoint's private data.
        var own = Encoding.UTF8.GetString(status.ToBytes(MsnpDialect.FromVersion(18), [home, work], own: true));
        Assert.StartsWith("<Data><PSM>hi</PSM><CurrentMedia></CurrentMedia><DDP>&lt;msnobj Creator=\"alice@example.com\" Type=\"3\"/&gt;</DDP>"
            + "<SignatureSound>sound.wma</SignatureSound><Scene>&lt;msnobj", own);
        Assert.Contains("<ColorScheme>-3</ColorScheme><EndpointData id=", own);
        Assert.EndsWith(
            "<PrivateEndpointData id=\"{11111111-2222-3333-4444-555555555555}\"><EpName>HOME&lt;PC&gt;</EpName><Idle>false</Idle><ClientType>1</ClientType><State>NLN</State></PrivateEndpointData>"
            + "<PrivateEndpointData id=\"{66666666-2222-3333-4444-555555555555}\"></PrivateEndpointData></Data>", own);
        Assert.DoesNotContain("MachineGuid", own);

        // What we write, we read back (a client reads its own UBX with the same reader).
        Assert.True(PersonalStatus.TryParse(Encoding.UTF8.GetBytes(own), out var back, out _));
        Assert.Equal((status.Ddp, status.Scene, status.ColorScheme), (back.Ddp, back.Scene, back.ColorScheme));
    }

    [Theory]
    [InlineData("<EndpointData><Capabilities>2789003324:48</Capabilities></EndpointData>", 2789003324u, 48u)]
    [InlineData("<EndpointData><Capabilities>2788999228:00</Capabilities></EndpointData>", 2788999228u, 0u)]
    [InlineData("<EndpointData><Capabilities> 5 </Capabilities><Other/></EndpointData>", 5u, 0u)]
    public void Reads_the_endpoint_data_Pidgin_and_BitlBee_send(string xml, uint caps, uint capsEx)
    {
        Assert.True(EndpointDocuments.TryParseEndpointData(Encoding.UTF8.GetBytes(xml), PersonalStatusLimits.Default, out var data, out _));
        Assert.Equal(new EndpointCapabilities(caps, capsEx), data);
    }

    [Fact]
    public void Reads_the_private_endpoint_data_BitlBee_sends()
    {
        var xml = "<PrivateEndpointData><EpName>{b171be3e-0000}</EpName><Idle>false</Idle><ClientType>1</ClientType><State>NLN</State></PrivateEndpointData>";
        Assert.True(EndpointDocuments.TryParsePrivateEndpointData(Encoding.UTF8.GetBytes(xml), PersonalStatusLimits.Default, out var data, out _));
        Assert.Equal(new PrivateEndpointData("{b171be3e-0000}", false, 1, "NLN"), data);
        Assert.True(EndpointDocuments.TryParsePrivateEndpointData("<PrivateEndpointData/>"u8, PersonalStatusLimits.Default, out var empty, out _));
        Assert.Equal(new PrivateEndpointData(null, null, null, null), empty);
    }

    [Theory]
    [InlineData("<EndpointData/>", PersonalStatusError.BadField)]
    [InlineData("<EndpointData><Capabilities>x:1</Capabilities></EndpointData>", PersonalStatusError.BadField)]
    [InlineData("<EndpointData><Capabilities>1:-1</Capabilities></EndpointData>", PersonalStatusError.BadField)]
    [InlineData("<EndpointData><Capabilities>99999999999</Capabilities></EndpointData>", PersonalStatusError.BadField)]
    [InlineData("<EndpointData><Capabilities><b>1</b></Capabilities></EndpointData>", PersonalStatusError.BadField)]
    [InlineData("<Data><Capabilities>1</Capabilities></Data>", PersonalStatusError.WrongRoot)]
    [InlineData("<EndpointData><Capabilities>1</Capabilities>", PersonalStatusError.Malformed)]
    public void Refuses_bad_endpoint_data(string xml, PersonalStatusError expected)
    {
        Assert.False(EndpointDocuments.TryParseEndpointData(Encoding.UTF8.GetBytes(xml), PersonalStatusLimits.Default, out var data, out var error));
        Assert.Null(data);
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("<PrivateEndpointData><Idle>maybe</Idle></PrivateEndpointData>")]
    [InlineData("<PrivateEndpointData><ClientType>-1</ClientType></PrivateEndpointData>")]
    [InlineData("<PrivateEndpointData><ClientType>100000</ClientType></PrivateEndpointData>")]
    [InlineData("<PrivateEndpointData><State>XYZ</State></PrivateEndpointData>")]
    public void Refuses_bad_private_endpoint_data(string xml)
    {
        Assert.False(EndpointDocuments.TryParsePrivateEndpointData(Encoding.UTF8.GetBytes(xml), PersonalStatusLimits.Default, out _, out var error));
        Assert.Equal(PersonalStatusError.BadField, error);
        var name = "<PrivateEndpointData><EpName>" + new string('n', EndpointDocuments.MaxNameLength + 1) + "</EpName></PrivateEndpointData>";
        Assert.False(EndpointDocuments.TryParsePrivateEndpointData(Encoding.UTF8.GetBytes(name), PersonalStatusLimits.Default, out _, out error));
        Assert.Equal(PersonalStatusError.BadField, error);
    }

    [Fact]
    public void Bounds_the_document_and_the_MSNObject_fields()
    {
        var limits = PersonalStatusLimits.Default;
        var ddp = "<Data><DDP>" + new string('d', limits.MaxObjectFieldLength) + "</DDP></Data>";
        Assert.True(PersonalStatus.TryParse(Encoding.UTF8.GetBytes(ddp), out _, out _));
        var tooLong = "<Data><DDP>" + new string('d', limits.MaxObjectFieldLength + 1) + "</DDP></Data>";
        Assert.False(PersonalStatus.TryParse(Encoding.UTF8.GetBytes(tooLong), out _, out var error));
        Assert.Equal(PersonalStatusError.BadField, error);
        var sound = "<Data><SignatureSound>" + new string('s', limits.MaxFieldLength + 1) + "</SignatureSound></Data>";
        Assert.False(PersonalStatus.TryParse(Encoding.UTF8.GetBytes(sound), out _, out error));
        Assert.Equal(PersonalStatusError.BadField, error);
        var big = new byte[limits.MaxPayloadBytes + 1];
        Assert.False(EndpointDocuments.TryParsePrivateEndpointData(big, limits, out _, out error));
        Assert.Equal(PersonalStatusError.TooLarge, error);
    }
}
