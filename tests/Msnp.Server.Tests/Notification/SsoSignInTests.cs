using Microsoft.Extensions.Time.Testing;
using Msnp.Protocol.Auth.Sso;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Notification;

/// <summary>
/// <c>USR … SSO</c> (MSNP15+) over real sockets with tickets from the server's own token service over
/// real HTTPS: the blob must be the one the ticket's <c>BinarySecret</c> makes over the nonce this
/// connection was sent; every other answer is 911 and a close.
/// </summary>
public sealed class SsoSignInTests
{
    private static async Task AssertRefusedAsync(LineClient client)
    {
        Assert.Equal("911 4", await client.ReadLineAsync());
        Assert.True(await client.IsClosedAsync());
    }

    [Theory]
    [InlineData("MSNP15")]
    [InlineData("MSNP16")]
    [InlineData("MSNP18")]
    public async Task A_client_offering_only_one_SSO_version_signs_in_with_the_policy_the_nonce_the_ticket_and_the_blob(string version)
    {
        await using var scene = await Scene.StartAsync("alice");
        await using var attempt = await SsoAttempt.BeginAsync(scene, version);

        Assert.StartsWith("<Policies>", attempt.Challenge.Policies, StringComparison.Ordinal);
        Assert.Equal(SsoKeyBlob.NonceLength, attempt.Nonce.Length);
        Assert.Equal(SsoChallenge.RandomBytes, Convert.FromBase64String(attempt.Nonce).Length);

        await attempt.Client.SendAsync(SsoSignIn.Answer(attempt.Tokens, attempt.Nonce, version == "MSNP15" ? null : Guid.NewGuid()));
        Assert.Equal($"USR 4 OK {attempt.Email} 1 0", await attempt.Client.ReadLineAsync());
    }

    [Fact]
    public async Task Tickets_from_RST2_sign_in_too()
    {
        await using var scene = await Scene.StartAsync("alice");
        await using var attempt = await SsoAttempt.BeginAsync(scene, "MSNP18", "//RST2.srf");

        await attempt.Client.SendAsync(SsoSignIn.Answer(attempt.Tokens, attempt.Nonce, Guid.NewGuid()));

        Assert.Equal($"USR 4 OK {attempt.Email} 1 0", await attempt.Client.ReadLineAsync());
    }

    [Fact]
    public async Task Every_connection_gets_its_own_nonce()
    {
        await using var scene = await Scene.StartAsync("alice");
        var first = await SsoSignIn.BeginAsync(scene.Server, Scene.Email("alice"), "MSNP15");
        var second = await SsoSignIn.BeginAsync(scene.Server, Scene.Email("alice"), "MSNP15");
        await using var a = first.Client;
        await using var b = second.Client;

        Assert.NotEqual(first.Nonce, second.Nonce);
    }

    [Fact]
    public async Task A_blob_made_with_another_secret_is_refused()
    {
        await using var scene = await Scene.StartAsync("alice");
        await using var attempt = await SsoAttempt.BeginAsync(scene, "MSNP15");

        var forged = attempt.Tokens with { Secret = new byte[attempt.Tokens.Secret.Length] };
        await attempt.Client.SendAsync(SsoSignIn.Answer(forged, attempt.Nonce, null));

        await AssertRefusedAsync(attempt.Client);
    }

    [Fact]
    public async Task The_blob_of_one_token_does_not_pass_with_another_tokens_ticket()
    {
        await using var scene = await Scene.StartAsync("alice");
        await using var attempt = await SsoAttempt.BeginAsync(scene, "MSNP15");

        // The address book's ticket is valid for alice, but the secret belongs to the messenger ticket.
        await attempt.Client.SendAsync($"USR 4 SSO S {attempt.Tokens.AddressBookTicket} {SsoKeyBlob.Create(attempt.Tokens.Secret, attempt.Nonce)}\r\n");

        await AssertRefusedAsync(attempt.Client);
    }

    [Fact]
    public async Task Someone_elses_ticket_with_its_own_correct_blob_is_refused()
    {
        await using var scene = await Scene.StartAsync("alice", "mallory");
        var challenge = await SsoSignIn.BeginAsync(scene.Server, Scene.Email("alice"), "MSNP18");
        await using var client = challenge.Client;
        var mallorys = await SsoSignIn.RequestTokensAsync(scene.Server, Scene.Email("mallory"), Scene.Password);

        await client.SendAsync(SsoSignIn.Answer(mallorys, challenge.Nonce, Guid.NewGuid()));

        await AssertRefusedAsync(client);
    }

