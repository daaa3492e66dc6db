using System.Security;

namespace Msnp.Server.Tests.Soap;

/// <summary>
/// Requests as the clients build them: BitlBee 3.2's <c>soap.h</c> (ABFindAll, FindMembership,
/// ABContactAdd/Delete/Update, AddMember/DeleteMember) and Pidgin 2.10's <c>contact.h</c>
/// (ABFindContactsPaged, group operations), with the ticket in <c>ABAuthHeader/TicketToken</c>.
/// </summary>
internal static class AbRequests
{
    public const string AbPath = "/abservice/abservice.asmx";
    public const string SharingPath = "/abservice/SharingService.asmx";

    public static string Action(string name) => $"\"http://www.msn.com/webservices/AddressBook/{name}\"";

    // BitlBee's SOAP_ABSERVICE_PAYLOAD: the namespace declared on every header element, the body's own soap declaration.
    public static string BitlBee(string ticket, string body, string scenario = "Initial") =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>" +
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">" +
        "<soap:Header xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">" +
        "<ABApplicationHeader xmlns=\"http://www.msn.com/webservices/AddressBook\">" +
        "<ApplicationId xmlns=\"http://www.msn.com/webservices/AddressBook\">CFE80F9D-180F-4399-82AB-413F33A1FA11</ApplicationId>" +
        "<IsMigration xmlns=\"http://www.msn.com/webservices/AddressBook\">false</IsMigration>" +
        $"<PartnerScenario xmlns=\"http://www.msn.com/webservices/AddressBook\">{scenario}</PartnerScenario>" +
        "</ABApplicationHeader>" +
        "<ABAuthHeader xmlns=\"http://www.msn.com/webservices/AddressBook\">" +
        "<ManagedGroupRequest xmlns=\"http://www.msn.com/webservices/AddressBook\">false</ManagedGroupRequest>" +
        $"<TicketToken>{SecurityElement.Escape(ticket)}</TicketToken>" +
        "</ABAuthHeader>" +
        "</soap:Header>" +
        $"<soap:Body xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">{body}</soap:Body>" +
        "</soap:Envelope>";

    // Pidgin's templates: prefixes declared on the envelope, the namespace on the header elements only.
    public static string Pidgin(string ticket, string body, string scenario = "Initial") =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>" +
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:soapenc=\"http://schemas.xmlsoap.org/soap/encoding/\">" +
        "<soap:Header>" +
        "<ABApplicationHeader xmlns=\"http://www.msn.com/webservices/AddressBook\">" +
        "<ApplicationId>CFE80F9D-180F-4399-82AB-413F33A1FA11</ApplicationId><IsMigration>false</IsMigration>" +
        $"<PartnerScenario>{scenario}</PartnerScenario>" +
        "</ABApplicationHeader>" +
        $"<ABAuthHeader xmlns=\"http://www.msn.com/webservices/AddressBook\"><ManagedGroupRequest>false</ManagedGroupRequest><TicketToken>{SecurityElement.Escape(ticket)}</TicketToken></ABAuthHeader>" +
        "</soap:Header>" +
        $"<soap:Body>{body}</soap:Body>" +
        "</soap:Envelope>";

    public const string FindMembership =
        "<FindMembership xmlns=\"http://www.msn.com/webservices/AddressBook\"><serviceFilter xmlns=\"http://www.msn.com/webservices/AddressBook\"><Types xmlns=\"http://www.msn.com/webservices/AddressBook\"><ServiceType xmlns=\"http://www.msn.com/webservices/AddressBook\">Messenger</ServiceType><ServiceType xmlns=\"http://www.msn.com/webservices/AddressBook\">Invitation</ServiceType><ServiceType xmlns=\"http://www.msn.com/webservices/AddressBook\">SocialNetwork</ServiceType><ServiceType xmlns=\"http://www.msn.com/webservices/AddressBook\">Space</ServiceType><ServiceType xmlns=\"http://www.msn.com/webservices/AddressBook\">Profile</ServiceType></Types></serviceFilter></FindMembership>";

