using System.Globalization;
using System.Security.Cryptography;
using System.Xml;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Names;
using Msnp.Server.Storage;
using ContactEntry = Msnp.Server.Storage.ContactEntry;

namespace Msnp.Server.Soap.AddressBook;

/// <summary>
/// Writes the address book's elements in the shapes Pidgin (<c>contact.c</c>) and BitlBee
/// (<c>soap.c</c>) read: <c>Group/groupId</c>, <c>groupInfo/name</c>; <c>Contact/contactId</c>,
/// <c>contactInfo/contactType</c>, <c>passportName</c>, <c>displayName</c>, <c>isMessengerUser</c>,
/// <c>groupIds/guid</c>, <c>annotations/Annotation</c>; the <c>Me</c> contact with <c>CID</c> and the
/// <c>MSN.IM.*</c> annotations. Names are stored URL-encoded (their MSNP wire form) and written
/// here as plain text. Group 0 (<c>Other Contacts</c>) is the address book's "no group".
/// </summary>
internal static class AbWriter
{
    private const string Ns = SoapNamespaces.AddressBook;

    /// <summary>The <c>groupType</c> GUID of ordinary groups.</summary>
    public const string GroupType = "c8529ce2-6ead-434d-881f-341e17db3ff8";

    /// <summary>The address book id every client asks for: the user's own.</summary>
    public const string DefaultAbId = "00000000-0000-0000-0000-000000000000";

