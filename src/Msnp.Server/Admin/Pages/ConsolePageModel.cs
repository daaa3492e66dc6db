using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Msnp.Server.Admin.Operations;

namespace Msnp.Server.Admin.Pages;

/// <summary>What every signed-in console page shares: who acts, and showing an action's outcome after a redirect.</summary>
public abstract class ConsolePageModel : PageModel
{
    /// <summary>The signed-in administrator and their address.</summary>
    protected Actor Actor => new(User.FindFirstValue(ClaimTypes.Name) ?? "?", HttpContext.Connection.RemoteIpAddress?.ToString());

    /// <summary>Shows the outcome on the next page and redirects there (post/redirect/get).</summary>
    protected IActionResult Outcome(OperatorResult result, string? page = null, object? routeValues = null)
    {
        TempData["Message"] = result.Message;
        TempData["Ok"] = result.Ok;
        return page is null ? RedirectToPage(routeValues) : RedirectToPage(page, routeValues);
    }

    /// <summary>Shows a validation failure on this page with status 400.</summary>
    protected IActionResult Invalid(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
