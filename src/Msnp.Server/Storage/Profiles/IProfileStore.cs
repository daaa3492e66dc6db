namespace Msnp.Server.Storage.Profiles;

/// <summary>
/// What the storage service keeps per account beside the lists (docs/soap.md, "Storage service"): the roaming
/// personal message and the display picture. The friendly name is the account's own (the NS's
/// <c>PRP MFN</c>/<c>REA</c>), so it is not stored twice. Addressed by the account's sign-in name;
/// a picture is also found by the account's CID, which its public URL carries.
/// </summary>
public interface IProfileStore
{
    /// <summary>The account's profile; an empty one when nothing was stored yet.</summary>
    Task<StoredProfile> GetAsync(string account, CancellationToken cancellationToken = default);

    /// <summary>Sets (or, with null, clears) the roaming personal message.</summary>
    Task SetPersonalStatusAsync(string account, string? text, CancellationToken cancellationToken = default);

    /// <summary>Stores the display picture (already checked by the caller), replacing any earlier one.</summary>
    Task SetPictureAsync(string account, long cid, byte[] data, string mediaType, CancellationToken cancellationToken = default);

    /// <summary>The picture of the account with <paramref name="cid"/>, or null.</summary>
    Task<StoredPicture?> GetPictureAsync(long cid, CancellationToken cancellationToken = default);
}

/// <summary>A stored profile. Times are null for what was never set.</summary>
/// <param name="PersonalStatus">The roaming personal message, or null.</param>
/// <param name="PersonalStatusAt">When it was set.</param>
/// <param name="PictureType">The picture's media type (<c>image/png</c>, …), or null when there is none.</param>
/// <param name="PictureSize">The picture's size in bytes.</param>
/// <param name="PictureAt">When it was set.</param>
public sealed record StoredProfile(string? PersonalStatus, DateTimeOffset? PersonalStatusAt, string? PictureType, int PictureSize, DateTimeOffset? PictureAt);

/// <summary>A stored display picture.</summary>
/// <param name="Data">The image bytes.</param>
/// <param name="MediaType">Its media type.</param>
public sealed record StoredPicture(byte[] Data, string MediaType);
