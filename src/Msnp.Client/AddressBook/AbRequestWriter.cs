using System.Text;
using System.Xml;

namespace Msnp.Client.AddressBook;

/// <summary>Writes request envelopes as Messenger clients sent them: the application and auth headers, the ticket in <c>ABAuthHeader/TicketToken</c>.</summary>
internal static class AbRequestWriter
{
    public const string Ns = "http://www.msn.com/webservices/AddressBook";
    private const string SoapNs = "http://schemas.xmlsoap.org/soap/envelope/";
    private const string XsiNs = "http://www.w3.org/2001/XMLSchema-instance";

    // Windows Live Messenger's application id, which Pidgin and BitlBee send too.
    private const string ApplicationId = "CFE80F9D-180F-4399-82AB-413F33A1FA11";

    public static byte[] Build(string ticket, string scenario, Action<XmlWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("soap", "Envelope", SoapNs);
            w.WriteAttributeString("xmlns", "soap", null, SoapNs);
            w.WriteAttributeString("xmlns", "xsi", null, XsiNs);
            w.WriteStartElement("soap", "Header", SoapNs);
            w.WriteStartElement("ABApplicationHeader", Ns);
            w.WriteElementString("ApplicationId", Ns, ApplicationId);
            w.WriteElementString("IsMigration", Ns, "false");
            w.WriteElementString("PartnerScenario", Ns, scenario);
            w.WriteEndElement();
            w.WriteStartElement("ABAuthHeader", Ns);
            w.WriteElementString("ManagedGroupRequest", Ns, "false");
            w.WriteElementString("TicketToken", Ns, ticket);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteStartElement("soap", "Body", SoapNs);
            body(w);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndDocument();
        }

        return stream.ToArray();
    }

    /// <summary>A <c>Member</c> of role <paramref name="role"/> named by its address, as BitlBee and Pidgin write it.</summary>
    public static void Membership(XmlWriter w, MemberRole role, string email)
    {
        w.WriteStartElement("serviceHandle", Ns);
        w.WriteElementString("Id", Ns, "0");
        w.WriteElementString("Type", Ns, "Messenger");
        w.WriteElementString("ForeignId", Ns, string.Empty);
        w.WriteEndElement();
        w.WriteStartElement("memberships", Ns);
        w.WriteStartElement("Membership", Ns);
        w.WriteElementString("MemberRole", Ns, role.ToString());
        w.WriteStartElement("Members", Ns);
        w.WriteStartElement("Member", Ns);
        w.WriteAttributeString("xsi", "type", XsiNs, "PassportMember");
        w.WriteElementString("Type", Ns, "Passport");
        w.WriteElementString("State", Ns, "Accepted");
        w.WriteElementString("PassportName", Ns, email);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }
}
