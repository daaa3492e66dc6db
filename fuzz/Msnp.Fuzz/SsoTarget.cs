using System.Text;
using Msnp.Protocol.Auth.Sso;

namespace Msnp.Fuzz;

/// <summary>
/// The MBI key blob check of <c>USR … SSO S</c> (<see cref="SsoKeyBlob.Verify"/>). Byte 0 picks:
/// even, the rest is a secret (24 bytes), a nonce (64 bytes, forced into the base64 alphabet) and an
/// answer string, which must never throw and, when accepted, must be exactly the blob
/// <see cref="SsoKeyBlob.Create"/> makes with the same IV; odd, a correct blob is made and its bytes
/// XORed with the rest of the input, and any changed byte must make it fail.
/// </summary>
internal sealed class SsoTarget : IFuzzTarget
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private const int SecretLength = 24;

    public void Run(byte[] input)
    {
        if (input.Length < 1 + SecretLength + SsoKeyBlob.NonceLength)
        {
            return;
        }

        var secret = input.AsSpan(1, SecretLength).ToArray();
        var nonce = string.Create(SsoKeyBlob.NonceLength, input, static (chars, data) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[data[1 + SecretLength + i] % Alphabet.Length];
            }
        });
        var rest = input.AsSpan(1 + SecretLength + SsoKeyBlob.NonceLength);

        if (input[0] % 2 == 0)
        {
            var answer = Encoding.UTF8.GetString(rest);
            if (SsoKeyBlob.Verify(secret, nonce, answer))
            {
                var blob = Convert.FromBase64String(answer);
                var again = SsoKeyBlob.Create(secret, nonce, blob.AsSpan(28, 8));
                Invariant.Check(again == Convert.ToBase64String(blob), "an accepted blob is not the one Create makes");
            }

            return;
        }

        var good = Convert.FromBase64String(SsoKeyBlob.Create(secret, nonce));
        Invariant.Check(SsoKeyBlob.Verify(secret, nonce, Convert.ToBase64String(good)), "a fresh blob is refused");
        var changed = false;
        for (var i = 0; i < Math.Min(rest.Length, good.Length); i++)
        {
            changed |= rest[i] != 0;
            good[i] ^= rest[i];
        }

        Invariant.Check(SsoKeyBlob.Verify(secret, nonce, Convert.ToBase64String(good)) != changed, "a changed blob was accepted");
    }
}
