namespace Msnp.Client.Conversations;

/// <summary>The switchboard could not deliver a message sent with ack mode <c>N</c>.</summary>
public sealed class DeliveryFailedEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    public DeliveryFailedEventArgs(uint messageId) => MessageId = messageId;

    /// <summary>The TrID the send returned.</summary>
    public uint MessageId { get; }
}
