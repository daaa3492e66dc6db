using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Msnp.Admin.Tests.Support;
using Msnp.Client;
using Msnp.Client.Events;

namespace Msnp.Admin.Tests;

/// <summary>Console actions on accounts and sessions take effect on live sessions at once.</summary>
public sealed class AccountActionTests
{
    private const string Alice = "alice@example.com";
    private const string Bob = "bob@example.com";

    [Fact]
    public async Task Create_then_delete_from_the_console_and_the_deleted_user_is_signed_out()
    {
        await using var server = await AdminServer.StartAsync();
        using var http = await server.SignedInHttpAsync();

        using (var created = await AdminServer.PostFormAsync(http, "/accounts", "Create", ("email", "Carol@Example.com"), ("password", "carol pw")))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        using (var duplicate = await AdminServer.PostFormAsync(http, "/accounts", "Create", ("email", "carol@example.com"), ("password", "carol pw")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
            Assert.Contains("already exists", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await using var carol = await server.SignInAsync("carol@example.com", "carol pw");
        var signedOut = new TaskCompletionSource<SignedOutEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        carol.SignedOut += (_, e) => signedOut.TrySetResult(e);
        Assert.Contains("data-account=\"carol@example.com\"", await http.GetStringAsync("/accounts?q=carol"), StringComparison.Ordinal);

        using (var deleted = await AdminServer.PostFormAsync(http, "/accounts", "Delete", ("email", "carol@example.com")))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }

        await signedOut.Task.Within();
        await using var again = new MsnpClient(server.ClientOptions("carol@example.com", "carol pw"));
        await Assert.ThrowsAsync<MsnpAuthenticationException>(() => again.SignInAsync());
        Assert.DoesNotContain("data-account=\"carol@example.com\"", await http.GetStringAsync("/accounts"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unlock_lifts_the_sign_in_back_off_at_once()
    {
        await using var server = await AdminServer.StartAsync(o =>
        {
            o.Limits.SignInFreeFailures = 2;
            o.Limits.SignInBackoffBase = TimeSpan.FromMinutes(10);
            o.Limits.SignInBackoffMax = TimeSpan.FromMinutes(10);
        });
        await server.CreateUserAsync(Alice);
        for (int i = 0; i < 3; i++)
        {
            await using var wrong = new MsnpClient(server.ClientOptions(Alice, "wrong"));
            await Assert.ThrowsAsync<MsnpAuthenticationException>(() => wrong.SignInAsync());
        }

        // Locked: the right password is refused too.
        await using (var locked = new MsnpClient(server.ClientOptions(Alice)))
        {
            await Assert.ThrowsAsync<MsnpAuthenticationException>(() => locked.SignInAsync());
        }

        using var http = server.Http();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);
        using (var unlock = await http.PostAsJsonAsync("/api/accounts/unlock", new { email = Alice }))
        {
            Assert.Equal(HttpStatusCode.OK, unlock.StatusCode);
        }

        await using var client = await server.SignInAsync(Alice);
        Assert.True(client.IsSignedIn);
    }

    [Fact]
    public async Task Sign_out_everyone_sends_out_to_every_session()
    {
        await using var server = await AdminServer.StartAsync();
        await server.CreateUserAsync(Alice);
        await server.CreateUserAsync(Bob);
        await using var alice = await server.SignInAsync(Alice);
        await using var bob = await server.SignInAsync(Bob, dialect: Msnp.Protocol.Dialects.MsnpDialect.Msnp5);
        var aliceOut = new TaskCompletionSource<SignedOutEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        var bobOut = new TaskCompletionSource<SignedOutEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        alice.SignedOut += (_, e) => aliceOut.TrySetResult(e);
        bob.SignedOut += (_, e) => bobOut.TrySetResult(e);
        using var http = await server.SignedInHttpAsync();

        using var response = await AdminServer.PostFormAsync(http, "/sessions", "SignOutAll");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null((await aliceOut.Task.Within()).Reason);
        Assert.Null((await bobOut.Task.Within()).Reason);
        Assert.Contains(await server.Host.Operators.Store.ListAuditAsync(5), e => e.Action == "sign-out-all" && e.Detail == "2 sessions");
    }

    [Fact]
    public async Task Ready_turns_unhealthy_once_the_server_stops()
    {
        await using var server = await AdminServer.StartAsync();
        using var http = server.Http();
        using (var ready = await http.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        await server.Host.StopAsync();

        using var stopped = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stopped.StatusCode);
        using var live = await http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
