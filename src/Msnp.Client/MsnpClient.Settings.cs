using System.Globalization;
using Msnp.Client.Contacts;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Names;

namespace Msnp.Client;

/// <summary>Groups, privacy and the friendly name: server-stored settings that each bump the list version.</summary>
public sealed partial class MsnpClient
{
    /// <summary>Creates a forward-list group (<c>ADG</c>, MSNP7 and later) and returns it with the id the server chose.</summary>
    /// <exception cref="MsnpException">223 too many groups, 229 name too long.</exception>
    public async Task<ContactGroup> AddGroupAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        RequireGroups();
        if (Dialect.ListsFromAddressBook)
        {
            return await AddGroupThroughAddressBookAsync(name, cancellationToken).ConfigureAwait(false);
        }

        // ADG TrID name 0 → ADG TrID ver name id 0, from MSNP10 ADG TrID name guid
        var reply = await Connection.SendAsync(CommandCodes.Adg, [UrlEncoding.Encode(name), "0"], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (Dialect.HasGuids)
        {
            if (reply.Parameters.Count < 2 || !Guid.TryParse(reply.Parameters[1], out var guid))
            {
                throw new InvalidDataException($"Unexpected ADG reply: {reply}");
            }

            var number = _groupIds.IsEmpty ? 1 : _groupIds.Keys.Max() + 1;
            _groupIds[number] = guid;
            return new ContactGroup(number, DecodeOrRaw(reply.Parameters[0])) { Guid = guid };
        }

        if (reply.Parameters.Count < 3 || !TryParseNumber(reply.Parameters[2], out var id))
        {
            throw new InvalidDataException($"Unexpected ADG reply: {reply}");
        }

        return new ContactGroup(id, DecodeOrRaw(reply.Parameters[1]));
    }

    /// <summary>Deletes a group (<c>RMG</c>) and returns the new list version. Contacts only in that group leave the forward list.</summary>
    /// <exception cref="MsnpException">224 no such group, 230 group 0 cannot be removed.</exception>
    public async Task<int> RemoveGroupAsync(int groupId, CancellationToken cancellationToken = default)
    {
        RequireGroups();
        if (Dialect.HasGuids)
        {
            await RemoveGroupAsync(GroupGuid(groupId), cancellationToken).ConfigureAwait(false);
            return 0;
        }

        var reply = await Connection.SendAsync(CommandCodes.Rmg, [Number(groupId)], cancellationToken: cancellationToken).ConfigureAwait(false);
        return VersionAt(reply, 0);
    }

    /// <summary>Renames a group (<c>REG</c>) and returns the new list version.</summary>
    /// <exception cref="MsnpException">224 no such group, 229 name too long.</exception>
    public async Task<int> RenameGroupAsync(int groupId, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        RequireGroups();
        if (Dialect.HasGuids)
        {
            await RenameGroupAsync(GroupGuid(groupId), name, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        var reply = await Connection.SendAsync(CommandCodes.Reg, [Number(groupId), UrlEncoding.Encode(name), "0"], cancellationToken: cancellationToken).ConfigureAwait(false);
        return VersionAt(reply, 0);
    }

    /// <summary>Sets what applies to people on neither the allow nor the block list (<c>BLP</c>) and returns the new list version.</summary>
    /// <exception cref="MsnpException">218 when the setting already has this value.</exception>
    public async Task<int> SetPrivacyAsync(DefaultPrivacy privacy, CancellationToken cancellationToken = default)
    {
        var reply = await Connection.SendAsync(CommandCodes.Blp, [privacy.WireName()], cancellationToken: cancellationToken).ConfigureAwait(false);
        return VersionAt(reply, 0);
    }

    /// <summary>Sets whether the user wants to be asked when someone adds them (<c>GTC</c>) and returns the new list version.</summary>
    /// <exception cref="MsnpException">218 when the setting already has this value.</exception>
    public async Task<int> SetReverseListPromptAsync(ReverseListPrompt prompt, CancellationToken cancellationToken = default)
    {
        var reply = await Connection.SendAsync(CommandCodes.Gtc, [prompt.WireName()], cancellationToken: cancellationToken).ConfigureAwait(false);
        return VersionAt(reply, 0);
    }

    /// <summary>Changes the user's friendly name (<c>REA</c> on the own account; <c>PRP MFN</c> from MSNP10, returning 0) and returns the new list version.</summary>
    /// <exception cref="MsnpException">209 when the server refuses the name.</exception>
    public async Task<int> SetFriendlyNameAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!Dialect.HasRename)
        {
            // PRP TrID MFN name → PRP TrID MFN name (MSNP10+: REA is disabled)
            var prp = await Connection.SendAsync(CommandCodes.Prp, ["MFN", UrlEncoding.Encode(name)], cancellationToken: cancellationToken).ConfigureAwait(false);
            FriendlyName = prp.Parameters.Count > 1 ? DecodeOrRaw(prp.Parameters[1]) : name;
            return 0;
        }

        // REA TrID account name → REA TrID ver account name
        var reply = await Connection.SendAsync(CommandCodes.Rea, [Account, UrlEncoding.Encode(name)], cancellationToken: cancellationToken).ConfigureAwait(false);
        FriendlyName = reply.Parameters.Count > 2 ? DecodeOrRaw(reply.Parameters[2]) : name;
        return VersionAt(reply, 0);
    }

    private void RequireGroups()
    {
        if (!Dialect.HasGroups)
        {
            throw new NotSupportedException($"Groups need MSNP7 or later; this client speaks {Dialect.Name}.");
        }
    }

    private static int VersionAt(MsnpCommand reply, int index) =>
        reply.Parameters.Count > index && TryParseNumber(reply.Parameters[index], out var version) ? version : 0;

    private static bool TryParseNumber(string token, out int value) =>
        int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
