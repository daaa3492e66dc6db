using Msnp.Load.Scenarios;

namespace Msnp.Cli.Tests.Load;

public class InFlightWindowTests
{
    [Fact]
    public async Task A_sender_within_the_window_does_not_wait()
    {
        var window = new InFlightWindow(8);

        Assert.True(window.WaitForRoomAsync(8, CancellationToken.None).IsCompletedSuccessfully);
        await window.WaitForRoomAsync(0, CancellationToken.None);
    }

    [Fact]
    public async Task A_full_window_waits_until_half_of_it_has_drained()
    {
        var window = new InFlightWindow(8);

        var waiting = window.WaitForRoomAsync(10, CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);

        for (var i = 0; i < 5; i++)
        {
            window.Delivered();
        }

        Assert.False(waiting.IsCompleted); // 5 of 10 still in flight: more than half of 8
        window.Delivered();
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void No_window_never_waits()
    {
        var window = new InFlightWindow(0);

        Assert.True(window.WaitForRoomAsync(1_000_000, CancellationToken.None).IsCompletedSuccessfully);
    }
}
