using System.Diagnostics.CodeAnalysis;

namespace Msnp.Protocol.Auth.Passport;

/// <summary>
/// A Passport ticket <c>t=…&amp;p=…</c>, sent in <c>USR TrID TWN S &lt;ticket&gt;</c>. Both parts are opaque;
/// <see cref="T"/> is also the <c>MSPAuth</c> value of the profile message (catalogue §5.3).
/// </summary>
public sealed class PassportTicket : IEquatable<PassportTicket>
{
    /// <summary>Builds a ticket from its parts.</summary>
    /// <exception cref="ArgumentException">A part holds whitespace, control characters, <c>&amp;</c> or <c>'</c>, or <paramref name="t"/> is empty.</exception>
    public PassportTicket(string t, string p)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(p);
        if (t.Length == 0 || !IsValidPart(t) || !IsValidPart(p))
        {
            throw new ArgumentException("Ticket parts must be non-empty opaque tokens without whitespace, '&' or quotes.");
        }

        T = t;
        P = p;
    }

    /// <summary>The <c>t=</c> part (the MSPAuth cookie).</summary>
    public string T { get; }

    /// <summary>The <c>p=</c> part (the MSPProf cookie); may be empty.</summary>
    public string P { get; }

    /// <summary>The <c>MSPAuth</c> value the profile message carries: the <c>t=</c> part.</summary>
    public string MspAuth => T;

    /// <summary>
    /// Parses <c>t=…&amp;p=…</c> (either order, <c>p</c> optional). Fails on a missing or empty <c>t</c>,
    /// a repeated or unknown part, whitespace, control characters or quotes. Values may contain <c>=</c>.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out PassportTicket? ticket)
    {
        ticket = null;
        if (text.IsEmpty || text.Length > PassportLimits.MaxHeaderLength)
        {
            return false;
        }

        string? t = null;
        string? p = null;
        foreach (var range in text.Split('&'))
        {
            var part = text[range];
            int eq = part.IndexOf('=');
            if (eq < 0)
            {
                return false;
            }

            var key = part[..eq];
            var value = part[(eq + 1)..];
            if (!IsValidPart(value))
            {
                return false;
            }

            if (key.SequenceEqual("t") && t is null)
            {
                t = value.ToString();
            }
            else if (key.SequenceEqual("p") && p is null)
            {
                p = value.ToString();
            }
            else
            {
                return false;
            }
        }

        if (string.IsNullOrEmpty(t))
        {
            return false;
        }

        ticket = new PassportTicket(t, p ?? string.Empty);
        return true;
    }

    /// <summary>The wire form <c>t=…&amp;p=…</c>.</summary>
    public override string ToString() => $"t={T}&p={P}";

    /// <inheritdoc/>
    public bool Equals(PassportTicket? other) =>
        other is not null && string.Equals(T, other.T, StringComparison.Ordinal) && string.Equals(P, other.P, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PassportTicket);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(T, P);

    private static bool IsValidPart(ReadOnlySpan<char> part) =>
        part.IndexOfAny("&' \t") < 0 && !PassportFieldList.HasControl(part) && part.IndexOfAnyExceptInRange(' ', '~') < 0;
}
