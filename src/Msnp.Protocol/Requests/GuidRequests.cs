using Msnp.Protocol.Dialects.Model;

namespace Msnp.Protocol.Requests;

/// <summary>
/// <c>ADC</c> (MSNP10+) in its two forms: <c>ADC TrID LIST N=account {F=nickname} {groupGuid}</c>
/// adds an account (a group only on FL); <c>ADC TrID FL C=contactGuid groupGuid</c> puts a contact
/// already on FL into a group.
/// </summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="List">The list (never RL or PL).</param>
/// <param name="Account">The account, normalized; null in the <c>C=</c> form.</param>
/// <param name="Nickname">The URL-encoded nickname: on FL the account when <c>F=</c> was left out; null on AL/BL without <c>F=</c> and in the <c>C=</c> form.</param>
/// <param name="ContactGuid">The contact of the <c>C=</c> form; null in the <c>N=</c> form.</param>
/// <param name="GroupGuid">
/// The group, or null when none was given. In the <c>C=</c> form a group token that is not a GUID is
/// <see cref="Guid.Empty"/>, which names no group (224 after the contact was found).
/// </param>
public readonly record struct AddContactRequest(uint TrId, ListKind List, string? Account, string? Nickname, Guid? ContactGuid, Guid? GroupGuid);

/// <summary><c>REM TrID FL contactGuid {groupGuid}</c> or <c>REM TrID AL|BL|PL account</c> (MSNP10+; PL from MSNP11).</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="List">The list (never RL).</param>
/// <param name="Account">The account on AL/BL/PL, normalized; null on FL.</param>
/// <param name="ContactGuid">The contact on FL; null on other lists.</param>
/// <param name="GroupGuid">
/// The group to leave (FL), or null for the whole list; a token that is not a GUID is
/// <see cref="Guid.Empty"/>, which names no group (224 after the contact was found).
/// </param>
public readonly record struct RemoveContactRequest(uint TrId, ListKind List, string? Account, Guid? ContactGuid, Guid? GroupGuid);

/// <summary><c>SBP TrID contactGuid property value {flag}</c>: a contact property (MSNP10–12; <see cref="Dialects.ContactProperties"/>).</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="ContactGuid">The contact.</param>
/// <param name="Property">The property the dialect accepts (<c>MFN</c> is the nickname, the one the server stores).</param>
/// <param name="Value">The URL-encoded value, a storable name without display controls.</param>
/// <param name="Flag">The <c>PHM</c> flag (<c>0</c> or <c>1</c>), or null.</param>
public readonly record struct ContactPropertyRequest(uint TrId, Guid ContactGuid, string Property, string Value, string? Flag);
