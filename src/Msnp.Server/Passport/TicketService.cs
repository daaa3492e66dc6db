using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Msnp.Server.Passport;

/// <summary>
/// Self-contained, HMAC-signed tickets. <c>t</c> is base64url of
/// <c>format and scope (<see cref="TicketScope"/>) | key id | expiry (Unix seconds, big-endian) | 16-byte nonce | account (UTF-8) | HMAC-SHA256</c>;
/// <c>p</c> is base64url of a second HMAC over <c>t</c>, so neither half can be swapped or edited.
/// Both MACs also cover the account's security stamp, which is not in the ticket: the checker
/// supplies the current one, so a ticket issued before a password change or before the account
/// was removed and re-created fails as <see cref="TicketValidation.BadSignature"/>.
/// The key id names the key of the <see cref="TicketKeyRing"/> that signed it, so keys can be
/// rotated while tickets signed with the previous one are still accepted.
/// No server-side state: a restart or another node with the same keys accepts the same tickets.
/// </summary>
public sealed class TicketService : ITicketService
{
    /// <summary>Longest security stamp the MAC covers.</summary>
    public const int MaxStampBytes = 64;
    private const int NonceLength = 16;
    private const int MacLength = 32;
    private const int HeaderLength = 2 + sizeof(long) + NonceLength;
    private const int ExpiryOffset = 2;

    /// <summary>Longest account name a ticket carries, in UTF-8 bytes (e-mail addresses stop at 254).</summary>
    public const int MaxAccountBytes = 256;

    // Upper bound on the whole "t=…&p=…" string; anything longer is refused before decoding.
    private const int MaxTicketChars = 1024;

    private readonly TicketKeyRing _keys;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time;

    /// <summary>Creates the service over one key.</summary>
    public TicketService(byte[] key, TimeSpan lifetime, TimeProvider time)
        : this(new TicketKeyRing(key ?? throw new ArgumentNullException(nameof(key))), lifetime, time)
    {
    }

    /// <summary>Creates the service over a ring of keys that may change (a cluster's rotated keys).</summary>
    public TicketService(TicketKeyRing keys, TimeSpan lifetime, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        _keys = keys;
        _lifetime = lifetime;
        _time = time;
    }

    /// <summary>A ticket with an empty security stamp (tests and tools without an account store).</summary>
    public IssuedTicket Issue(string account) => Issue(account, []);

    /// <summary>Checks a ticket issued with an empty security stamp.</summary>
    public TicketValidation Validate(string ticket, string expectedAccount) => Validate(ticket, expectedAccount, []);

    /// <inheritdoc/>
    public IssuedTicket Issue(string account, ReadOnlySpan<byte> securityStamp) => Issue(account, securityStamp, TicketScope.General);

    /// <inheritdoc/>
    public IssuedTicket Issue(string account, ReadOnlySpan<byte> securityStamp, TicketScope scope)
    {
        if (!TicketScopes.IsKnown((byte)scope))
        {
            throw new ArgumentOutOfRangeException(nameof(scope), scope, "Not a ticket scope.");
        }

        RequireStamp(securityStamp);
        ArgumentException.ThrowIfNullOrWhiteSpace(account);
        var accountBytes = Encoding.UTF8.GetBytes(Normalize(account));
        if (accountBytes.Length > MaxAccountBytes)
        {
            throw new ArgumentException($"Account names longer than {MaxAccountBytes} bytes cannot be ticketed.", nameof(account));
        }

        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());
        var expiresAt = issuedAt + _lifetime;

        var (keyId, key) = _keys.Current;
        var t = new byte[HeaderLength + accountBytes.Length + MacLength];
        t[0] = (byte)scope;
        t[1] = keyId;
        BinaryPrimitives.WriteInt64BigEndian(t.AsSpan(ExpiryOffset), expiresAt.ToUnixTimeSeconds());
        RandomNumberGenerator.Fill(t.AsSpan(ExpiryOffset + sizeof(long), NonceLength));
        accountBytes.CopyTo(t.AsSpan(HeaderLength));
        var signed = t.AsSpan(0, t.Length - MacLength);
        Mac(key, (byte)'t', signed, securityStamp, t.AsSpan(signed.Length));

