using System.Diagnostics;
using System.Security.Cryptography;
using CsCheck;
using Msnp.Protocol.Auth.Sso;

namespace Msnp.Protocol.Tests.Auth;

/// <summary>
/// The MSNP13+ SSO answer (MBI key blob): checked against a second, independent implementation
/// (Python's hmac and OpenSSL's des-ede3-cbc, following Pidgin's nexus.c), and the verifier refuses
/// every altered blob without throwing.
/// </summary>
public sealed class SsoKeyBlobTests
{
    private static readonly byte[] Secret = Convert.FromBase64String("T7mC+TTmv2p0H0Ss0ONYmbs2mUHDFMcd");
    private const string Nonce = "ef39qDtz2YlHcdtAmrNqHMXNxQq8bDZW9wQSgBQs1xDRqsvAnsS1iRSGlPhPrWQx";
    private static readonly byte[] Iv = [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88];

    // The blob as Pidgin builds it, written a second time in Python with OpenSSL for the cipher.
    private const string IndependentBlob = """
        import base64, hashlib, hmac, struct, subprocess, sys
        secret, nonce, iv = base64.b64decode(sys.argv[1]), sys.argv[2].encode(), bytes.fromhex(sys.argv[3])
        def derive(seed):
            label = b"WS-SecureConversation" + seed
            a1 = hmac.new(secret, label, hashlib.sha1).digest()
            a2 = hmac.new(secret, a1, hashlib.sha1).digest()
            return (hmac.new(secret, a1 + label, hashlib.sha1).digest() + hmac.new(secret, a2 + label, hashlib.sha1).digest())[:24]
        digest = hmac.new(derive(b"SESSION KEY HASH"), nonce, hashlib.sha1).digest()
        cipher = subprocess.run(["openssl", "enc", "-des-ede3-cbc", "-K", derive(b"SESSION KEY ENCRYPTION").hex(), "-iv", iv.hex()],
                                input=nonce, capture_output=True, check=True).stdout
        print(base64.b64encode(struct.pack("<7i", 28, 1, 0x6603, 0x8004, 8, 20, 72) + iv + digest + cipher).decode())
        """;

    [Fact]
    public async Task The_blob_matches_an_independent_implementation_byte_for_byte()
    {
        var ours = SsoKeyBlob.Create(Secret, Nonce, Iv);
        var theirs = await RunPythonAsync(IndependentBlob, Convert.ToBase64String(Secret), Nonce, Convert.ToHexString(Iv));
        Assert.Equal(theirs, ours);
        Assert.Equal(SsoKeyBlob.Length, Convert.FromBase64String(ours).Length);
        Assert.True(SsoKeyBlob.Verify(Secret, Nonce, theirs));
    }

    [Fact]
    public void Every_altered_blob_nonce_or_secret_is_refused()
    {
        var blob = Convert.FromBase64String(SsoKeyBlob.Create(Secret, Nonce));
        for (int i = 0; i < blob.Length; i++)
        {
            var altered = (byte[])blob.Clone();
            altered[i] ^= 0x01;
            Assert.False(SsoKeyBlob.Verify(Secret, Nonce, Convert.ToBase64String(altered)), $"byte {i} altered");
        }

        var answer = Convert.ToBase64String(blob);
        Assert.False(SsoKeyBlob.Verify(Secret, Nonce[1..] + "A", answer));
        Assert.False(SsoKeyBlob.Verify([.. Secret.Select(b => (byte)(b ^ 0x80))], Nonce, answer));
        Assert.False(SsoKeyBlob.Verify(Secret, Nonce, answer.AsSpan(0, answer.Length - 4)));
        Assert.False(SsoKeyBlob.Verify(Secret, Nonce, answer + "AAAA"));
        Assert.False(SsoKeyBlob.Verify(Secret, Nonce, string.Empty));
        Assert.False(SsoKeyBlob.Verify(Secret, Nonce[..32], answer));
        Assert.False(SsoKeyBlob.Verify(Secret, Nonce, new string('!', 172)));
    }

    [Fact]
    public void Any_secret_and_nonce_round_trip()
    {
        Gen.Select(Gen.Byte.Array[1, 64], Gen.Char['!', '~'].Array[SsoKeyBlob.NonceLength])
            .Sample((secret, nonce) => SsoKeyBlob.Verify(secret, new string(nonce), SsoKeyBlob.Create(secret, new string(nonce))), iter: 200);
    }

    [Fact]
    public void Any_answer_text_is_refused_without_an_exception()
    {
        Gen.String.Sample(text => !SsoKeyBlob.Verify(Secret, Nonce, text), iter: 2000);
        Gen.Byte.Array[SsoKeyBlob.Length].Sample(bytes => !SsoKeyBlob.Verify(Secret, Nonce, Convert.ToBase64String(bytes)), iter: 500);
    }

    [Fact]
    public void The_derived_keys_differ_per_seed_and_per_secret()
    {
        var hashKey = SsoKeyDerivation.Derive(Secret, SsoKeyDerivation.HashSeed);
        var encryptionKey = SsoKeyDerivation.Derive(Secret, SsoKeyDerivation.EncryptionSeed);
        Assert.Equal(SsoKeyDerivation.KeyLength, hashKey.Length);
        Assert.NotEqual(hashKey, encryptionKey);
        Assert.NotEqual(hashKey, SsoKeyDerivation.Derive(RandomNumberGenerator.GetBytes(24), SsoKeyDerivation.HashSeed));
    }

    private static async Task<string> RunPythonAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(process.ExitCode == 0, await error);
        return (await output).Trim();
    }
}
