using Msnp.Load.Net;
using Msnp.Load.Targets;
using Msnp.Protocol.Dialects;
using Msnp.Server.Storage;

namespace Msnp.Cli.Tests.Load;

/// <summary>The sign-in scenario's bare-socket ticket sign-in against a real in-process server: it checks every reply.</summary>
public sealed class TicketSignInTests
{
    [Theory]
    [InlineData(8)]
    [InlineData(12)]
    public async Task A_good_ticket_signs_in_and_out_again_and_again_on_one_buffer(int version)
    {
        await using var target = await InProcessTarget.StartAsync(StorageOptions.MinimumPasswordIterations, CancellationToken.None);
        var dialect = MsnpDialect.FromVersion(version);
        var accounts = await target.CreateAccountsAsync("ticket", 2, realPasswordHash: false, CancellationToken.None);
        var signIn = new TicketSignIn(dialect);
        for (var i = 0; i < 6; i++)
        {
            await signIn.RunAsync(target.Notification, accounts[i % 2], CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_ticket_the_server_refuses_fails_with_its_error_reply()
    {
        await using var target = await InProcessTarget.StartAsync(StorageOptions.MinimumPasswordIterations, CancellationToken.None);
        var account = (await target.CreateAccountsAsync("ticket", 1, realPasswordHash: false, CancellationToken.None))[0];
        var signIn = new TicketSignIn(MsnpDialect.Msnp8);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => signIn.RunAsync(target.Notification, account with { Ticket = account.Ticket + "x" }, CancellationToken.None));
        Assert.Contains("911 4", refused.Message, StringComparison.Ordinal);

        // The same buffer serves the next sign-in.
        await signIn.RunAsync(target.Notification, account, CancellationToken.None);
    }

    [Fact]
    public void Only_ticket_dialects_are_accepted()
    {
        Assert.Throws<ArgumentException>(() => new TicketSignIn(MsnpDialect.Msnp7));
        Assert.Throws<ArgumentException>(() => new TicketSignIn(MsnpDialect.Msnp15));
    }
}
