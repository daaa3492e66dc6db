using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Requests;
using Msnp.Server.Connections;
using Msnp.Server.Login;
using static Msnp.Protocol.Requests.RequestReader;
using Table = Msnp.Server.Connections.HandlerTable<Msnp.Server.Notification.NotificationSession>;

namespace Msnp.Server.Notification;

/// <summary>
/// Which reader and handler answer a notification-server command at which version and phase: one
/// row per command code and version range, naming the <see cref="RequestReader"/> method that reads
/// the arguments at those versions and the handler that takes the typed request. "What does
/// <c>ADC</c> do at MSNP11" is read here. Signed in, a code without a row for the session's version
/// is 200; before sign-in it closes the connection.
/// </summary>
internal static class NotificationCommandTable
{
    private const int Last = MsnpDialect.MaximumVersion;

    /// <summary>
    /// Before <c>USR … I</c>: the login preamble and the initial <c>USR</c> with the dialect's method
    /// (<see cref="MsnpDialect.Authentication"/>: MD5 to MSNP7, TWN to MSNP14, SSO from MSNP15, where the
    /// answer is <c>GCF 0</c> and <c>USR TrID SSO S MBI_KEY_OLD nonce</c>).
    /// </summary>
    public static Table LoggingIn { get; } = LoginCommandTable.Create<NotificationSession>(
        s => s.Preamble,
        Table.Row<UsrInitialRequest>(2, Last, s => s.Preamble.AfterAuthenticationStarted, TryReadInitialUser, (s, r, ct) => s.HandleInitialUser(r)));

    /// <summary>
    /// After <c>USR … I</c>: <c>USR … S</c> with the response (digest, ticket, or from MSNP15 ticket, MBI
    /// key blob and machine GUID); the preamble's commands are out of order.
    /// </summary>
    public static Table Authenticating { get; } = LoginCommandTable.Create<NotificationSession>(
        s => s.Preamble,
        Table.Row<UsrResponseRequest>(2, Last, TryReadUserResponse, (s, r, ct) => s.AuthenticateAsync(r, ct)));

