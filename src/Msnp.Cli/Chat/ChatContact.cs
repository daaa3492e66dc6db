using Msnp.Protocol.Dialects.Model;

namespace Msnp.Cli.Chat;

/// <summary>A contact as the chat shows it: lists from <c>SYN</c> and later changes, presence from <c>ILN</c>/<c>NLN</c>/<c>FLN</c>.</summary>
/// <param name="Account">The contact's address.</param>
/// <param name="Name">The friendly name last seen, or the stored nickname.</param>
/// <param name="Lists">The user's lists the contact is on.</param>
/// <param name="Status">Offline until the server reports otherwise.</param>
internal sealed record ChatContact(string Account, string Name, ListKind Lists, PresenceStatus Status);
