using System.Security.Authentication;
using Msnp.Client.Tests.Support;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Errors;

namespace Msnp.Client.Tests;

public sealed class SignInTests
{
    [Fact]
    public async Task Msnp8_signs_in_through_passport_trusting_the_generated_certificate()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");

        await using var client = await Accounts.SignInAsync(server, "alice@example.com");

        Assert.True(client.IsSignedIn);
        Assert.Equal("alice@example.com", client.Account);
        Assert.Equal("Alice", client.FriendlyName);
        Assert.NotNull(client.Profile);
    }

    [Fact]
    public async Task Msnp8_sign_in_fails_with_a_tls_error_when_the_certificate_is_not_trusted()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        var options = Accounts.Options(server, "alice@example.com") with { TrustedCertificatePath = null };

        await using var client = new MsnpClient(options);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.SignInAsync());

        Assert.IsType<AuthenticationException>(error.InnerException);
        Assert.False(client.IsSignedIn);
    }

    [Fact]
    public async Task Msnp7_signs_in_with_md5()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");

        await using var client = await Accounts.SignInAsync(server, "bob@example.com", MsnpDialect.Msnp7);

        Assert.True(client.IsSignedIn);
        Assert.Equal("Bob", client.FriendlyName);
    }

    [Fact]
    public async Task Msnp7_wrong_password_is_error_911()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");

        await using var client = new MsnpClient(Accounts.Options(server, "bob@example.com", MsnpDialect.Msnp7, password: "wrong"));
        var error = await Assert.ThrowsAsync<MsnpException>(() => client.SignInAsync());

        Assert.Equal(MsnpErrorCode.AuthenticationFailed, error.Code);
        Assert.Equal("USR", error.Command);
        Assert.False(string.IsNullOrEmpty(error.Description));
    }

    [Fact]
    public async Task Msnp8_wrong_password_is_refused_by_passport()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");

        await using var client = new MsnpClient(Accounts.Options(server, "alice@example.com", password: "wrong"));

        await Assert.ThrowsAsync<MsnpAuthenticationException>(() => client.SignInAsync());
        Assert.False(client.IsSignedIn);
    }

    [Fact]
    public async Task Connecting_to_the_dispatch_port_follows_the_xfr_redirect()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        var options = Accounts.Options(server, "alice@example.com") with { Port = server.Host.Endpoints.DispatchPort };

        await using var client = new MsnpClient(options);
        await client.SignInAsync();

        Assert.True(client.IsSignedIn);
        Assert.Equal("alice@example.com", client.Account);
    }

    [Fact]
    public async Task Signing_in_elsewhere_signs_the_first_session_out_with_other_session()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await using var first = await Accounts.SignInAsync(server, "alice@example.com");
        var signedOut = new TaskCompletionSource<Events.SignedOutEventArgs>();
        first.SignedOut += (_, e) => signedOut.TrySetResult(e);

        await using var second = await Accounts.SignInAsync(server, "alice@example.com");

        Assert.Equal(Protocol.Dialects.Model.SignOutReason.OtherSession, (await signedOut.Within()).Reason);
        Assert.True(second.IsSignedIn);
    }
}
