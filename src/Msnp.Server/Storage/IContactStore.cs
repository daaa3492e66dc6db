using Msnp.Protocol.Dialects.Model;

namespace Msnp.Server.Storage;

/// <summary>
/// Per-user server-side list state (catalogue §5.6, §5.8). Each mutation runs in one transaction that
/// also bumps the owner's list version by one, and returns the new version or the MSNP error code.
/// Names (nicknames, friendly names, group names, phone values) are in their URL-encoded wire form;
/// limits the server enforces by disconnecting (387-byte names, 95-byte phones) are checked by the
/// caller and guarded here with <see cref="ArgumentException"/>. An unknown owner throws
/// <see cref="AccountRemovedException"/>; a list other than FL, AL or BL throws <see cref="ArgumentException"/>
/// (the client may never change the RL; the server disconnects it first).
/// </summary>
public interface IContactStore
{
    /// <summary>The owner's list version, or null when there is no such account.</summary>
    Task<uint?> GetListVersionAsync(string owner, CancellationToken cancellationToken = default);

    /// <summary>Everything a <c>SYN</c> sends, or null when there is no such account.</summary>
    Task<ContactListSnapshot?> GetSnapshotAsync(string owner, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>ADD</c>: puts a contact on FL, AL or BL. Errors: 201 malformed address, 205 no such account,
    /// 210 list full, 215 already on the list (on FL: already in that group), 219 on the opposite list
    /// (AL vs BL), 224 no such group. Adding to FL also puts the owner on the contact's RL and bumps the
    /// contact's version (see <see cref="ListChangeResult.ReverseListChanges"/>); adding a contact already
    /// on FL to another group only adds the group.
    /// </summary>
    /// <param name="owner">The signed-in user.</param>
    /// <param name="list">FL, AL or BL.</param>
    /// <param name="contact">The principal to add.</param>
    /// <param name="nickname">The name stored for the contact (required for FL; for AL/BL stored only if not on FL, and null stores none, so the contact's own friendly name shows).</param>
    /// <param name="groupId">FL only: the group (default 0); ignored for AL and BL.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<ListChangeResult> AddAsync(string owner, ListKind list, string contact, string? nickname, int? groupId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>REM</c>: takes a contact off FL, AL or BL. Errors: 201 malformed address, 216 not on the list,
    /// 224 no such group, 225 not in that group. On FL without a group (or from its last group) the
    /// contact leaves FL and the owner leaves the contact's RL, bumping the contact's version too.
    /// </summary>
    /// <param name="owner">The signed-in user.</param>
    /// <param name="list">FL, AL or BL.</param>
    /// <param name="contact">The principal to remove.</param>
    /// <param name="groupId">FL only: remove from this group only; ignored for AL and BL.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<ListChangeResult> RemoveAsync(string owner, ListKind list, string contact, int? groupId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>REM PL</c> (MSNP11+): the owner has seen that <paramref name="contact"/> added them and
    /// decided; the entry stays on the RL. Errors: 201 malformed address, 216 not pending. Adding the
    /// contact to AL or BL clears the mark as well; an FL addition by the contact sets it while the
    /// owner has them on neither.
    /// </summary>
    Task<ListChangeResult> RemovePendingAsync(string owner, string contact, CancellationToken cancellationToken = default);

    /// <summary><c>REA</c> on a contact: changes the nickname stored for them. Errors: 201 malformed address, 216 on no list.</summary>
    Task<ListChangeResult> SetNicknameAsync(string owner, string contact, string nickname, CancellationToken cancellationToken = default);

    /// <summary><c>REA</c> on oneself: changes the friendly name stored on the account.</summary>
    Task<ListChangeResult> SetFriendlyNameAsync(string owner, string friendlyName, CancellationToken cancellationToken = default);

    /// <summary><c>ADG</c>: creates a group with the smallest free id. Errors: 223 too many groups, 229 name too long.</summary>
    Task<ListChangeResult> AddGroupAsync(string owner, string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>RMG</c>: deletes a group. Contacts only in that group leave FL and the owner leaves their RL
    /// (their versions are bumped). Errors: 224 no such group, 230 group 0.
    /// </summary>
    Task<ListChangeResult> RemoveGroupAsync(string owner, int groupId, CancellationToken cancellationToken = default);

    /// <summary><c>REG</c>: renames a group. Errors: 224 no such group, 229 name too long.</summary>
    Task<ListChangeResult> RenameGroupAsync(string owner, int groupId, string name, CancellationToken cancellationToken = default);

    /// <summary>The integer id of the owner's group with this GUID (MSNP10+ names groups by GUID), or null when there is none.</summary>
    Task<int?> FindGroupIdAsync(string owner, Guid group, CancellationToken cancellationToken = default);

    /// <summary>The account the owner's list entry with this GUID (MSNP10+ <c>C=</c>) stands for, or null when there is none.</summary>
    Task<string?> FindContactAsync(string owner, Guid contact, CancellationToken cancellationToken = default);

    /// <summary><c>GTC</c>. Error: 218 already that value.</summary>
    Task<ListChangeResult> SetGtcAsync(string owner, ReverseListPrompt prompt, CancellationToken cancellationToken = default);

    /// <summary><c>BLP</c>. Error: 218 already that value.</summary>
    Task<ListChangeResult> SetBlpAsync(string owner, DefaultPrivacy privacy, CancellationToken cancellationToken = default);

    /// <summary><c>PRP</c>: sets a phone number or mobile setting; null or empty clears it.</summary>
    Task<ListChangeResult> SetPhoneAsync(string owner, PhoneKind kind, string? value, CancellationToken cancellationToken = default);

    /// <summary>The accounts that have <paramref name="account"/> on their FL (its RL), ordered by email.</summary>
    Task<IReadOnlyList<string>> GetReverseListAsync(string account, CancellationToken cancellationToken = default);

    /// <summary>Whether <paramref name="target"/> allows <paramref name="viewer"/> (<see cref="Privacy.Allows"/>); false for an unknown target.</summary>
    Task<bool> CanSeeAsync(string viewer, string target, CancellationToken cancellationToken = default);
}
