using CsCheck;
using Msnp.Load.Metrics;

namespace Msnp.Cli.Tests.Load;

public class SequenceCheckerTests
{
    [Fact]
    public void In_order_delivery_is_clean()
    {
        var checker = Observe(0, 1, 2, 3);

        Assert.Equal(4, checker.Received);
        Assert.Equal(0, checker.Lost(4));
        Assert.Equal(0, checker.Reordered);
        Assert.Equal(0, checker.Duplicates);
    }

    [Fact]
    public void A_gap_is_loss()
    {
        var checker = Observe(0, 1, 4);

        Assert.Equal(3, checker.Received);
        Assert.Equal(2, checker.Lost(5));
    }

    [Fact]
    public void A_missing_tail_is_loss()
    {
        var checker = Observe(0, 1);

        Assert.Equal(3, checker.Lost(5));
    }

    [Fact]
    public void A_late_message_is_reordering_not_loss()
    {
        var checker = Observe(0, 2, 1, 3);

        Assert.Equal(4, checker.Received);
        Assert.Equal(1, checker.Reordered);
        Assert.Equal(0, checker.Lost(4));
    }

    [Fact]
    public void A_repeat_is_a_duplicate()
    {
        var checker = Observe(0, 1, 1, 2, 0);

        Assert.Equal(3, checker.Received);
        Assert.Equal(2, checker.Duplicates);
        Assert.Equal(0, checker.Reordered);
    }

    [Fact]
    public void A_late_message_seen_twice_is_one_reorder_and_one_duplicate()
    {
        var checker = Observe(1, 0, 0);

        Assert.Equal(1, checker.Reordered);
        Assert.Equal(1, checker.Duplicates);
        Assert.Equal(2, checker.Received);
    }

    [Fact]
    public void Counts_match_a_model_for_any_arrival_sequence()
    {
        Gen.Int[0, 40].Array[0, 80].Sample(arrivals =>
        {
            const int sent = 41;
            var checker = Observe(arrivals.Select(a => (long)a).ToArray());
            var distinct = arrivals.Distinct().Count();

            Assert.Equal(distinct, checker.Received);
            Assert.Equal(arrivals.Length - distinct, checker.Duplicates);
            Assert.Equal(sent - distinct, checker.Lost(sent));

            var inOrder = arrivals.Distinct().SequenceEqual(arrivals.Distinct().Order());
            Assert.Equal(inOrder, checker.Reordered == 0);
        });
    }

    private static SequenceChecker Observe(params long[] sequence)
    {
        var checker = new SequenceChecker();
        foreach (var s in sequence)
        {
            checker.Observe(s);
        }

        return checker;
    }
}
