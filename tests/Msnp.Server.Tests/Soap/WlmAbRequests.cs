using System.Security;

namespace Msnp.Server.Tests.Soap;

/// <summary>
/// The bodies of the address book actions added for WLM 2009 and new accounts: Pidgin 2.10's
/// <c>MSN_ADD_ADDRESSBOOK_TEMPLATE</c> (<c>ABAdd</c>), and the WLM 2009 shapes of
/// <c>CreateContact</c>, <c>ManageWLConnection</c>, <c>BreakConnection</c>, <c>UpdateDynamicItem</c>
/// and <c>CreateCircle</c> (<c>abHandle</c>, <c>contactHandle</c>, <c>DynamicItem</c> as WLM 2009's
/// address book schema names them).
/// </summary>
internal static class WlmAbRequests
{
    private const string Zero = "00000000-0000-0000-0000-000000000000";

    public static string AbAdd(string owner) =>
        "<ABAdd xmlns=\"http://www.msn.com/webservices/AddressBook\"><abInfo><name/><ownerPuid>0</ownerPuid>"
        + $"<ownerEmail>{SecurityElement.Escape(owner)}</ownerEmail><fDefault>true</fDefault></abInfo></ABAdd>";

    public static string CreateContact(string email, string abId = Zero) =>
        $"<CreateContact xmlns=\"http://www.msn.com/webservices/AddressBook\"><abHandle><ABId>{abId}</ABId><Puid>0</Puid><Cid>0</Cid></abHandle>"
        + $"<contactHandle><Email>{SecurityElement.Escape(email)}</Email><Puid>0</Puid><Cid>0</Cid><CircleId>{Zero}</CircleId></contactHandle></CreateContact>";

    public static string ManageWlConnection(string contactId, bool connection = true, bool presence = true, int action = 1, string abId = Zero) =>
        $"<ManageWLConnection xmlns=\"http://www.msn.com/webservices/AddressBook\"><abHandle><ABId>{abId}</ABId><Puid>0</Puid><Cid>0</Cid></abHandle>"
        + $"<contactId>{contactId}</contactId><connection>{(connection ? "true" : "false")}</connection><presence>{(presence ? "true" : "false")}</presence>"
        + $"<action>{action}</action><relationshipType>3</relationshipType><relationshipRole>0</relationshipRole></ManageWLConnection>";

    public static string BreakConnection(string contactId, bool block, bool delete, string abId = Zero) =>
        $"<BreakConnection xmlns=\"http://www.msn.com/webservices/AddressBook\"><abHandle><ABId>{abId}</ABId><Puid>0</Puid><Cid>0</Cid></abHandle>"
        + $"<contactId>{contactId}</contactId><deleteContact>{(delete ? "true" : "false")}</deleteContact><blockContact>{(block ? "true" : "false")}</blockContact></BreakConnection>";

    public static string UpdateDynamicItem(string passport) =>
        $"<UpdateDynamicItem xmlns=\"http://www.msn.com/webservices/AddressBook\"><abId>{Zero}</abId><dynamicItems>"
        + "<DynamicItem xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"PassportDynamicItem\"><Type>Passport</Type>"
        + $"<PassportName>{SecurityElement.Escape(passport)}</PassportName><Notifications><NotificationData><StoreService><Info><Handle><Id>0</Id><Type>Profile</Type>"
        + "<ForeignId>MyProfile</ForeignId></Handle><InverseRequired>false</InverseRequired><IsBot>false</IsBot></Info><Changes/>"
        + "<LastChange>0001-01-01T00:00:00</LastChange><Deleted>false</Deleted></StoreService><Status>Exist Access</Status>"
        + "<LastChanged>2009-01-01T00:00:00</LastChanged><Gleam>false</Gleam><InstanceId>0</InstanceId></NotificationData></Notifications>"
        + "<Changes>Notifications</Changes></DynamicItem></dynamicItems></UpdateDynamicItem>";

    public const string CreateCircle =
        "<CreateCircle xmlns=\"http://www.msn.com/webservices/AddressBook\"><properties><Domain>1</Domain><HostedDomain>live.com</HostedDomain>"
        + "<Type>2</Type><MembershipAccess>0</MembershipAccess><IsPresenceEnabled>true</IsPresenceEnabled><RequestMembershipOption>2</RequestMembershipOption>"
        + "<DisplayName>Friends</DisplayName></properties><callerInfo><PublicDisplayName>Alice</PublicDisplayName></callerInfo></CreateCircle>";
}
