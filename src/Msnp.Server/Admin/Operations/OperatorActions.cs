using Msnp.Server.Admin.Security;
using Msnp.Server.Admin.Storage;
using Msnp.Server.Limits;
using Msnp.Server.Notification;
using Msnp.Server.Presence;
using Msnp.Server.Presence.Notifications;
using Msnp.Server.Storage;

namespace Msnp.Server.Admin.Operations;

/// <summary>
/// Every operator action, shared by the web console and the admin API: validates the input, acts
/// on live sessions at once, and writes one audit line per attempt that changed something.
/// </summary>
public sealed class OperatorActions(
    GuardedAccountStore accounts,
    PresenceServices presence,
    SignInThrottle throttle,
    AdminStore store,
    DisabledAccounts disabled,
    SystemNotices notices,
    MaintenanceSchedule maintenance)
{
    /// <summary>Longest broadcast text.</summary>
    public const int MaxBroadcastLength = 400;

    /// <summary>Signs one user out with a bare <c>OUT</c>.</summary>
    public async Task<OperatorResult> KickAsync(Actor actor, string? email)
    {
        if (!TryEmail(email, out var account))
        {
            return OperatorResult.Invalid("Enter the account's email address.");
        }

        if (!await KickAsync(account).ConfigureAwait(false))
        {
            return OperatorResult.NotFound($"{account} is not signed in.");
        }

        await AuditAsync(actor, "kick", account, null).ConfigureAwait(false);
        return OperatorResult.Done($"Signed {account} out.");
    }

    /// <summary>Signs everyone out with a bare <c>OUT</c>.</summary>
    public async Task<OperatorResult> SignOutEveryoneAsync(Actor actor)
    {
        int n = await presence.Delivery.BroadcastAsync(new SignOutNotification(null)).ConfigureAwait(false);

        await AuditAsync(actor, "sign-out-all", null, $"{n} sessions").ConfigureAwait(false);
        return OperatorResult.Done($"Signed out {n} {(n == 1 ? "user" : "users")}.");
    }

    /// <summary>Sends a free-text system message to everyone online.</summary>
    public async Task<OperatorResult> BroadcastAsync(Actor actor, string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxBroadcastLength || text.Any(char.IsControl))
        {
            return OperatorResult.Invalid($"The message must be 1–{MaxBroadcastLength} characters on one line.");
        }

        int n = await notices.SendTextAsync(text).ConfigureAwait(false);
        await AuditAsync(actor, "broadcast", null, text).ConfigureAwait(false);
        return OperatorResult.Done($"Sent to {n} {(n == 1 ? "user" : "users")}.");
    }

    /// <summary>Schedules the maintenance shutdown.</summary>
    public async Task<OperatorResult> ScheduleMaintenanceAsync(Actor actor, int? minutes)
    {
        if (minutes is not { } m || m < 1 || m > MaintenanceSchedule.MaxMinutes)
        {
            return OperatorResult.Invalid($"Minutes must be a whole number from 1 to {MaintenanceSchedule.MaxMinutes}.");
        }

        int n = maintenance.Schedule(m);
        await AuditAsync(actor, "maintenance", null, $"{m} minutes").ConfigureAwait(false);
        return OperatorResult.Done($"Shutdown for maintenance in {m} {(m == 1 ? "minute" : "minutes")}; {n} {(n == 1 ? "user" : "users")} notified.");
    }

    /// <summary>Cancels the maintenance shutdown.</summary>
    public async Task<OperatorResult> CancelMaintenanceAsync(Actor actor)
    {
        if (!maintenance.Cancel())
        {
            return OperatorResult.NotFound("No maintenance shutdown is scheduled.");
        }

        await AuditAsync(actor, "maintenance-cancel", null, null).ConfigureAwait(false);
        return OperatorResult.Done("Maintenance shutdown cancelled.");
    }

    /// <summary>Creates a user account.</summary>
    public async Task<OperatorResult> CreateAccountAsync(Actor actor, string? email, string? password)
    {
        if (!TryEmail(email, out var account))
        {
            return OperatorResult.Invalid("Enter a valid email address.");
        }

        if (!IsUserPassword(password))
        {
            return OperatorResult.Invalid("The password must be 1–128 characters without control characters.");
        }

        var result = await accounts.Inner.CreateAsync(account, password!).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return result.Error switch
            {
                CreateAccountError.AlreadyExists => OperatorResult.Conflict($"{account} already exists."),
                CreateAccountError.InvalidEmail => OperatorResult.Invalid($"{account} is not a valid passport name."),
                _ => OperatorResult.Invalid($"Could not create {account}: {result.Error}."),
            };
        }

        await AuditAsync(actor, "account-create", result.Account.Email, null).ConfigureAwait(false);
        return OperatorResult.Done($"Created {result.Account.Email}.");
    }

    /// <summary>Sets a new password and signs the user out, so the old password's session ends now.</summary>
    public async Task<OperatorResult> ResetPasswordAsync(Actor actor, string? email, string? password)
    {
        if (!TryEmail(email, out var account))
        {
            return OperatorResult.Invalid("Enter the account's email address.");
        }

        if (!IsUserPassword(password))
        {
            return OperatorResult.Invalid("The new password must be 1–128 characters without control characters.");
        }

        if (!await accounts.Inner.SetPasswordAsync(account, password!).ConfigureAwait(false))
        {
            return OperatorResult.NotFound($"There is no account {account}.");
        }

        await throttle.UnlockAsync(account).ConfigureAwait(false);
        await KickAsync(account).ConfigureAwait(false);
        await AuditAsync(actor, "password-reset", account, null).ConfigureAwait(false);
        return OperatorResult.Done($"New password set for {account}.");
    }

    /// <summary>Lifts the sign-in back-off of an account.</summary>
    public async Task<OperatorResult> UnlockAsync(Actor actor, string? email)
    {
        if (!TryEmail(email, out var account))
        {
            return OperatorResult.Invalid("Enter the account's email address.");
        }

        await throttle.UnlockAsync(account).ConfigureAwait(false);
        await AuditAsync(actor, "unlock", account, null).ConfigureAwait(false);
        return OperatorResult.Done($"Sign-in back-off lifted for {account}.");
    }

    /// <summary>Disables (and signs out) or enables an account.</summary>
    public async Task<OperatorResult> SetDisabledAsync(Actor actor, string? email, bool disable)
    {
        if (!TryEmail(email, out var account))
        {
            return OperatorResult.Invalid("Enter the account's email address.");
        }

        if (await accounts.Inner.FindAsync(account).ConfigureAwait(false) is null)
        {
            return OperatorResult.NotFound($"There is no account {account}.");
        }

        await store.SetDisabledAsync(account, disable, actor.Name).ConfigureAwait(false);
        disabled.Set(account, disable);
        if (disable)
        {
            await KickAsync(account).ConfigureAwait(false);
        }

        await AuditAsync(actor, disable ? "disable" : "enable", account, null).ConfigureAwait(false);
        return OperatorResult.Done(disable ? $"Disabled {account}." : $"Enabled {account}.");
    }

    /// <summary>Deletes an account (signing it out first).</summary>
    public async Task<OperatorResult> DeleteAccountAsync(Actor actor, string? email)
    {
        if (!TryEmail(email, out var account))
        {
            return OperatorResult.Invalid("Enter the account's email address.");
        }

        await KickAsync(account).ConfigureAwait(false);
        if (!await accounts.Inner.RemoveAsync(account).ConfigureAwait(false))
        {
            return OperatorResult.NotFound($"There is no account {account}.");
        }

        await store.SetDisabledAsync(account, false, actor.Name).ConfigureAwait(false);
        disabled.Set(account, false);
        await AuditAsync(actor, "account-delete", account, null).ConfigureAwait(false);
        return OperatorResult.Done($"Deleted {account}.");
    }

    /// <summary>Adds an administrator.</summary>
    public async Task<OperatorResult> AddAdminAsync(Actor actor, string? name, string? password)
    {
        if (!AdminStore.IsValidName(name))
        {
            return OperatorResult.Invalid($"An administrator name is 1–{AdminStore.MaxNameLength} letters, digits, '.', '_', '-' or '@'.");
        }

        if (!AdminStore.IsValidPassword(password))
        {
            return OperatorResult.Invalid($"An administrator password is 8–{AdminStore.MaxPasswordLength} characters without control characters.");
        }

        if (!await store.AddAdminAsync(name!, password!).ConfigureAwait(false))
        {
            return OperatorResult.Conflict($"Administrator {name} already exists.");
        }

        await AuditAsync(actor, "admin-add", name, null).ConfigureAwait(false);
        return OperatorResult.Done($"Added administrator {name}.");
    }

    /// <summary>Removes an administrator, never the last one.</summary>
    public async Task<OperatorResult> RemoveAdminAsync(Actor actor, string? name)
    {
        if (!AdminStore.IsValidName(name))
        {
            return OperatorResult.Invalid("Enter an administrator's name.");
        }

        var result = await store.RemoveAdminAsync(name!).ConfigureAwait(false);
        switch (result)
        {
            case RemoveAdminResult.NotFound:
                return OperatorResult.NotFound($"There is no administrator {name}.");
            case RemoveAdminResult.LastAdministrator:
                await AuditAsync(actor, "admin-remove-refused", name, "last administrator").ConfigureAwait(false);
                return OperatorResult.Conflict($"{name} is the last administrator; add another before removing it.");
        }

        await AuditAsync(actor, "admin-remove", name, null).ConfigureAwait(false);
        return OperatorResult.Done($"Removed administrator {name}.");
    }

    /// <summary>Writes an audit line for something that is not one of the actions above (sign-ins).</summary>
    public Task AuditAsync(Actor actor, string action, string? target, string? detail) =>
        store.AuditAsync(actor.Name, action, target, detail, actor.Remote);

    private async ValueTask<bool> KickAsync(string account) =>
        await presence.Delivery.DeliverToAccountAsync(account, new SignOutNotification(null)).ConfigureAwait(false) > 0;

    private static bool TryEmail(string? email, out string account)
    {
        account = email?.Trim().ToLowerInvariant() ?? string.Empty;
        return account.Length is > 2 and <= 129 && account.IndexOf('@') > 0 && !account.Any(c => char.IsControl(c) || char.IsWhiteSpace(c));
    }

    private static bool IsUserPassword(string? password) =>
        password is { Length: >= 1 and <= 128 } && !password.Any(char.IsControl);
}
