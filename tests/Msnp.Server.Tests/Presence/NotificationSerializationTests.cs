using System.Buffers;
using System.Text.Json;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Messages;
using Msnp.Protocol.Messages.Endpoints;
using Msnp.Server.Presence;
using Msnp.Server.Presence.Notifications;
using Msnp.Server.Switchboard;

namespace Msnp.Server.Tests.Presence;

/// <summary>
/// Notifications, directory records and switchboard tickets survive System.Text.Json unchanged, and a
/// notification read back writes the same bytes as the original at every version.
/// </summary>
public sealed class NotificationSerializationTests
{
    private static readonly EndpointNotification[] Notifications =
    [
        new PresenceNotification(new PresenceInfo(PresenceStatus.Busy, "bob@example.com", "Bob%20B", 268435456, "%3Cmsnobj%2F%3E")),
        new PresenceNotification(new PresenceInfo(PresenceStatus.Online, "bob@example.com", "Bob")),
        new OfflineNotification("bob@example.com"),
        new PersonalStatusNotification("bob@example.com", new PersonalStatus("At lunch <& back>", "\\0Music\\01\\0{0}\\0Song\\0\\0")),
        new ReverseListAddedNotification("bob@example.com", "Bob", 7),
        new ReverseListRemovedNotification("bob@example.com", 8),
        new RingNotification("11752013", "127.0.0.1:1865", "1.2.3", "bob@example.com", "Bob"),
        new SignOutNotification(SignOutReason.OtherSession),
        new SignOutNotification(SignOutReason.ServerShutdown),
        new SignOutNotification(null),
        new SystemMessageNotification(SystemMessage.MaintenanceType, ["5"]),
        new SystemMessageNotification(2, ["Back at 10"]),
        new PersonalStatusNotification("bob@example.com", new PersonalStatus("Hi", string.Empty) { Ddp = "<msnobj/>", ColorScheme = "-3" },
            [new EndpointPresence(new Guid("11111111-2222-3333-4444-555555555555"), 1, 48)]),
        new OwnPresenceNotification("bob@example.com", Guid.NewGuid(),
            new PresenceEndpoint("bob@example.com", "node-b", Guid.NewGuid(), 18, PresenceStatus.Busy, "Bob", 1, null, null, 48, Guid.NewGuid(), 42, new PrivateEndpointData("HOME", false, 1, "BSY")),
            new PersonalStatus("Hi", string.Empty),
            [new EndpointPresence(Guid.NewGuid(), 1, 48, new PrivateEndpointData("HOME", null, 1, "BSY")), new EndpointPresence(Guid.NewGuid(), 5, 0)]),
        new UserNotification("bob@example.com", Guid.NewGuid(), 4, "goawyplzthxbye"u8.ToArray()),
        new UserNotification("bob@example.com", null, 3, [0, 1, 2, 255]),
    ];

    [Fact]
    public void Every_notification_reads_back_equal_and_writes_the_same_lines_at_every_version()
    {
        foreach (var notification in Notifications)
        {
            ReadsBackEqual(notification);
        }
    }

    private static void ReadsBackEqual(EndpointNotification notification)
    {
        var json = JsonSerializer.Serialize(notification);
        var back = JsonSerializer.Deserialize<EndpointNotification>(json);

        Assert.NotNull(back);
        Assert.Equal(notification.GetType(), back.GetType());
        Assert.Equal(json, JsonSerializer.Serialize(back));
        // Records holding lists or arrays compare those by reference: the JSON and the lines are compared instead.
        if (notification is not (SystemMessageNotification or OwnPresenceNotification or UserNotification or PersonalStatusNotification { Endpoints: not null }))
        {
            Assert.Equal(notification, back);
        }

        for (int version = MsnpDialect.MinimumVersion; version <= MsnpDialect.MaximumVersion; version++)
        {
            var dialect = MsnpDialect.FromVersion(version);
            Assert.Equal(NotificationRenderer.AppliesTo(notification, dialect), NotificationRenderer.AppliesTo(back, dialect));
            if (NotificationRenderer.AppliesTo(notification, dialect))
            {
                Assert.Equal(Render(notification, dialect), Render(back, dialect));
            }
        }
    }

    [Fact]
    public void The_type_is_named_in_the_json()
    {
        var json = JsonSerializer.Serialize<EndpointNotification>(new RingNotification("1", "h:1", "c", "a@b.c", "A"));

        Assert.StartsWith("{\"type\":\"ring\",", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Directory_records_and_switchboard_tickets_read_back_equal()
    {
        var endpoint = new PresenceEndpoint("bob@example.com", "node-b", Guid.NewGuid(), 12, PresenceStatus.Away, "Bob", 268435456, "%3Cmsnobj%2F%3E",
            new PersonalStatus("Hi", string.Empty) { MachineGuid = "{F26D1F07-95E2-403C-BC18-D4BFED493428}" });
        var presence = new AccountPresence("bob@example.com", [endpoint, endpoint with { EndpointId = Guid.NewGuid(), DialectVersion = 16 }]);
        var ticket = new SwitchboardTicket("bob@example.com", "Bob", 12, DateTimeOffset.UnixEpoch.AddDays(20000), endpoint.Address);

        var presenceBack = JsonSerializer.Deserialize<AccountPresence>(JsonSerializer.Serialize(presence));
        var ticketBack = JsonSerializer.Deserialize<SwitchboardTicket>(JsonSerializer.Serialize(ticket));

        Assert.NotNull(presenceBack);
        Assert.Equal(presence.Account, presenceBack.Account);
        Assert.Equal(presence.Endpoints, presenceBack.Endpoints);
        Assert.Equal(presence.Current, presenceBack.Current);
        Assert.Equal(ticket, ticketBack);
        Assert.Equal(endpoint.Address, ticketBack!.Holder);
    }

    private static byte[] Render(EndpointNotification notification, MsnpDialect dialect)
    {
        var output = new ArrayBufferWriter<byte>();
        NotificationRenderer.Write(output, DialectWriter.For(dialect), notification);
        return output.WrittenSpan.ToArray();
    }
}
