namespace Msnp.Client.Conversations;

/// <summary>The switchboard answered a message with <c>NAK</c>: at least one participant did not get it.</summary>
public sealed class MessageNotDeliveredException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MessageNotDeliveredException()
        : base("The switchboard could not deliver the message (NAK).")
    {
    }
}
