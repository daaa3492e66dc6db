using Microsoft.AspNetCore.Mvc;
using Msnp.Server.Admin.Operations;

namespace Msnp.Server.Admin.Pages;

/// <summary>System messages and the maintenance countdown.</summary>
public sealed class BroadcastModel(OperatorActions actions, MaintenanceSchedule maintenance) : ConsolePageModel
{
    /// <summary>The message text (kept when the form is shown again after an error).</summary>
    public string? Text { get; private set; }

    /// <summary>The minutes field.</summary>
    public int? Minutes { get; private set; }

    /// <summary>The scheduled shutdown, if any.</summary>
    public DateTimeOffset? MaintenanceAt => maintenance.ShutdownAt;

    /// <summary>Shows the forms.</summary>
    public void OnGet()
    {
    }

    /// <summary>Sends the text.</summary>
    public async Task<IActionResult> OnPostMessageAsync(string? text)
    {
        var result = await actions.BroadcastAsync(Actor, text);
        Text = text;
        return result.Ok ? Outcome(result) : Invalid(result.Message);
    }

    /// <summary>Starts the countdown.</summary>
    public async Task<IActionResult> OnPostMaintenanceAsync(string? minutes)
    {
        int? m = int.TryParse(minutes, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
        var result = await actions.ScheduleMaintenanceAsync(Actor, m);
        Minutes = m;
        return result.Ok ? Outcome(result) : Invalid(result.Message);
    }

    /// <summary>Cancels the countdown.</summary>
    public async Task<IActionResult> OnPostCancelAsync() => Outcome(await actions.CancelMaintenanceAsync(Actor));
}
