namespace Msnp.Server.Passport;

/// <summary>A freshly signed ticket and its validity window (the token service reports both).</summary>
/// <param name="T">The <c>t=</c> token (also the <c>MSPAuth</c> value of the profile message).</param>
/// <param name="P">The <c>p=</c> token.</param>
/// <param name="IssuedAt">When it was signed.</param>
/// <param name="ExpiresAt">When it stops being accepted.</param>
/// <param name="ProofSecret">
/// The token's <c>BinarySecret</c> (WS-Trust proof key, 24 bytes): MSNP13+ clients derive the keys of
/// their <c>USR … SSO S</c> answer from it. Derived from the ticket with the signing key, so any node
/// recomputes it from the ticket alone (<see cref="ITicketService.ProofSecret"/>).
/// </param>
public sealed record IssuedTicket(string T, string P, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, byte[] ProofSecret)
{
    /// <summary>The ticket as clients carry it: <c>t=…&amp;p=…</c>.</summary>
    public string Value => $"t={T}&p={P}";

    /// <inheritdoc/>
    public override string ToString() => Value;
}