    public static string FindMembershipDeltas(string lastChange) =>
        "<FindMembership xmlns=\"http://www.msn.com/webservices/AddressBook\"><serviceFilter><Types><ServiceType>Messenger</ServiceType></Types></serviceFilter>" +
        $"<View>Full</View><deltasOnly>true</deltasOnly><lastChange>{lastChange}</lastChange></FindMembership>";

    public const string AbFindAll =
        "<ABFindAll xmlns=\"http://www.msn.com/webservices/AddressBook\"><abId>00000000-0000-0000-0000-000000000000</abId><abView>Full</abView><deltasOnly>false</deltasOnly><lastChange>0001-01-01T00:00:00.0000000-08:00</lastChange></ABFindAll>";

    public static string AbFindAllDeltas(string lastChange) =>
        $"<ABFindAll xmlns=\"http://www.msn.com/webservices/AddressBook\"><abId>00000000-0000-0000-0000-000000000000</abId><abView>Full</abView><deltasOnly>true</deltasOnly><lastChange>{lastChange}</lastChange></ABFindAll>";

    public static string AbFindContactsPaged(string? lastChange = null) =>
        "<ABFindContactsPaged xmlns=\"http://www.msn.com/webservices/AddressBook\"><abView>Full</abView><extendedContent>AB AllGroups CircleResult</extendedContent>" +
        (lastChange is null ? "" : $"<filterOptions><deltasOnly>true</deltasOnly><lastChange>{lastChange}</lastChange></filterOptions>") +
        "</ABFindContactsPaged>";

    public static string ContactAdd(string email, string displayName) =>
        "<ABContactAdd xmlns=\"http://www.msn.com/webservices/AddressBook\"><abId>00000000-0000-0000-0000-000000000000</abId><contacts><Contact xmlns=\"http://www.msn.com/webservices/AddressBook\"><contactInfo><contactType>LivePending</contactType>" +
        $"<passportName>{SecurityElement.Escape(email)}</passportName><isMessengerUser>true</isMessengerUser><MessengerMemberInfo><DisplayName>{SecurityElement.Escape(displayName)}</DisplayName></MessengerMemberInfo></contactInfo></Contact></contacts>" +
        "<options><EnableAllowListManagement>true</EnableAllowListManagement></options></ABContactAdd>";

    public static string ContactDelete(string contactId) =>
        $"<ABContactDelete xmlns=\"http://www.msn.com/webservices/AddressBook\"><abId>00000000-0000-0000-0000-000000000000</abId><contacts><Contact xmlns=\"http://www.msn.com/webservices/AddressBook\"><contactId>{contactId}</contactId></Contact></contacts></ABContactDelete>";

    public static string MeDisplayName(string name) =>
        "<ABContactUpdate xmlns=\"http://www.msn.com/webservices/AddressBook\"><abId>00000000-0000-0000-0000-000000000000</abId><contacts><Contact xmlns=\"http://www.msn.com/webservices/AddressBook\"><contactInfo><contactType>Me</contactType>" +
        $"<displayName>{SecurityElement.Escape(name)}</displayName></contactInfo><propertiesChanged>DisplayName</propertiesChanged></Contact></contacts></ABContactUpdate>";

    public static string MePrivacy(int blp) =>
        "<ABContactUpdate xmlns=\"http://www.msn.com/webservices/AddressBook\"><abId>00000000-0000-0000-0000-000000000000</abId><contacts><Contact xmlns=\"http://www.msn.com/webservices/AddressBook\"><contactInfo><contactType>Me</contactType>" +
        $"<annotations><Annotation><Name>MSN.IM.BLP</Name><Value>{blp}</Value></Annotation></annotations></contactInfo><propertiesChanged>Annotation</propertiesChanged></Contact></contacts></ABContactUpdate>";