    /// <summary>The <c>ServiceHeader</c> every address book and sharing response carries.</summary>
    public static void ServiceHeader(XmlWriter w, SoapCall call)
    {
        w.WriteStartElement("ServiceHeader", Ns);
        w.WriteElementString("Version", Ns, "15.01.1408.0000");
        w.WriteElementString("CacheKey", Ns, "12r1:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));
        w.WriteElementString("CacheKeyChanged", Ns, "true");
        w.WriteElementString("PreferredHostName", Ns, PreferredHost(call));
        w.WriteElementString("SessionId", Ns, Guid.NewGuid().ToString());
        w.WriteEndElement();
    }

    // The host the client called, without the port; clients may send later requests there.
    private static string PreferredHost(SoapCall call)
    {
        var host = call.Http.Request.Host.Host;
        return string.IsNullOrEmpty(host) ? "contacts.msn.com" : host;
    }

    public static string Plain(string wireName) => UrlEncoding.Decode(wireName.AsSpan());

    public static void Group(XmlWriter w, GroupEntry group, string lastChange)
    {
        w.WriteStartElement("Group", Ns);
        w.WriteElementString("groupId", Ns, group.Guid.ToString());
        w.WriteStartElement("groupInfo", Ns);
        w.WriteStartElement("annotations", Ns);
        Annotation(w, "MSN.IM.Display", "1");
        w.WriteEndElement();
        w.WriteElementString("groupType", Ns, GroupType);
        w.WriteElementString("name", Ns, Plain(group.Name));
        w.WriteElementString("IsNotMobileVisible", Ns, "false");
        w.WriteElementString("IsPrivate", Ns, "false");
        w.WriteElementString("IsFavorite", Ns, "false");
        w.WriteEndElement();
        w.WriteElementString("propertiesChanged", Ns, string.Empty);
        w.WriteElementString("fDeleted", Ns, "false");
        w.WriteElementString("lastChange", Ns, lastChange);
        w.WriteEndElement();
    }

    /// <summary>
    /// A forward-list contact; its groups other than group 0 in <c>groupIds</c>. <paramref name="element"/>
    /// names the element (<c>CreateContactResult</c> and <c>ManageWLConnectionResult</c> are contacts too).
    /// </summary>
    public static void Contact(XmlWriter w, ContactEntry contact, IReadOnlyDictionary<int, Guid> groupGuids, string lastChange, string element = "Contact")
    {
        var name = Plain(contact.Name);
        w.WriteStartElement(element, Ns);
        w.WriteElementString("contactId", Ns, contact.Guid.ToString());
        w.WriteStartElement("contactInfo", Ns);
        w.WriteStartElement("annotations", Ns);
        Annotation(w, "AB.NickName", name);
        w.WriteEndElement();
        w.WriteElementString("contactType", Ns, "Regular");
        w.WriteElementString("quickName", Ns, name);
        w.WriteElementString("passportName", Ns, contact.Account);
        w.WriteElementString("IsPassportNameHidden", Ns, "false");
        w.WriteElementString("displayName", Ns, name);
        w.WriteElementString("puid", Ns, "0");
        var groups = contact.GroupIds.Where(id => id != 0 && groupGuids.ContainsKey(id)).ToList();
        if (groups.Count > 0)
        {
            w.WriteStartElement("groupIds", Ns);
            foreach (var id in groups)
            {
                w.WriteElementString("guid", Ns, groupGuids[id].ToString());
            }

            w.WriteEndElement();
        }

        w.WriteElementString("CID", Ns, AccountCid.Of(contact.Account).ToString(CultureInfo.InvariantCulture));
        CommonTail(w, messengerUser: true);
        w.WriteEndElement();
        w.WriteElementString("propertiesChanged", Ns, string.Empty);
        w.WriteElementString("fDeleted", Ns, "false");
        w.WriteElementString("lastChange", Ns, lastChange);
        w.WriteEndElement();
    }

    /// <summary>The owner's own entry (<c>contactType</c> <c>Me</c>), with GTC and BLP as annotations.</summary>
    public static void Me(XmlWriter w, Account account, PrivacySettings privacy, string lastChange)
    {
        var name = Plain(account.FriendlyName);
        w.WriteStartElement("Contact", Ns);
        w.WriteElementString("contactId", Ns, MeId(account.Email).ToString());
        w.WriteStartElement("contactInfo", Ns);
        w.WriteStartElement("annotations", Ns);
        Annotation(w, "MSN.IM.MBEA", "0");
        Annotation(w, "MSN.IM.GTC", privacy.Prompt == ReverseListPrompt.Ask ? "1" : "2");
        Annotation(w, "MSN.IM.BLP", privacy.Default == DefaultPrivacy.Allow ? "1" : "2");
        w.WriteEndElement();
        w.WriteElementString("contactType", Ns, "Me");
        w.WriteElementString("quickName", Ns, name);
        w.WriteElementString("passportName", Ns, account.Email);
        w.WriteElementString("IsPassportNameHidden", Ns, "false");
        w.WriteElementString("displayName", Ns, name);
        w.WriteElementString("puid", Ns, "0");
        w.WriteElementString("CID", Ns, AccountCid.Of(account.Email).ToString(CultureInfo.InvariantCulture));
        CommonTail(w, messengerUser: false);
        w.WriteEndElement();
        w.WriteElementString("propertiesChanged", Ns, string.Empty);
        w.WriteElementString("fDeleted", Ns, "false");
        w.WriteElementString("lastChange", Ns, lastChange);
        w.WriteEndElement();
    }

    /// <summary>The <c>ab</c> element (<c>Ab</c> in <c>ABFindContactsPaged</c>): owner, <c>lastChange</c>, creation date.</summary>
    public static void AbInfo(XmlWriter w, string element, Account account, string lastChange)
    {
        w.WriteStartElement(element, Ns);
        w.WriteElementString("abId", Ns, DefaultAbId);
        w.WriteStartElement("abInfo", Ns);
        w.WriteElementString("ownerPuid", Ns, "0");
        w.WriteElementString("OwnerCID", Ns, AccountCid.Of(account.Email).ToString(CultureInfo.InvariantCulture));
        w.WriteElementString("ownerEmail", Ns, account.Email);
        w.WriteElementString("fDefault", Ns, "true");
        w.WriteElementString("joinedNamespace", Ns, "false");
        w.WriteElementString("IsBot", Ns, "false");
        w.WriteElementString("IsParentManaged", Ns, "false");
        w.WriteElementString("SubscribeExternalPartner", Ns, "false");
        w.WriteElementString("NotifyExternalPartner", Ns, "false");
        w.WriteElementString("AddressBookType", Ns, "Individual");
        w.WriteEndElement();
        w.WriteElementString("lastChange", Ns, lastChange);
        w.WriteElementString("DynamicItemLastChanged", Ns, AbTime.Never);
        w.WriteElementString("createDate", Ns, account.CreatedAt.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
        w.WriteElementString("propertiesChanged", Ns, string.Empty);
        w.WriteEndElement();
    }

    /// <summary>The Me entry's id: stable per account, distinct from every list-entry GUID.</summary>
    public static Guid MeId(string email)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("me:" + email.ToLowerInvariant()), hash);
        return new Guid(hash[..16]);
    }

    public static void Annotation(XmlWriter w, string name, string value)
    {
        w.WriteStartElement("Annotation", Ns);
        w.WriteElementString("Name", Ns, name);
        w.WriteElementString("Value", Ns, value);
        w.WriteEndElement();
    }

    private static void CommonTail(XmlWriter w, bool messengerUser)
    {
        w.WriteElementString("IsNotMobileVisible", Ns, "false");
        w.WriteElementString("isMobileIMEnabled", Ns, "false");
        w.WriteElementString("isMessengerUser", Ns, messengerUser ? "true" : "false");
        w.WriteElementString("isFavorite", Ns, "false");
        w.WriteElementString("isSmtp", Ns, "false");
        w.WriteElementString("hasSpace", Ns, "false");
        w.WriteElementString("spotWatchState", Ns, "NoDevice");
        w.WriteElementString("birthdate", Ns, AbTime.Never);
        w.WriteElementString("primaryEmailType", Ns, "ContactEmailPersonal");
        w.WriteElementString("PrimaryLocation", Ns, "ContactLocationPersonal");
        w.WriteElementString("PrimaryPhone", Ns, "ContactPhonePersonal");
        w.WriteElementString("IsPrivate", Ns, "false");
        w.WriteElementString("Gender", Ns, "Unspecified");
        w.WriteElementString("TimeZone", Ns, "None");
    }
}