    [Fact]
    public async Task An_expired_ticket_is_refused_even_with_the_right_blob()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var scene = await Scene.StartWithClockAsync(clock, "alice");
        var email = Scene.Email("alice");
        var tokens = await SsoSignIn.RequestTokensAsync(scene.Server, email, Scene.Password);
        clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        var challenge = await SsoSignIn.BeginAsync(scene.Server, email, "MSNP15");
        await using var client = challenge.Client;
        await client.SendAsync(SsoSignIn.Answer(tokens, challenge.Nonce, null));

        await AssertRefusedAsync(client);
    }

    [Fact]
    public async Task An_answer_seen_on_one_connection_is_worthless_on_another()
    {
        await using var scene = await Scene.StartAsync("alice");
        var email = Scene.Email("alice");
        var tokens = await SsoSignIn.RequestTokensAsync(scene.Server, email, Scene.Password);
        var victim = await SsoSignIn.BeginAsync(scene.Server, email, "MSNP16");
        await using var victimClient = victim.Client;
        var answer = SsoSignIn.Answer(tokens, victim.Nonce, Guid.NewGuid());
        await victimClient.SendAsync(answer);
        Assert.Equal($"USR 4 OK {email} 1 0", await victimClient.ReadLineAsync());

        // The same line, replayed on a connection that was sent a different nonce.
        var replay = await SsoSignIn.BeginAsync(scene.Server, email, "MSNP16");
        await using var replayClient = replay.Client;
        await replayClient.SendAsync(answer);

        await AssertRefusedAsync(replayClient);
    }

    [Theory]
    [InlineData("MSNP15", "")]
    [InlineData("MSNP16", " {3F2504E0-4F89-11D3-9A0C-0305E82C3301}")]
    public async Task A_ticket_without_a_blob_is_refused(string version, string tail)
    {
        await using var scene = await Scene.StartAsync("alice");
        await using var attempt = await SsoAttempt.BeginAsync(scene, version);

        await attempt.Client.SendAsync($"USR 4 SSO S {attempt.Tokens.Ticket}{tail}\r\n");

        await AssertRefusedAsync(attempt.Client);
    }

    [Fact]
    public async Task The_compatibility_switch_lets_a_ticket_without_a_blob_in_but_still_checks_a_blob_that_is_sent()
    {
        await using var scene = await Scene.StartAsync(o => o.Passport.AllowSsoWithoutProof = true, "alice");
        var email = Scene.Email("alice");
        var tokens = await SsoSignIn.RequestTokensAsync(scene.Server, email, Scene.Password);

        var plain = await SsoSignIn.BeginAsync(scene.Server, email, "MSNP15");
        await using (var client = plain.Client)
        {
            await client.SendAsync($"USR 4 SSO S {tokens.Ticket}\r\n");
            Assert.Equal($"USR 4 OK {email} 1 0", await client.ReadLineAsync());
        }

        var forged = await SsoSignIn.BeginAsync(scene.Server, email, "MSNP15");
        await using (var client = forged.Client)
        {
            await client.SendAsync(SsoSignIn.Answer(tokens with { Secret = new byte[24] }, forged.Nonce, null));
            await AssertRefusedAsync(client);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(" {not-a-guid}")]
    [InlineData(" {3F2504E0-4F89-11D3-9A0C-0305E82C3301} extra")]
    public async Task From_MSNP16_a_missing_or_unreadable_machine_guid_is_refused(string tail)
    {
        await using var scene = await Scene.StartAsync("alice");
        await using var attempt = await SsoAttempt.BeginAsync(scene, "MSNP18");

        await attempt.Client.SendAsync($"USR 4 SSO S {attempt.Tokens.Ticket} {SsoKeyBlob.Create(attempt.Tokens.Secret, attempt.Nonce)}{tail}\r\n");

        await AssertRefusedAsync(attempt.Client);
    }

    [Fact]
    public async Task A_TWN_answer_at_an_SSO_version_is_refused()
    {
        await using var scene = await Scene.StartAsync("alice");
        await using var attempt = await SsoAttempt.BeginAsync(scene, "MSNP15");

        await attempt.Client.SendAsync($"USR 4 TWN S {attempt.Tokens.Ticket}\r\n");

        await AssertRefusedAsync(attempt.Client);
    }
}