        Span<byte> p = stackalloc byte[MacLength];
        Mac(key, (byte)'p', t, securityStamp, p);
        return new IssuedTicket(Base64Url.EncodeToString(t), Base64Url.EncodeToString(p), issuedAt, expiresAt, DeriveProofSecret(key, t));
    }

    /// <inheritdoc/>
    public byte[]? ProofSecret(string ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        Span<byte> t = stackalloc byte[HeaderLength + MaxAccountBytes + MacLength];
        return TrySplit(ticket, out var tText, out _) && TryDecode(tText, HeaderLength + 1 + MacLength, t, out int tLength)
            && TicketScopes.IsKnown(t[0]) && _keys.Find(t[1]) is { } key
            ? DeriveProofSecret(key, t[..tLength])
            : null;
    }

    /// <summary>Length of the proof secret: a 3DES key's worth, as Passport's BinarySecret was.</summary>
    public const int ProofSecretLength = 24;

    // HMAC-SHA256 of 's' and the whole t token (its nonce makes every ticket's secret different), cut to 24 bytes.
    private static byte[] DeriveProofSecret(byte[] key, ReadOnlySpan<byte> t)
    {
        Span<byte> mac = stackalloc byte[MacLength];
        Span<byte> input = stackalloc byte[1 + HeaderLength + MaxAccountBytes + MacLength];
        input[0] = (byte)'s';
        t.CopyTo(input[1..]);
        ThreadHmac.Compute(key, input[..(1 + t.Length)], mac);
        return mac[..ProofSecretLength].ToArray();
    }

    /// <inheritdoc/>
    public TicketValidation Validate(string ticket, string expectedAccount, ReadOnlySpan<byte> securityStamp)
    {
        RequireStamp(securityStamp);
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(expectedAccount);

        // Every sign-in passes here: decode into stack buffers so checking a ticket allocates nothing.
        Span<byte> t = stackalloc byte[HeaderLength + MaxAccountBytes + MacLength];
        Span<byte> p = stackalloc byte[MacLength];
        if (!TrySplit(ticket, out var tText, out var pText)
            || !TryDecode(tText, HeaderLength + 1 + MacLength, t, out int tLength)
            || !TryDecode(pText, MacLength, p, out _)
            || !TicketScopes.IsKnown(t[0]))
        {
            return TicketValidation.Malformed;
        }

        t = t[..tLength];
        if (_keys.Find(t[1]) is not { } key)
        {
            return TicketValidation.BadSignature;
        }

        Span<byte> expected = stackalloc byte[MacLength];
        Mac(key, (byte)'p', t, securityStamp, expected);
        var pGood = CryptographicOperations.FixedTimeEquals(expected, p);
        return Check(t, pGood, expectedAccount, securityStamp);
    }

    /// <inheritdoc/>
    public TicketValidation ValidateAuthCookie(string t, string expectedAccount, ReadOnlySpan<byte> securityStamp)
    {
        RequireStamp(securityStamp);
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(expectedAccount);
        Span<byte> bytes = stackalloc byte[HeaderLength + MaxAccountBytes + MacLength];
        var text = t.AsSpan().Trim();
        if (text.Length > MaxTicketChars || !TryDecode(text, HeaderLength + 1 + MacLength, bytes, out int length) || !TicketScopes.IsKnown(bytes[0]))
        {
            return TicketValidation.Malformed;
        }

        return Check(bytes[..length], true, expectedAccount, securityStamp);
    }

    /// <inheritdoc/>
    public TicketScope? ReadScope(string ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        Span<byte> t = stackalloc byte[HeaderLength + MaxAccountBytes + MacLength];
        return TryReadT(ticket, t, out _) ? (TicketScope)t[0] : null;
    }

    /// <inheritdoc/>
    public string? ReadAccount(string ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        Span<byte> t = stackalloc byte[HeaderLength + MaxAccountBytes + MacLength];
        if (!TryReadT(ticket, t, out int length))
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(t[HeaderLength..(length - MacLength)]);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    // The t part of "t=…&p=…", of a bare "t=…" or of the bare token, decoded into t; false when malformed.
    private static bool TryReadT(string ticket, Span<byte> t, out int length)
    {
        length = 0;
        if (!TrySplit(ticket, out var tText, out _))
        {
            tText = ticket.AsSpan().Trim();
            if (tText.StartsWith("t=", StringComparison.Ordinal))
            {
                tText = tText[2..];
            }

            if (tText.Length > MaxTicketChars)
            {
                return false;
            }
        }

        return TryDecode(tText, HeaderLength + 1 + MacLength, t, out length) && TicketScopes.IsKnown(t[0]);
    }

    // The t token's own MAC, then (only for a genuine token) the account and the expiry.
    private TicketValidation Check(ReadOnlySpan<byte> t, bool otherPartsGood, string expectedAccount, ReadOnlySpan<byte> securityStamp)
    {
        if (_keys.Find(t[1]) is not { } key)
        {
            return TicketValidation.BadSignature;
        }

        Span<byte> expected = stackalloc byte[MacLength];
        var signed = t[..^MacLength];
        Mac(key, (byte)'t', signed, securityStamp, expected);
        var tGood = CryptographicOperations.FixedTimeEquals(expected, t[signed.Length..]);
        if (!(tGood & otherPartsGood))
        {
            return TicketValidation.BadSignature;
        }

        var account = signed[HeaderLength..];
        if (!MatchesAccount(account, expectedAccount))
        {
            return TicketValidation.WrongAccount;
        }

        var expiry = BinaryPrimitives.ReadInt64BigEndian(t[ExpiryOffset..]);
        return _time.GetUtcNow().ToUnixTimeSeconds() >= expiry ? TicketValidation.Expired : TicketValidation.Valid;
    }

    // Accounts are e-mail addresses; the same person may type them in any case.
    private static string Normalize(string account) => account.Trim().ToLowerInvariant();

    // Compares the ticket's account with Normalize(expected) in UTF-8, in constant time for equal lengths.
    private static bool MatchesAccount(ReadOnlySpan<byte> account, string expected)
    {
        var trimmed = expected.AsSpan().Trim();
        if (Encoding.UTF8.GetMaxByteCount(trimmed.Length) > 4 * MaxAccountBytes)
        {
            return false;
        }

        Span<char> lower = stackalloc char[trimmed.Length];
        trimmed.ToLowerInvariant(lower);
        Span<byte> wanted = stackalloc byte[Encoding.UTF8.GetMaxByteCount(lower.Length)];
        int length = Encoding.UTF8.GetBytes(lower, wanted);
        return CryptographicOperations.FixedTimeEquals(account, wanted[..length]);
    }

    private static void RequireStamp(ReadOnlySpan<byte> securityStamp)
    {
        if (securityStamp.Length > MaxStampBytes)
        {
            throw new ArgumentException($"A security stamp has at most {MaxStampBytes} bytes.", nameof(securityStamp));
        }
    }

    // HMAC-SHA256 of the purpose byte, the data and the stamp's length and bytes, in one call (through the thread's kept hash object).
    private static void Mac(byte[] key, byte purpose, ReadOnlySpan<byte> data, ReadOnlySpan<byte> stamp, Span<byte> destination)
    {
        Span<byte> input = stackalloc byte[1 + HeaderLength + MaxAccountBytes + MacLength + 1 + MaxStampBytes];
        input[0] = purpose;
        data.CopyTo(input[1..]);
        int length = 1 + data.Length;
        input[length++] = (byte)stamp.Length;
        stamp.CopyTo(input[length..]);
        length += stamp.Length;
        ThreadHmac.Compute(key, input[..length], destination);
    }

    // Clients pass the from-PP value on verbatim; tolerate the quotes some keep and either order.
    private static bool TrySplit(string ticket, out ReadOnlySpan<char> t, out ReadOnlySpan<char> p)
    {
        t = p = default;
        var text = ticket.AsSpan().Trim().Trim('\'');
        if (text.Length > MaxTicketChars)
        {
            return false;
        }

        foreach (var range in text.Split('&'))
        {
            var part = text[range];
            if (part.StartsWith("t=", StringComparison.Ordinal) && t.IsEmpty)
            {
                t = part[2..];
            }
            else if (part.StartsWith("p=", StringComparison.Ordinal) && p.IsEmpty)
            {
                p = part[2..];
            }
            else
            {
                return false;
            }
        }

        return !t.IsEmpty && !p.IsEmpty;
    }

    // Decodes base64url into destination, which also bounds the length; false when invalid, too short or too long.
    private static bool TryDecode(ReadOnlySpan<char> text, int minBytes, Span<byte> destination, out int length)
    {
        length = 0;
        if (!Base64Url.IsValid(text, out var decodedLength) || decodedLength < minBytes || decodedLength > destination.Length)
        {
            return false;
        }

        return Base64Url.TryDecodeFromChars(text, destination, out length) && length == decodedLength;
    }
}
