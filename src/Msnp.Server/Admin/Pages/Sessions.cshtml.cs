using Microsoft.AspNetCore.Mvc;
using Msnp.Server.Admin.Operations;

namespace Msnp.Server.Admin.Pages;

/// <summary>Who is online, from where, with which client; kick one or everyone.</summary>
public sealed class SessionsModel(OnlineSessions sessions, OperatorActions actions) : ConsolePageModel
{
    /// <summary>Signed-in users.</summary>
    public IReadOnlyList<OnlineSession> Online { get; private set; } = [];

    /// <summary>Lists the sessions.</summary>
    public void OnGet() => Online = sessions.List();

    /// <summary>Signs one user out with <c>OUT</c>.</summary>
    public async Task<IActionResult> OnPostKickAsync(string? email) => Outcome(await actions.KickAsync(Actor, email));

    /// <summary>Signs everyone out.</summary>
    public async Task<IActionResult> OnPostSignOutAllAsync() => Outcome(await actions.SignOutEveryoneAsync(Actor));
}
