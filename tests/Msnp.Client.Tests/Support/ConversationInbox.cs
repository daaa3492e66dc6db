using Msnp.Client.Conversations;
using Msnp.Protocol.Messages;

namespace Msnp.Client.Tests.Support;

/// <summary>Waits on what conversations bring: the next invitation accepted, the first text received.</summary>
internal static class ConversationInbox
{
    /// <summary>Accepts the next invitation: the conversation, and the first text received in it (sender, text).</summary>
    public static (TaskCompletionSource<(string, string)> First, TaskCompletionSource<Conversation> Conversation) Next(MsnpClient client)
    {
        var first = new TaskCompletionSource<(string, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var accepted = new TaskCompletionSource<Conversation>(TaskCreationOptions.RunContinuationsAsynchronously);
        EventHandler<ConversationInvitedEventArgs>? handler = null;
        handler = async (_, e) =>
        {
            // One invitation each: a later call on the same client answers the next one.
            client.ConversationInvited -= handler;
            try
            {
                var conversation = await e.AcceptAsync(c => FirstText(c, first));
                accepted.TrySetResult(conversation);
            }
            catch (Exception ex)
            {
                accepted.TrySetException(ex);
            }
        };
        client.ConversationInvited += handler;
        return (first, accepted);
    }

    /// <summary>The first text received in <paramref name="conversation"/> from now on (sender, text).</summary>
    public static TaskCompletionSource<(string, string)> FirstText(Conversation conversation)
    {
        var first = new TaskCompletionSource<(string, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
        FirstText(conversation, first);
        return first;
    }

    private static void FirstText(Conversation conversation, TaskCompletionSource<(string, string)> first) =>
        conversation.MessageReceived += (_, m) =>
        {
            if (m.Content is TextMessage text)
            {
                first.TrySetResult((m.Sender, text.Text));
            }
        };
}
