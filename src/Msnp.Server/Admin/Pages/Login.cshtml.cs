using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Msnp.Server.Admin.Operations;
using Msnp.Server.Admin.Security;
using Msnp.Server.Admin.Storage;
using Msnp.Server.Limits;

namespace Msnp.Server.Admin.Pages;

/// <summary>The sign-in form: hashed passwords, lock-out after repeated failures, every attempt audited.</summary>
public sealed class LoginModel(AdminStore store, AdminLockout lockout, OperatorActions actions, AdminOptions options, PasswordCheckGate gate) : PageModel
{
    /// <summary>The administrator name.</summary>
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>The password.</summary>
    [BindProperty]
    public string? Password { get; set; }

    /// <summary>Where to go after signing in (a local path only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>False until the first administrator is added.</summary>
    public bool AnyAdministrator { get; private set; } = true;

    /// <summary>Shows the form.</summary>
    public async Task OnGetAsync() => AnyAdministrator = (await store.ListAdminsAsync(HttpContext.RequestAborted)).Count > 0;

    /// <summary>Checks the credentials.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var remote = HttpContext.Connection.RemoteIpAddress?.ToString();
        var name = Name?.Trim() ?? string.Empty;
        if (name.Length == 0 || string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(string.Empty, "Enter your name and password.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var auditName = AdminStore.IsValidName(name) ? name : "(invalid name)";
        if (!lockout.TryBeginAttempt(name, remote))
        {
            await actions.AuditAsync(new Actor(auditName, remote), "sign-in-locked", null, null);
            ModelState.AddModelError(string.Empty, "Too many failed sign-ins. Wait a few minutes, then try again.");
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ((int)options.LockoutDuration.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page();
        }

        string? admin = null;
        bool busy = false;
        try
        {
            // The console's hashes share the server's slots with Passport's, so its form cannot
            // be used to take every core either.
            using var slot = await gate.TryEnterAsync(HttpContext.RequestAborted);
            busy = slot is null;
            if (!busy)
            {
                admin = await store.VerifyAdminAsync(name, Password, HttpContext.RequestAborted);
            }
        }
        finally
        {
            lockout.EndAttempt(name, remote, succeeded: admin is not null, checkedPassword: !busy);
        }

        if (busy)
        {
            ModelState.AddModelError(string.Empty, "The server is busy checking other sign-ins. Try again in a few seconds.");
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = Passport.PassportPasswordCheck.RetryAfterSeconds;
            return Page();
        }

        if (admin is null)
        {
            await actions.AuditAsync(new Actor(auditName, remote), "sign-in-failed", null, null);
            ModelState.AddModelError(string.Empty, "Wrong name or password.");
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, admin)], AdminApplication.CookieScheme);
        await HttpContext.SignInAsync(AdminApplication.CookieScheme, new ClaimsPrincipal(identity));
        await actions.AuditAsync(new Actor(admin, remote), "sign-in", null, null);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
