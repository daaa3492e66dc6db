using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace Msnp.Server.Storage;

/// <summary>
/// A minimal passport-name check and the normalised (lower-case invariant) key used for storage:
/// one <c>@</c>, a non-empty local part, a dotted domain without empty labels, printable ASCII, at
/// most 129 bytes. Enough to refuse <c>a@b</c> (201) and anything that would break a command line.
/// </summary>
internal static class AccountName
{
    private const int MaxLength = 129;

    private static readonly SearchValues<char> LocalChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$&'*+-/=?^_`{|}~");

    private static readonly SearchValues<char> DomainChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-");

    public static bool TryNormalize(string? text, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return false;
        }

        int at = text.IndexOf('@');
        if (at <= 0 || at != text.LastIndexOf('@'))
        {
            return false;
        }

        var local = text.AsSpan(0, at);
        var domain = text.AsSpan(at + 1);
        if (local.ContainsAnyExcept(LocalChars) || domain.ContainsAnyExcept(DomainChars) || !domain.Contains('.'))
        {
            return false;
        }

        foreach (var range in domain.Split('.'))
        {
            if (domain[range].IsEmpty)
            {
                return false;
            }
        }

        normalized = text.ToLowerInvariant();
        return true;
    }

    /// <summary>The normalised form of a name the caller passed as its own (the owner); throws when malformed.</summary>
    public static string Require(string text) =>
        TryNormalize(text, out var normalized) ? normalized : throw new KeyNotFoundException($"No account '{text}'.");
}
