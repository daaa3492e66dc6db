namespace Msnp.Protocol.Dialects.Model;

/// <summary>
/// The <c>GTC</c> setting: whether the user's client should ask what to do when someone adds them
/// (a new principal on the reverse list). Stored by the server, acted on only by the client.
/// </summary>
public enum ReverseListPrompt
{
    /// <summary><c>A</c>: ask the user.</summary>
    Ask,

    /// <summary><c>N</c>: do not ask.</summary>
    DoNotAsk,
}
