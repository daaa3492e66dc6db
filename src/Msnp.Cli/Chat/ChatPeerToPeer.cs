using Msnp.Client;
using Msnp.Client.Conversations;
using Msnp.Client.FileTransfer;

namespace Msnp.Cli.Chat;

/// <summary>
/// What <c>msnp chat</c> shows of P2P and invitations: a contact's display picture becoming
/// available, and file offers (P2P or MSNFTP), which chat cannot store and so declines at once,
/// pointing at <c>msnp listen --accept-files</c> and <c>msnp picture get</c>.
/// </summary>
internal static class ChatPeerToPeer
{
    public static void Watch(MsnpClient client, Action<ChatEvent> emit) =>
        client.Contacts.PictureAnnounced += (_, e) =>
            emit(new ChatEvent.Notice($"{ChatTranscriptFormat.Who(e.Account, e.FriendlyName ?? e.Account)} has a display picture ({e.MsnObject!.Size} bytes); msnp picture get {e.Account} saves it"));

    public static void Attach(Conversation conversation, string account, Action<ChatEvent> emit)
    {
        var invitations = new ConversationInvitations(conversation, account);
        invitations.FileOffered += (_, offer) => Decline(offer, emit);
        conversation.PeerToPeer.FileOffered += (_, offer) => Decline(offer, emit);
    }

    private static async void Decline(FileOfferedEventArgs offer, Action<ChatEvent> emit)
    {
        var how = offer.Method == FileTransferMethod.PeerToPeer ? "P2P" : "MSNFTP";
        emit(new ChatEvent.Notice($"{offer.Sender} offers the file \"{offer.FileName}\" ({offer.FileSize} bytes, {how}); chat declines files, msnp listen --accept-files DIR receives them"));
        try
        {
            await offer.DeclineAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (Sessions.SessionFailure.IsExpected(e))
        {
        }
    }
}
