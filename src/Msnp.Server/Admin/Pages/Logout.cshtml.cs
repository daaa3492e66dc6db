using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Msnp.Server.Admin.Operations;

namespace Msnp.Server.Admin.Pages;

/// <summary>Signing out (POST only, with the anti-forgery token).</summary>
public sealed class LogoutModel(OperatorActions actions) : ConsolePageModel
{
    /// <summary>There is nothing to show; go to the overview.</summary>
    public IActionResult OnGet() => Redirect("/");

    /// <summary>Ends the console session.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await actions.AuditAsync(Actor, "sign-out", null, null);
        await HttpContext.SignOutAsync(AdminApplication.CookieScheme);
        return Redirect("/login");
    }
}
