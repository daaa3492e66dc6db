using System.Buffers;
using System.Text;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Messages;
using Msnp.Server.Presence.Notifications;

namespace Msnp.Server.Tests.Presence;

/// <summary>
/// A fan-out's notification is written once per dialect and copied to every receiver: every
/// receiver still gets the lines of its own dialect, and the kept lines are no part of the value.
/// </summary>
public sealed class NotificationLinesTests
{
    [Fact]
    public void Each_dialect_gets_its_own_lines_however_often_and_in_whatever_order_it_is_written()
    {
        var shared = new PresenceNotification(new PresenceInfo(PresenceStatus.Busy, "bob@example.com", "Bob", 268435456, "%3Cmsnobj%2F%3E", 48));
        var versions = Enumerable.Range(MsnpDialect.MinimumVersion, MsnpDialect.MaximumVersion - MsnpDialect.MinimumVersion + 1).ToArray();

        // Twice over, newest first the second time: the lines kept for one dialect never reach another.
        foreach (var version in versions.Concat(versions.Reverse()))
        {
            var fresh = shared with { };
            Assert.Equal(Render(fresh, version), Render(shared, version));
        }

        Assert.StartsWith("NLN BSY bob@example.com Bob", Encoding.ASCII.GetString(Render(shared, 8)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_copy_with_another_value_writes_its_own_lines_and_the_kept_lines_do_not_change_equality()
    {
        var away = new OfflineNotification("bob@example.com");
        var written = Render(away, 8);
        var other = away with { Account = "carol@example.com" };

        Assert.Equal("FLN carol@example.com\r\n", Encoding.ASCII.GetString(Render(other, 8)));
        Assert.Equal("FLN bob@example.com\r\n", Encoding.ASCII.GetString(written));
        Assert.Equal(new OfflineNotification("bob@example.com"), away);
        Assert.Equal(new OfflineNotification("bob@example.com").GetHashCode(), away.GetHashCode());
        Assert.NotEqual(other, away);
    }

    [Fact]
    public void A_personal_status_is_written_per_dialect_and_left_out_where_the_dialect_has_none()
    {
        var status = new PersonalStatusNotification("bob@example.com", new PersonalStatus("At lunch", string.Empty));

        Assert.False(NotificationRenderer.AppliesTo(status, MsnpDialect.FromVersion(10)));
        var msnp11 = Encoding.UTF8.GetString(Render(status, 11));
        var msnp18 = Encoding.UTF8.GetString(Render(status, 18));

        Assert.StartsWith("UBX bob@example.com ", msnp11, StringComparison.Ordinal);
        Assert.StartsWith("UBX 1:bob@example.com ", msnp18, StringComparison.Ordinal);
        Assert.Equal(msnp11, Encoding.UTF8.GetString(Render(status with { }, 11)));
    }

    private static byte[] Render(EndpointNotification notification, int version)
    {
        var output = new ArrayBufferWriter<byte>();
        NotificationRenderer.Write(output, DialectWriter.For(MsnpDialect.FromVersion(version)), notification);
        return output.WrittenSpan.ToArray();
    }
}
