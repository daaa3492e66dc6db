using Msnp.Protocol.Dialects.Model;

namespace Msnp.Protocol.Requests;

/// <summary><c>SYN TrID version</c> (MSNP2–9).</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="CachedVersion">The list version the client has cached (0 for none).</param>
public readonly record struct SyncRequest(uint TrId, uint CachedVersion);

/// <summary><c>SYN TrID listStamp {profileStamp}</c> (MSNP10+); a single stamp stands for both.</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="ListStamp">The cached list stamp (<c>0</c> for none).</param>
/// <param name="ProfileStamp">The cached profile stamp (the list stamp when the client sent one).</param>
public readonly record struct StampedSyncRequest(uint TrId, string ListStamp, string ProfileStamp);

/// <summary><c>LST TrID FL|AL|BL|RL</c>: one list on its own (MSNP2–7).</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="List">The list asked for.</param>
public readonly record struct ListRequest(uint TrId, ListKind List);

/// <summary><c>ADD TrID FL|AL|BL account nickname {group}</c> (MSNP2–9).</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="List">The list (never RL).</param>
/// <param name="Account">The contact, normalized (lower case).</param>
/// <param name="Nickname">The URL-encoded nickname, a storable token without display controls.</param>
/// <param name="Group">The group on FL from MSNP7 (0 when none was given); null on other lists or before groups.</param>
public readonly record struct AddRequest(uint TrId, ListKind List, string Account, string Nickname, int? Group);

/// <summary><c>REM TrID FL|AL|BL account {group}</c> (MSNP2–9).</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="List">The list (never RL).</param>
/// <param name="Account">The contact as sent, in lower case (not checked: an unknown one is 216).</param>
/// <param name="Group">The group to leave (FL, MSNP7+), or null for the whole list.</param>
public readonly record struct RemoveRequest(uint TrId, ListKind List, string Account, int? Group);

/// <summary><c>REA TrID account name</c>: the own friendly name or a contact's nickname (MSNP2–9).</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="Target">The account renamed, in lower case.</param>
/// <param name="Name">The URL-encoded name, a storable token without display controls.</param>
public readonly record struct RenameRequest(uint TrId, string Target, string Name);

/// <summary><c>GTC TrID A|N</c>: whether the client prompts when someone adds the user.</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="Prompt">The setting.</param>
public readonly record struct PromptRequest(uint TrId, ReverseListPrompt Prompt);

/// <summary><c>BLP TrID AL|BL</c>: the default for people on neither AL nor BL.</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="Default">The setting.</param>
public readonly record struct PrivacyRequest(uint TrId, DefaultPrivacy Default);

/// <summary>
/// <c>PRP TrID TYPE {value}</c>: a phone setting (MSNP5+), or from MSNP10 <c>PRP TrID MFN name</c>,
/// the own friendly name.
/// </summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="Phone">The phone setting, or null for <c>MFN</c>.</param>
/// <param name="Value">The URL-encoded value; null clears a phone setting. For <c>MFN</c> a storable name without display controls.</param>
public readonly record struct PropertyRequest(uint TrId, PhoneKind? Phone, string? Value);