    /// <summary>Signed in.</summary>
    public static Table SignedIn { get; } = new(new Dictionary<CommandCode, Table.Route[]>
    {
        [CommandCodes.Png] = [Table.Row(2, Last, (s, c, ct) => s.HandlePing())],
        [CommandCodes.Qry] = [Table.Row<ChallengeAnswerRequest>(6, Last, TryReadChallengeAnswer, (s, r, ct) => s.HandleChallengeAnswer(r))],
        [CommandCodes.Chg] = [Table.Row<ChangeStatusRequest>(2, Last, TryReadStatusChange, (s, r, ct) => s.HandleStatusChangeAsync(r))],
        [CommandCodes.Syn] =
        [
            Table.Row<SyncRequest>(2, 9, TryReadSync, (s, r, ct) => s.HandleSyncAsync(r, ct)),
            Table.Row<StampedSyncRequest>(10, 12, TryReadStampedSync, (s, r, ct) => s.HandleStampedSyncAsync(r, ct)),

            // From MSNP13 the lists come from the address book service; SYN is disabled (escargot answers 502).
            Table.Row(13, Last, Reply(MsnpErrorCode.CommandDisabled)),
        ],
        [CommandCodes.Lst] = [Table.Row<ListRequest>(2, 7, TryReadList, (s, r, ct) => s.HandleListRequestAsync(r, ct))],
        [CommandCodes.Add] = [Table.Row<AddRequest>(2, 9, TryReadAdd, (s, r, ct) => s.HandleAddAsync(r, ct))],
        [CommandCodes.Adc] = [Table.Row<AddContactRequest>(10, Last, TryReadAddContact, (s, r, ct) => s.HandleAddContactAsync(r, ct))],
        [CommandCodes.Rem] =
        [
            Table.Row<RemoveRequest>(2, 9, TryReadRemove, (s, r, ct) => s.HandleRemoveAsync(r, ct)),
            Table.Row<RemoveContactRequest>(10, Last, TryReadRemoveContact, (s, r, ct) => s.HandleRemoveContactAsync(r, ct)),
        ],
        [CommandCodes.Rea] =
        [
            Table.Row<RenameRequest>(2, 9, TryReadRename, (s, r, ct) => s.HandleRenameAsync(r, ct)),

            // From MSNP10 REA is disabled, as the service answered it (502); PRP MFN and SBP replace it.
            Table.Row(10, Last, Reply(MsnpErrorCode.CommandDisabled)),
        ],
        [CommandCodes.Gtc] = [Table.Row<PromptRequest>(2, 12, TryReadPrompt, (s, r, ct) => s.HandlePromptAsync(r, ct))],
        [CommandCodes.Blp] = [Table.Row<PrivacyRequest>(2, Last, TryReadPrivacy, (s, r, ct) => s.HandlePrivacyAsync(r, ct))],
        [CommandCodes.Prp] =
        [
            Table.Row<PropertyRequest>(5, 9, TryReadPhone, (s, r, ct) => s.HandlePropertyAsync(r, ct)),
            Table.Row<PropertyRequest>(10, Last, TryReadProperty, (s, r, ct) => s.HandlePropertyAsync(r, ct)),
        ],
        [CommandCodes.Sbp] = [Table.Row<ContactPropertyRequest>(10, 12, TryReadContactProperty, (s, r, ct) => s.HandleContactPropertyAsync(r, ct))],
        [CommandCodes.Adg] =
        [
            Table.Row<AddGroupRequest>(7, 9, TryReadAddGroup, (s, r, ct) => s.HandleAddGroupAsync(r, ct)),
            Table.Row<AddGroupRequest>(10, Last, TryReadAddGroup, (s, r, ct) => s.HandleAddGuidGroupAsync(r, ct)),
        ],
        [CommandCodes.Rmg] =
        [
            Table.Row<RemoveGroupRequest>(7, 9, TryReadRemoveGroup, (s, r, ct) => s.HandleRemoveGroupAsync(r, ct)),
            Table.Row<RemoveGuidGroupRequest>(10, Last, TryReadRemoveGuidGroup, (s, r, ct) => s.HandleRemoveGroupAsync(r, ct)),
        ],
        [CommandCodes.Reg] =
        [
            Table.Row<RenameGroupRequest>(7, 9, TryReadRenameGroup, (s, r, ct) => s.HandleRenameGroupAsync(r, ct)),
            Table.Row<RenameGuidGroupRequest>(10, Last, TryReadRenameGuidGroup, (s, r, ct) => s.HandleRenameGroupAsync(r, ct)),
        ],
        [CommandCodes.Adl] = [Table.Row<MembershipListRequest>(13, Last, TryReadMembershipList, (s, r, ct) => s.HandleAddListAsync(r, ct))],
        [CommandCodes.Rml] = [Table.Row<MembershipListRequest>(13, Last, TryReadMembershipList, (s, r, ct) => s.HandleRemoveListAsync(r, ct))],
        [CommandCodes.Fqy] = [Table.Row<MembershipListRequest>(14, Last, TryReadMembershipList, (s, r, ct) => s.HandleFederatedQueryAsync(r, ct))],
        [CommandCodes.Uux] = [Table.Row<PersonalStatusRequest>(11, Last, TryReadPersonalStatus, (s, r, ct) => s.HandlePersonalStatusAsync(r))],
        [CommandCodes.Gcf] = [Table.Row<ConfigFileRequest>(11, Last, TryReadConfigFile, (s, r, ct) => s.HandleConfigFile(r))],
        [CommandCodes.Uun] = [Table.Row<UserNotificationRequest>(13, Last, TryReadUserNotification, (s, r, ct) => s.HandleUserNotificationAsync(r, ct))],
        [CommandCodes.Uum] = [Table.Row<UnifiedMessageRequest>(14, Last, TryReadUnifiedMessage, (s, r, ct) => s.HandleUnifiedMessageAsync(r, ct))],
        [CommandCodes.Put] = [Table.Row<RoutedDocumentRequest>(18, Last, TryReadRoutedDocument, (s, r, ct) => s.HandlePublication(r))],
        [CommandCodes.Sdg] = [Table.Row<RoutedDocumentRequest>(18, Last, TryReadRoutedDocument, (s, r, ct) => s.HandleSendDocument(r))],

        [CommandCodes.Xfr] = [Table.Row<XfrRequest>(2, Last, TryReadTransfer, (s, r, ct) => s.HandleSwitchboardRequestAsync(r, ct))],
        [CommandCodes.Url] = [Table.Row<UrlRequest>(2, Last, TryReadUrl, (s, r, ct) => s.HandleUrl(r))],
        [CommandCodes.Snd] = [Table.Row<SndRequest>(2, Last, TryReadSend, (s, r, ct) => s.HandleSend(r))],
        [CommandCodes.Sdc] = [Table.Row<SdcRequest>(5, Last, TryReadSdc, (s, r, ct) => s.HandleSdc(r))],
        [CommandCodes.Ims] = [Table.Row<ImsRequest>(2, Last, TryReadIms, (s, r, ct) => s.HandleIms(r))],

        // The member directory was switched off in July 2003.
        [CommandCodes.Fnd] = [Table.Row(2, Last, Reply(MsnpErrorCode.CommandDisabled))],

        // No pager gateway exists: the dialect's paging command is 217, the other one 715 (there is no positive reply).
        [CommandCodes.Pag] = [Table.Row(2, 4, Reply(MsnpErrorCode.NotExpected)), Table.Row(5, 8, Reply(MsnpErrorCode.PrincipalNotOnline)), Table.Row(9, Last, Reply(MsnpErrorCode.NotExpected))],
        [CommandCodes.Pgd] = [Table.Row(2, 8, Reply(MsnpErrorCode.NotExpected)), Table.Row(9, Last, Reply(MsnpErrorCode.PrincipalNotOnline))],

        // A client may not send MSG to the notification server: immediate disconnect (catalogue §2.6).
        [CommandCodes.Msg] = [Table.Row(2, Last, (s, c, ct) => s.CloseConnection())],
        [CommandCodes.Out] = [Table.Row(2, Last, (s, c, ct) => s.CloseConnection())],
        [CommandCodes.Usr] = [Table.Row(2, Last, Reply(MsnpErrorCode.AlreadyLoggedIn))],
        [CommandCodes.Ver] = [Table.Row(2, Last, ReplyAndClose(MsnpErrorCode.NotExpected))],
        [CommandCodes.Cvr] = [Table.Row(2, Last, ReplyAndClose(MsnpErrorCode.NotExpected))],
        [CommandCodes.Inf] = [Table.Row(2, Last, ReplyAndClose(MsnpErrorCode.NotExpected))],
    });

    private static Table.Handler Reply(MsnpErrorCode error) => (s, c, ct) => s.Refuse(RequestRefusal.Reply(error), c.TrId ?? 0);

    private static Table.Handler ReplyAndClose(MsnpErrorCode error) => (s, c, ct) => s.Refuse(RequestRefusal.ReplyAndClose(error), c.TrId ?? 0);
}
