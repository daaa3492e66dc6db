using Msnp.Load.Scenarios;

namespace Msnp.Cli.Tests.Load;

public class PresenceTrackerTests
{
    [Fact]
    public void A_change_completes_when_the_last_contact_sees_it_and_keeps_that_time()
    {
        var tracker = new PresenceTracker(contacts: 3);
        var first = tracker.Begin();

        tracker.Observe(0, "AWY", 10);
        tracker.Observe(2, "AWY", 30);
        Assert.False(tracker.WhenSeenByAll(first).IsCompleted);
        Assert.Equal(1, tracker.Remaining(first));

        tracker.Observe(1, "AWY", 20);

        Assert.True(tracker.WhenSeenByAll(first).IsCompletedSuccessfully);
        Assert.Equal(20, tracker.CompletedAt(first));
        var second = tracker.Begin();
        Assert.False(tracker.WhenSeenByAll(second).IsCompleted);
        Assert.Equal(0, tracker.OutOfOrder);
    }

    [Fact]
    public void Each_contact_counts_its_own_changes_in_order()
    {
        var tracker = new PresenceTracker(contacts: 2);
        var first = tracker.Begin();
        tracker.Observe(0, "AWY", 1);
        var second = tracker.Begin();
        tracker.Observe(0, "BSY", 2);
        tracker.Observe(1, "AWY", 3);

        Assert.True(tracker.WhenSeenByAll(first).IsCompleted);
        Assert.Equal(1, tracker.Remaining(second));
        Assert.Equal(0, tracker.OutOfOrder);
    }

    [Fact]
    public void A_status_that_does_not_match_the_contacts_next_change_is_out_of_order()
    {
        var tracker = new PresenceTracker(contacts: 1);
        tracker.Begin();

        tracker.Observe(0, "BSY"u8, 1); // AWY was lost or overtaken

        Assert.Equal(1, tracker.OutOfOrder);
    }

    [Fact]
    public void Nln_beyond_the_changes_begun_is_counted_as_unexpected()
    {
        var tracker = new PresenceTracker(contacts: 1);
        var first = tracker.Begin();

        tracker.Observe(0, "AWY", 1);
        tracker.Observe(0, "AWY", 2);

        Assert.Equal(1, tracker.Extra);
        Assert.Equal(1, tracker.CompletedAt(first));
    }

    [Fact]
    public void Any_number_of_changes_can_be_made_one_after_another()
    {
        var tracker = new PresenceTracker(contacts: 2);
        for (var i = 0; i < 1_000; i++)
        {
            var change = tracker.Begin();
            tracker.Observe(1, PresenceTracker.StatusOf(change), i);
            tracker.Observe(0, PresenceTracker.StatusOf(change), i);
            Assert.True(tracker.WhenSeenByAll(change).IsCompleted);
        }

        Assert.Equal(1_000, tracker.Begun);
        Assert.Equal(0, tracker.OutOfOrder);
        Assert.Equal(0, tracker.Extra);
    }

    [Fact]
    public void The_status_cycle_never_repeats_the_previous_status_and_starts_away_from_online()
    {
        var cycle = PresenceTracker.Cycle(20);

        Assert.Equal(20, cycle.Length);
        Assert.NotEqual("NLN", cycle[0]);
        for (var i = 1; i < cycle.Length; i++)
        {
            Assert.NotEqual(cycle[i - 1], cycle[i]);
        }
    }
}
