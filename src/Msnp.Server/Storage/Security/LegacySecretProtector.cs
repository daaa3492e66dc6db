using System.Security.Cryptography;
using System.Text;

namespace Msnp.Server.Storage.Security;

/// <summary>
/// Encrypts the plain password that MD5 login (MSNP2–MSNP7) needs, with AES-256-GCM and a fresh
/// nonce per record. The account's email is the associated data, so a record copied onto another
/// account fails to decrypt. Record layout: version byte (1), nonce (12), tag (16), ciphertext.
/// </summary>
internal sealed class LegacySecretProtector
{
    private const byte FormatVersion = 1;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int HeaderBytes = 1 + NonceBytes + TagBytes;

    private readonly byte[] _key;
    private long _decryptions;

    public LegacySecretProtector(byte[] key)
    {
        if (key.Length != SecretKeyFile.KeyBytes)
        {
            throw new ArgumentException("The key must be 256 bits.", nameof(key));
        }

        _key = key;
    }

    public byte[] Protect(string secret, string email)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var record = new byte[HeaderBytes + plain.Length];
        record[0] = FormatVersion;
        var nonce = record.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plain, record.AsSpan(HeaderBytes), record.AsSpan(1 + NonceBytes, TagBytes), AssociatedData(email));
        CryptographicOperations.ZeroMemory(plain);
        return record;
    }

    /// <summary>Records decrypted so far (attempts included), so tests can see that unknown accounts cost the same work.</summary>
    public long Decryptions => Interlocked.Read(ref _decryptions);

    /// <exception cref="CryptographicException">The record was not made with this key for this email, or is damaged.</exception>
    public string Unprotect(byte[] record, string email)
    {
        Interlocked.Increment(ref _decryptions);
        if (record.Length < HeaderBytes || record[0] != FormatVersion)
        {
            throw new CryptographicException("Unknown legacy secret format.");
        }

        var plain = new byte[record.Length - HeaderBytes];
        using var aes = new AesGcm(_key, TagBytes);
        aes.Decrypt(record.AsSpan(1, NonceBytes), record.AsSpan(HeaderBytes), record.AsSpan(1 + NonceBytes, TagBytes), plain, AssociatedData(email));
        var secret = Encoding.UTF8.GetString(plain);
        CryptographicOperations.ZeroMemory(plain);
        return secret;
    }

    private static byte[] AssociatedData(string email) => Encoding.UTF8.GetBytes("msnp-legacy-secret:" + email);
}