    public static string GroupAdd(string name) =>
        "<ABGroupAdd xmlns=\"http://www.msn.com/webservices/AddressBook\"><abId>00000000-0000-0000-0000-000000000000</abId><groupAddOptions><fRenameOnMsgrConflict>false</fRenameOnMsgrConflict></groupAddOptions>" +
        $"<groupInfo><GroupInfo><name>{SecurityElement.Escape(name)}</name><groupType>C8529CE2-6EAD-434d-881F-341E17DB3FF8</groupType><fMessenger>false</fMessenger><annotations><Annotation><Name>MSN.IM.Display</Name><Value>1</Value></Annotation></annotations></GroupInfo></groupInfo></ABGroupAdd>";

    public static string GroupUpdate(string groupId, string name) =>
        $"<ABGroupUpdate xmlns=\"http://www.msn.com/webservices/AddressBook\"><abId>00000000-0000-0000-0000-000000000000</abId><groups><Group><groupId>{groupId}</groupId><groupInfo><name>{SecurityElement.Escape(name)}</name></groupInfo><propertiesChanged>GroupName </propertiesChanged></Group></groups></ABGroupUpdate>";

    public static string GroupDelete(string groupId) =>
        $"<ABGroupDelete xmlns=\"http://www.msn.com/webservices/AddressBook\"><abId>00000000-0000-0000-0000-000000000000</abId><groupFilter><groupIds><guid>{groupId}</guid></groupIds></groupFilter></ABGroupDelete>";

    public static string GroupContactAdd(string groupId, string contactXml) =>
        $"<ABGroupContactAdd xmlns=\"http://www.msn.com/webservices/AddressBook\"><abId>00000000-0000-0000-0000-000000000000</abId><groupFilter><groupIds><guid>{groupId}</guid></groupIds></groupFilter><contacts>{contactXml}</contacts>" +
        "<groupContactAddOptions><fGenerateMissingQuickName>true</fGenerateMissingQuickName><EnableAllowListManagement>true</EnableAllowListManagement></groupContactAddOptions></ABGroupContactAdd>";

    public static string ContactById(string contactId) => $"<Contact><contactId>{contactId}</contactId></Contact>";

    public static string ContactByPassport(string email) =>
        $"<Contact xmlns=\"http://www.msn.com/webservices/AddressBook\"><contactInfo><passportName>{SecurityElement.Escape(email)}</passportName><isSmtp>false</isSmtp><isMessengerUser>true</isMessengerUser></contactInfo></Contact>";

    public static string GroupContactDelete(string groupId, string contactId) =>
        $"<ABGroupContactDelete xmlns=\"http://www.msn.com/webservices/AddressBook\"><abId>00000000-0000-0000-0000-000000000000</abId><contacts><Contact><contactId>{contactId}</contactId></Contact></contacts><groupFilter><groupIds><guid>{groupId}</guid></groupIds></groupFilter></ABGroupContactDelete>";

    // BitlBee's SOAP_MEMLIST_EDIT_PAYLOAD.
    public static string Member(bool add, string role, params string[] emails) =>
        $"<{(add ? "Add" : "Delete")}Member xmlns=\"http://www.msn.com/webservices/AddressBook\"><serviceHandle><Id>0</Id><Type>Messenger</Type><ForeignId></ForeignId></serviceHandle><memberships><Membership><MemberRole>{role}</MemberRole><Members>" +
        string.Concat(emails.Select(email => $"<Member xsi:type=\"PassportMember\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><Type>Passport</Type><State>Accepted</State><PassportName>{SecurityElement.Escape(email)}</PassportName></Member>")) +
        $"</Members></Membership></memberships></{(add ? "Add" : "Delete")}Member>";

    // Pidgin's MSN_MEMBER_MEMBERSHIPID_XML in DeleteMember, as it removes someone from the pending list.
    public static string DeletePendingById(string membershipId) =>
        "<DeleteMember xmlns=\"http://www.msn.com/webservices/AddressBook\"><serviceHandle><Id>0</Id><Type>Messenger</Type><ForeignId></ForeignId></serviceHandle><memberships><Membership><MemberRole>Pending</MemberRole><Members>" +
        $"<Member xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"PassportMember\"><Type>Passport</Type><MembershipId>{membershipId}</MembershipId><State>Accepted</State></Member>" +
        "</Members></Membership></memberships></DeleteMember>";
}
