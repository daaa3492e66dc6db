using Msnp.Protocol.Messages;

namespace Msnp.Client.Events;

/// <summary>A contact's personal message or current media changed (<c>UBX</c>, MSNP11 and later).</summary>
public sealed class PersonalStatusChangedEventArgs(string account, PersonalStatus status) : EventArgs
{
    /// <summary>The contact's account (the user's own for <see cref="MsnpClient.OwnPersonalStatusChanged"/>).</summary>
    public string Account { get; } = account;

    /// <summary>The new personal status; <see cref="PersonalStatus.IsEmpty"/> when it was cleared.</summary>
    public PersonalStatus Status { get; } = status;
}
