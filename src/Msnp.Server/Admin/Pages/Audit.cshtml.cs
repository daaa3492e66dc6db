using Msnp.Server.Admin.Storage;

namespace Msnp.Server.Admin.Pages;

/// <summary>The audit log, newest first.</summary>
public sealed class AuditModel(AdminStore store) : ConsolePageModel
{
    /// <summary>How many entries the page shows.</summary>
    public const int Shown = 200;

    /// <summary>The entries.</summary>
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    /// <summary>Reads the log.</summary>
    public async Task OnGetAsync() => Entries = await store.ListAuditAsync(Shown, HttpContext.RequestAborted);
}
