namespace Msnp.Client.AddressBook;

/// <summary>Groups of the address book (<c>ABGroup*</c>), written as Pidgin's <c>contact.c</c> and WLM wrote them.</summary>
public sealed partial class AddressBookClient
{
    // The group type every Messenger group carries.
    private const string MessengerGroupType = "C8529CE2-6EAD-434d-881F-341E17DB3FF8";

    /// <summary><c>ABGroupAdd</c>: creates a group and returns its GUID.</summary>
    public async Task<Guid> AddGroupAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var response = await AddressBookCallAsync("ABGroupAdd", "GroupSave", w =>
        {
            w.WriteStartElement("groupAddOptions", AbRequestWriter.Ns);
            w.WriteElementString("fRenameOnMsgrConflict", AbRequestWriter.Ns, "false");
            w.WriteEndElement();
            w.WriteStartElement("groupInfo", AbRequestWriter.Ns);
            w.WriteStartElement("GroupInfo", AbRequestWriter.Ns);
            w.WriteElementString("name", AbRequestWriter.Ns, name);
            w.WriteElementString("groupType", AbRequestWriter.Ns, MessengerGroupType);
            w.WriteElementString("fMessenger", AbRequestWriter.Ns, "false");
            w.WriteEndElement();
            w.WriteEndElement();
        }, cancellationToken).ConfigureAwait(false);
        return Guid.TryParse(response.Text("ABGroupAddResult", "guid"), out var id)
            ? id
            : throw new AddressBookException("ABGroupAdd: the reply holds no group id.");
    }

    /// <summary><c>ABGroupUpdate</c>: renames a group.</summary>
    public Task RenameGroupAsync(Guid groupId, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return AddressBookCallAsync("ABGroupUpdate", "GroupSave", w =>
        {
            w.WriteStartElement("groups", AbRequestWriter.Ns);
            w.WriteStartElement("Group", AbRequestWriter.Ns);
            w.WriteElementString("groupId", AbRequestWriter.Ns, groupId.ToString());
            w.WriteStartElement("groupInfo", AbRequestWriter.Ns);
            w.WriteElementString("name", AbRequestWriter.Ns, name);
            w.WriteEndElement();
            w.WriteElementString("propertiesChanged", AbRequestWriter.Ns, "GroupName");
            w.WriteEndElement();
            w.WriteEndElement();
        }, cancellationToken);
    }

    /// <summary><c>ABGroupDelete</c>: deletes a group; its contacts stay on the forward list.</summary>
    public Task DeleteGroupAsync(Guid groupId, CancellationToken cancellationToken = default) =>
        AddressBookCallAsync("ABGroupDelete", "Timer", w => GroupFilter(w, groupId), cancellationToken);

    /// <summary><c>ABGroupContactAdd</c>: puts the entry <paramref name="contactId"/> into a group.</summary>
    public Task AddContactToGroupAsync(Guid contactId, Guid groupId, CancellationToken cancellationToken = default) =>
        GroupContactAsync("ABGroupContactAdd", contactId, groupId, cancellationToken);

    /// <summary><c>ABGroupContactDelete</c>: takes the entry <paramref name="contactId"/> out of a group (it stays on the forward list).</summary>
    public Task DeleteContactFromGroupAsync(Guid contactId, Guid groupId, CancellationToken cancellationToken = default) =>
        GroupContactAsync("ABGroupContactDelete", contactId, groupId, cancellationToken);

    private Task GroupContactAsync(string action, Guid contactId, Guid groupId, CancellationToken cancellationToken) =>
        AddressBookCallAsync(action, "GroupSave", w =>
        {
            GroupFilter(w, groupId);
            ContactIds(w, contactId);
        }, cancellationToken);

    private static void GroupFilter(System.Xml.XmlWriter w, Guid groupId)
    {
        w.WriteStartElement("groupFilter", AbRequestWriter.Ns);
        w.WriteStartElement("groupIds", AbRequestWriter.Ns);
        w.WriteElementString("guid", AbRequestWriter.Ns, groupId.ToString());
        w.WriteEndElement();
        w.WriteEndElement();
    }
}
