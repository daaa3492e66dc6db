using Msnp.Client.Conversations;
using Msnp.Client.Tests.Support;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Messages;

namespace Msnp.Client.Tests;

/// <summary>Every dialect and every sign-in flow against our server: sign in, list, presence, one message each way.</summary>
public sealed class VersionMatrixTests
{
    public static TheoryData<int, PassportFlow> Versions => new()
    {
        { 2, PassportFlow.Nexus },
        { 3, PassportFlow.Nexus },
        { 4, PassportFlow.Nexus },
        { 5, PassportFlow.Nexus },
        { 6, PassportFlow.Nexus },
        { 7, PassportFlow.Nexus },
        { 8, PassportFlow.Nexus },
        { 8, PassportFlow.TokenService },
        { 9, PassportFlow.Nexus },
        { 9, PassportFlow.TokenService },
        { 10, PassportFlow.Nexus },
        { 11, PassportFlow.Nexus },
        { 12, PassportFlow.Nexus },
        { 12, PassportFlow.TokenService },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Each_version_signs_in_lists_sees_presence_and_talks(int version, PassportFlow flow)
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");
        var dialect = Accounts.Version(version);
        await using var alice = new MsnpClient(Accounts.Options(server, "alice@example.com", dialect) with { PassportFlow = flow });
        await using var bob = new MsnpClient(Accounts.Options(server, "bob@example.com", dialect) with { PassportFlow = flow });

        await alice.SignInAsync();
        await bob.SignInAsync();
        // From MSNP10 USR OK carries no name: it comes as PRP MFN in the sync.
        Assert.Equal(("alice@example.com", version >= 10 ? "alice@example.com" : "Alice"), (alice.Account, alice.FriendlyName));
        Assert.NotNull(alice.Profile);

        await alice.AddContactAsync(ListKind.Forward, "bob@example.com", "Bobby");
        await alice.AddContactAsync(ListKind.Allow, "bob@example.com");
        await bob.AddContactAsync(ListKind.Allow, "alice@example.com");
        var list = await alice.SyncAsync();
        Assert.Equal(ListKind.Forward | ListKind.Allow, list.Find("bob@example.com")?.Lists);
        Assert.Equal("Bobby", list.Find("bob@example.com")?.Nickname);
        Assert.Equal("Alice", alice.FriendlyName);
        Assert.Equal(version >= 10, list.Find("bob@example.com")?.ContactId is not null);

        var bobOnline = new TaskCompletionSource<PresenceStatus>();
        alice.ContactPresenceChanged += (_, e) =>
        {
            if (e.Account == "bob@example.com" && e.Status != PresenceStatus.Offline)
            {
                bobOnline.TrySetResult(e.Status);
            }
        };
        await alice.SetStatusAsync(PresenceStatus.Online);
        await bob.SetStatusAsync(PresenceStatus.Away);
        Assert.Equal(PresenceStatus.Away, await bobOnline.Within());

        var atBob = new TaskCompletionSource<string>();
        bob.ConversationInvited += async (_, e) => await e.AcceptAsync(c => c.MessageReceived += (_, m) =>
        {
            if (m.Content is TextMessage text)
            {
                atBob.TrySetResult(text.Text);
            }
        });
        await using var chat = await alice.StartConversationAsync("bob@example.com");
        await chat.SendTextAsync($"hello over MSNP{version}");
        Assert.Equal($"hello over MSNP{version}", await atBob.Within());
        await alice.SignOutAsync();
        Assert.False(alice.IsSignedIn);
    }

    [Fact]
    public async Task The_token_service_refuses_a_wrong_password()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        var options = Accounts.Options(server, "alice@example.com", password: "wrong") with { PassportFlow = PassportFlow.TokenService };

        await using var client = new MsnpClient(options);
        var error = await Assert.ThrowsAsync<MsnpAuthenticationException>(() => client.SignInAsync());

        Assert.Contains("refused", error.Message, StringComparison.Ordinal);
        Assert.False(client.IsSignedIn);
    }

    [Fact]
    public async Task A_configured_token_service_url_is_used_and_a_wrong_one_fails()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        var good = Accounts.Options(server, "alice@example.com") with
        {
            PassportFlow = PassportFlow.TokenService,
            HttpsPort = 1,
            TokenServiceUrl = new Uri($"https://127.0.0.1:{server.Host.Endpoints.HttpsPort}/RST.srf"),
        };

        await using (var client = new MsnpClient(good))
        {
            await client.SignInAsync();
            Assert.True(client.IsSignedIn);
        }

        await using var wrong = new MsnpClient(good with { TokenServiceUrl = new Uri($"https://127.0.0.1:{server.Host.Endpoints.HttpsPort}/nothing-here.srf") });
        await Assert.ThrowsAsync<MsnpAuthenticationException>(() => wrong.SignInAsync());
    }

    [Fact]
    public async Task A_configured_nexus_url_is_used_instead_of_the_one_built_from_the_host()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        var options = Accounts.Options(server, "alice@example.com") with
        {
            HttpsPort = 1,
            NexusUrl = new Uri($"https://127.0.0.1:{server.Host.Endpoints.HttpsPort}/rdr/pprdr.asp"),
        };

        await using var client = new MsnpClient(options);
        await client.SignInAsync();

        Assert.True(client.IsSignedIn);
    }
}
