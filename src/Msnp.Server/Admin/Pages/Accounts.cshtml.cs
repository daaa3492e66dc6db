using Microsoft.AspNetCore.Mvc;
using Msnp.Server.Admin.Operations;
using Msnp.Server.Admin.Security;
using Msnp.Server.Storage;

namespace Msnp.Server.Admin.Pages;

/// <summary>Search, create, reset password, unlock, disable/enable and delete user accounts.</summary>
public sealed class AccountsModel(GuardedAccountStore accounts, DisabledAccounts disabled, OnlineSessions sessions, OperatorActions actions) : ConsolePageModel
{
    /// <summary>Most rows shown at once.</summary>
    public const int MaxRows = 200;

    private HashSet<string> _online = [];

    /// <summary>The search text.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>The create form's email, kept after an error.</summary>
    public string? NewEmail { get; private set; }

    /// <summary>The accounts shown.</summary>
    public IReadOnlyList<Account> Shown { get; private set; } = [];

    /// <summary>How many accounts match.</summary>
    public int Total { get; private set; }

    /// <summary>True when the account is disabled.</summary>
    public bool IsDisabled(string email) => disabled.IsDisabled(email);

    /// <summary>True when the account is signed in.</summary>
    public bool IsOnline(string email) => _online.Contains(email);

    /// <summary>Lists the matching accounts.</summary>
    public Task OnGetAsync() => LoadAsync();

    /// <summary>Creates an account.</summary>
    public async Task<IActionResult> OnPostCreateAsync(string? email, string? password)
    {
        var result = await actions.CreateAccountAsync(Actor, email, password);
        if (result.Ok)
        {
            return Outcome(result, routeValues: new { q = email });
        }

        NewEmail = email;
        await LoadAsync();
        return Invalid(result.Message);
    }

    /// <summary>Sets a new password.</summary>
    public async Task<IActionResult> OnPostResetAsync(string? email, string? password)
    {
        var result = await actions.ResetPasswordAsync(Actor, email, password);
        if (result.Ok)
        {
            return Outcome(result, routeValues: new { q = Q });
        }

        await LoadAsync();
        return Invalid(result.Message);
    }

    /// <summary>Lifts the sign-in back-off.</summary>
    public async Task<IActionResult> OnPostUnlockAsync(string? email) => Outcome(await actions.UnlockAsync(Actor, email), routeValues: new { q = Q });

    /// <summary>Disables the account and signs it out.</summary>
    public async Task<IActionResult> OnPostDisableAsync(string? email) => Outcome(await actions.SetDisabledAsync(Actor, email, disable: true), routeValues: new { q = Q });

    /// <summary>Enables the account.</summary>
    public async Task<IActionResult> OnPostEnableAsync(string? email) => Outcome(await actions.SetDisabledAsync(Actor, email, disable: false), routeValues: new { q = Q });

    /// <summary>Deletes the account.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(string? email) => Outcome(await actions.DeleteAccountAsync(Actor, email), routeValues: new { q = Q });

    private async Task LoadAsync()
    {
        var all = await accounts.ListAsync(HttpContext.RequestAborted);
        var q = Q?.Trim();
        var matching = string.IsNullOrEmpty(q) ? all : [.. all.Where(a => a.Email.Contains(q, StringComparison.OrdinalIgnoreCase))];
        Total = matching.Count;
        Shown = [.. matching.Take(MaxRows)];
        _online = [.. sessions.List().Select(s => s.Account)];
    }
}
