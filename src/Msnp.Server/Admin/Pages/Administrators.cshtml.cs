using Microsoft.AspNetCore.Mvc;
using Msnp.Server.Admin.Operations;
using Msnp.Server.Admin.Storage;

namespace Msnp.Server.Admin.Pages;

/// <summary>Add and remove administrators; the last one cannot be removed.</summary>
public sealed class AdministratorsModel(AdminStore store, OperatorActions actions) : ConsolePageModel
{
    /// <summary>Every administrator.</summary>
    public IReadOnlyList<AdminUser> Admins { get; private set; } = [];

    /// <summary>The add form's name, kept after an error.</summary>
    public string? NewName { get; private set; }

    /// <summary>Lists the administrators.</summary>
    public async Task OnGetAsync() => Admins = await store.ListAdminsAsync(HttpContext.RequestAborted);

    /// <summary>Adds one.</summary>
    public async Task<IActionResult> OnPostAddAsync(string? name, string? password)
    {
        var result = await actions.AddAdminAsync(Actor, name, password);
        if (result.Ok)
        {
            return Outcome(result);
        }

        NewName = name;
        await OnGetAsync();
        return Invalid(result.Message);
    }

    /// <summary>Removes one, unless it is the last.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(string? name)
    {
        var result = await actions.RemoveAdminAsync(Actor, name);
        if (result.Ok)
        {
            return Outcome(result);
        }

        await OnGetAsync();
        Response.StatusCode = result.Status;
        ModelState.AddModelError(string.Empty, result.Message);
        return Page();
    }
}
