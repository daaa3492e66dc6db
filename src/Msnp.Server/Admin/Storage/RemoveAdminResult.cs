namespace Msnp.Server.Admin.Storage;

/// <summary>What removing an administrator did.</summary>
public enum RemoveAdminResult
{
    /// <summary>Removed.</summary>
    Removed,

    /// <summary>No administrator has that name.</summary>
    NotFound,

    /// <summary>Refused: it is the only administrator left.</summary>
    LastAdministrator,
}
