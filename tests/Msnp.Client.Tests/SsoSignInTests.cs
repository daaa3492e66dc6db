using Microsoft.Extensions.DependencyInjection;
using Msnp.Client.Tests.Support;
using Msnp.Server.Passport;
using Msnp.Server.Storage;

namespace Msnp.Client.Tests;

/// <summary>The client library's SSO sign-in (MSNP15+) against the real server over real sockets and HTTPS.</summary>
public sealed class SsoSignInTests
{
    [Theory]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(18)]
    public async Task The_client_signs_in_with_SSO_and_keeps_every_service_ticket(int version)
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        var options = Accounts.Options(server, "alice@example.com", Accounts.Version(version)) with { MachineGuid = Guid.NewGuid() };

        await using var alice = new MsnpClient(options);
        await alice.SignInAsync();

        Assert.True(alice.IsSignedIn);
        Assert.Equal("alice@example.com", alice.Account);
        Assert.Equal(options.MachineGuid, alice.MachineGuid);

        // The address book's and OIM's tickets are real tickets for alice, as the SOAP services will check them.
        var stamp = (await server.Host.Services.GetRequiredService<IAccountStore>().FindAsync("alice@example.com"))!.SecurityStamp;
        var tickets = server.Host.Services.GetRequiredService<ITicketService>();
        foreach (var service in new[] { "contacts.msn.com", "messengersecure.live.com", "messenger.msn.com", "storage.msn.com" })
        {
            Assert.Equal(TicketValidation.Valid, tickets.Validate(alice.ServiceTickets[service], "alice@example.com", stamp.Span));
        }
    }

    [Fact]
    public async Task A_wrong_password_is_reported_as_Passports_refusal()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");

        await using var client = new MsnpClient(Accounts.Options(server, "alice@example.com", Accounts.Version(18), password: "wrong"));
        var error = await Assert.ThrowsAsync<MsnpAuthenticationException>(() => client.SignInAsync());

        Assert.Equal("Passport refused the sign-in: Authentication Failure.", error.Message);
        Assert.False(client.IsSignedIn);
    }

    [Fact]
    public async Task The_token_service_is_found_beside_a_configured_nexus()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        var options = Accounts.Options(server, "alice@example.com", Accounts.Version(16)) with
        {
            HttpsPort = 1,
            NexusUrl = new Uri($"https://127.0.0.1:{server.Host.Endpoints.HttpsPort}/rdr/pprdr.asp"),
        };

        await using var client = new MsnpClient(options);
        await client.SignInAsync();

        Assert.True(client.IsSignedIn);
    }

    [Fact]
    public async Task Starting_at_the_dispatch_server_the_client_follows_XFR_NS_and_signs_in_there_with_SSO()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        var options = Accounts.Options(server, "alice@example.com", Accounts.Version(18)) with { Port = server.Host.Endpoints.DispatchPort };

        await using var client = new MsnpClient(options);
        await client.SignInAsync();

        Assert.True(client.IsSignedIn);
        Assert.Contains("contacts.msn.com", client.ServiceTickets.Keys);
    }
}
