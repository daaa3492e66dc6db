using System.Collections.Frozen;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;

namespace Msnp.Server.Notification;

/// <summary>
/// Which handler answers a signed-in command at which version: one row per command code and
/// version range, so "what does <c>ADC</c> do at MSNP11" is read here. A code without a row for the
/// session's version falls through to <c>HandleMiscellaneous</c> (URL, SND, FND …, and 200 for
/// anything unknown there).
/// </summary>
internal static class NotificationCommandTable
{
    /// <summary>A handler for the versions <see cref="From"/> to <see cref="To"/>, inclusive.</summary>
    internal readonly record struct Route(int From, int To, Func<NotificationSession, MsnpCommand, ValueTask> Handle);

    private const int Last = MsnpDialect.MaximumVersion;

    private static readonly FrozenDictionary<int, Route[]> Routes = new Dictionary<int, Route[]>
    {
        [CommandCodes.Png.Value] = [new(2, Last, (s, c) => s.HandlePing())],
        [CommandCodes.Qry.Value] = [new(6, Last, (s, c) => s.HandleChallengeAnswer(c))],
        [CommandCodes.Chg.Value] = [new(2, Last, (s, c) => s.HandleStatusChangeAsync(c))],
        [CommandCodes.Syn.Value] = [new(2, 9, (s, c) => s.HandleSyncAsync(c)), new(10, Last, (s, c) => s.HandleStampedSyncAsync(c))],
        [CommandCodes.Lst.Value] = [new(2, 7, (s, c) => s.HandleListRequestAsync(c))],
        [CommandCodes.Add.Value] = [new(2, 9, (s, c) => s.HandleAddAsync(c))],
        [CommandCodes.Adc.Value] = [new(10, Last, (s, c) => s.HandleAddContactAsync(c))],
        [CommandCodes.Rem.Value] = [new(2, 9, (s, c) => s.HandleRemoveAsync(c)), new(10, Last, (s, c) => s.HandleRemoveContactAsync(c))],
        [CommandCodes.Rea.Value] = [new(2, 9, (s, c) => s.HandleRenameAsync(c)), new(10, Last, (s, c) => s.HandleRenameRefused(c))],
        [CommandCodes.Gtc.Value] = [new(2, Last, (s, c) => s.HandlePrivacyAsync(c))],
        [CommandCodes.Blp.Value] = [new(2, Last, (s, c) => s.HandlePrivacyAsync(c))],
        [CommandCodes.Prp.Value] = [new(5, 9, (s, c) => s.HandlePhoneAsync(c)), new(10, Last, (s, c) => s.HandlePropertyAsync(c))],
        [CommandCodes.Sbp.Value] = [new(10, 12, (s, c) => s.HandleContactPropertyAsync(c))],
        [CommandCodes.Adg.Value] = [new(7, 9, (s, c) => s.HandleGroupAsync(c)), new(10, Last, (s, c) => s.HandleGuidGroupAsync(c))],
        [CommandCodes.Rmg.Value] = [new(7, 9, (s, c) => s.HandleGroupAsync(c)), new(10, Last, (s, c) => s.HandleGuidGroupAsync(c))],
        [CommandCodes.Reg.Value] = [new(7, 9, (s, c) => s.HandleGroupAsync(c)), new(10, Last, (s, c) => s.HandleGuidGroupAsync(c))],
        [CommandCodes.Uux.Value] = [new(11, Last, (s, c) => s.HandlePersonalStatusAsync(c))],
        [CommandCodes.Gcf.Value] = [new(11, Last, (s, c) => s.HandleConfigFile(c))],
        [CommandCodes.Xfr.Value] = [new(2, Last, (s, c) => s.HandleSwitchboardRequestAsync(c))],

        // A client may not send MSG to the notification server: immediate disconnect (catalogue §2.6).
        [CommandCodes.Msg.Value] = [new(2, Last, (s, c) => s.CloseConnection())],
        [CommandCodes.Out.Value] = [new(2, Last, (s, c) => s.CloseConnection())],
        [CommandCodes.Usr.Value] = [new(2, Last, (s, c) => s.HandleSecondLogin(c))],
        [CommandCodes.Ver.Value] = [new(2, Last, (s, c) => s.HandleLateLoginCommand(c))],
        [CommandCodes.Cvr.Value] = [new(2, Last, (s, c) => s.HandleLateLoginCommand(c))],
        [CommandCodes.Inf.Value] = [new(2, Last, (s, c) => s.HandleLateLoginCommand(c))],
    }.ToFrozenDictionary();

    /// <summary>The handler of <paramref name="code"/> at <paramref name="version"/>, if the table has one.</summary>
    public static bool TryFind(CommandCode code, int version, out Func<NotificationSession, MsnpCommand, ValueTask> handle)
    {
        if (Routes.TryGetValue(code.Value, out var routes))
        {
            foreach (var route in routes)
            {
                if (version >= route.From && version <= route.To)
                {
                    handle = route.Handle;
                    return true;
                }
            }
        }

        handle = null!;
        return false;
    }
}
