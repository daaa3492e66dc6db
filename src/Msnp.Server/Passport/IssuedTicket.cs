namespace Msnp.Server.Passport;

/// <summary>A freshly signed ticket and its validity window (the token service reports both).</summary>
/// <param name="T">The <c>t=</c> token (also the <c>MSPAuth</c> value of the profile message).</param>
/// <param name="P">The <c>p=</c> token.</param>
/// <param name="IssuedAt">When it was signed.</param>
/// <param name="ExpiresAt">When it stops being accepted.</param>
public sealed record IssuedTicket(string T, string P, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>The ticket as clients carry it: <c>t=…&amp;p=…</c>.</summary>
    public string Value => $"t={T}&p={P}";

    /// <inheritdoc/>
    public override string ToString() => Value;
}
