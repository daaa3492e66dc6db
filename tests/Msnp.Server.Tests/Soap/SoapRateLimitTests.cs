using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Msnp.Protocol.Oim;
using Msnp.Server.Limits;
using Msnp.Server.Soap;
using Msnp.Server.Tests.Oim;
using Microsoft.Extensions.Time.Testing;

namespace Msnp.Server.Tests.Soap;

/// <summary>
/// The web-service request rate per account and per address, over a real server whose clock is a
/// manual one: requests beyond the burst get the throttle fault until the clock moves on; loopback
/// is exempt unless configured otherwise; the tables stay bounded.
/// </summary>
public sealed class SoapRateLimitTests
{
    private const string Alice = "alice@example.com";
    private const string Bob = "bob@example.com";

    private static async Task<(SoapScene Scene, FakeTimeProvider Clock)> StartAsync(Action<ServerLimits> limits)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var scene = await SoapScene.StartAsync(
            services => services.AddSingleton<TimeProvider>(clock),
            o =>
            {
                o.Limits.ExemptLoopback = false;
                o.Limits.SoapRequestBurst = 0;
                o.Limits.SoapAccountRequestBurst = 0;
                limits(o.Limits);
            });
        await scene.CreateAccountAsync(Alice, "Alice");
        await scene.CreateAccountAsync(Bob, "Bob");
        return (scene, clock);
    }

    private static Task<SoapReply> FindAllAsync(SoapScene scene, string ticket) =>
        scene.PostAsync(AbRequests.AbPath, AbRequests.Action("ABFindAll"), AbRequests.BitlBee(ticket, AbRequests.AbFindAll));

    private static void AssertThrottled(SoapReply reply, bool withActor)
    {
        Assert.Equal(HttpStatusCode.InternalServerError, reply.Status);
        Assert.Equal("soap:Server", reply.FaultCode);
        Assert.Equal("RequestThrottled", reply.ErrorCode);
        Assert.Equal(withActor, reply.Fault!.Element("faultactor") is not null);
    }

    [Fact]
    public async Task An_account_over_its_rate_is_throttled_whatever_ticket_it_uses_until_the_clock_moves()
    {
        var (scene, clock) = await StartAsync(l => { l.SoapAccountRequestBurst = 3; l.SoapAccountRequestsPerMinute = 60; });
        await using var _ = scene;
        var ticket = await scene.TicketAsync(Alice);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await FindAllAsync(scene, ticket)).Status);
        }

        AssertThrottled(await FindAllAsync(scene, ticket), withActor: true);
        AssertThrottled(await FindAllAsync(scene, await scene.TicketAsync(Alice)), withActor: true);
        Assert.Equal(HttpStatusCode.OK, (await FindAllAsync(scene, await scene.TicketAsync(Bob))).Status);

        // A refused ticket costs its account nothing: it names no account that was verified.
        Assert.Equal("PassportAuthFail", (await FindAllAsync(scene, "t=forged&p=forged")).ErrorCode);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await FindAllAsync(scene, ticket)).Status);
        AssertThrottled(await FindAllAsync(scene, ticket), withActor: true);
    }

    [Fact]
    public async Task An_address_over_its_rate_is_throttled_before_its_body_is_read()
    {
        var (scene, clock) = await StartAsync(l => { l.SoapRequestBurst = 2; l.SoapRequestsPerMinute = 6; });
        await using var _ = scene;
        var alice = await scene.TicketAsync(Alice);
        Assert.Equal(HttpStatusCode.OK, (await FindAllAsync(scene, alice)).Status);
        Assert.Equal("PassportAuthFail", (await FindAllAsync(scene, "t=forged&p=forged")).ErrorCode);

        // Every account from this address now waits, even an unreadable body is not looked at.
        AssertThrottled(await FindAllAsync(scene, await scene.TicketAsync(Bob)), withActor: false);
        AssertThrottled(await scene.PostAsync(AbRequests.AbPath, AbRequests.Action("ABFindAll"), "not xml"), withActor: false);

        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, (await FindAllAsync(scene, alice)).Status);
        AssertThrottled(await FindAllAsync(scene, alice), withActor: false);
    }

    [Fact]
    public async Task The_offline_message_service_answers_the_throttle_with_its_own_sender_fault()
    {
        var (scene, _) = await StartAsync(l => { l.SoapAccountRequestBurst = 1; l.SoapAccountRequestsPerMinute = 1; });
        await using var _s = scene;
        var ticket = await scene.RstTicketAsync(Alice, "messengersecure.live.com");
        var lockKey = OimLockKey.Answer(OimLockKey.ChallengeFor(ticket), OimLockKey.ClientKey);
        var body = OimRequests.Store(Alice, string.Empty, Bob, ticket, lockKey, 1, OimRequests.Content("hi", 1));
        const string action = "http://messenger.live.com/ws/2006/09/oim/Store2";
        Assert.Equal(HttpStatusCode.OK, (await scene.PostAsync("/OimWS/oim.asmx", action, body, host: "ows.messenger.msn.com")).Status);
        var second = await scene.PostAsync("/OimWS/oim.asmx", action, body, host: "ows.messenger.msn.com");
        Assert.Equal(HttpStatusCode.InternalServerError, second.Status);
        Assert.Equal("q0:SenderThrottleLimitExceeded", second.FaultCode);
    }

    [Fact]
    public async Task Loopback_is_exempt_while_ExemptLoopback_is_on()
    {
        await using var scene = await SoapScene.StartAsync(configure: o =>
        {
            o.Limits.SoapRequestBurst = 1;
            o.Limits.SoapAccountRequestBurst = 1;
        });
        await scene.CreateAccountAsync(Alice, "Alice");
        var ticket = await scene.TicketAsync(Alice);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await FindAllAsync(scene, ticket)).Status);
        }
    }

    [Fact]
    public void The_tables_stay_bounded_under_a_flood_of_accounts_and_addresses()
    {
        var rate = new SoapRequestRate(
            new ServerLimits { MaxTrackedKeys = 8, ExemptLoopback = false, SoapRequestBurst = 1, SoapRequestsPerMinute = 0.001, SoapAccountRequestBurst = 1, SoapAccountRequestsPerMinute = 0.001 },
            new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(rate.TryAddress(new IPAddress([10, 0, (byte)(i >> 8), (byte)i])));
            Assert.True(rate.TryAccount($"user{i}@example.com", IPAddress.Parse("10.1.1.1")));
            Assert.InRange(rate.TrackedKeys, 2, 16);
        }

        // The newest keys are remembered and limited.
        Assert.False(rate.TryAccount("user999@example.com", IPAddress.Parse("10.1.1.1")));
        Assert.False(rate.TryAddress(new IPAddress([10, 0, 3, 231])));
    }
}
