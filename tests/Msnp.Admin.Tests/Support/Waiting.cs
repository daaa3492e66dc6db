namespace Msnp.Admin.Tests.Support;

internal static class Waiting
{
    /// <summary>Waits for an event without hanging the run when it never comes; resumes on the pool.</summary>
    public static async Task<T> Within<T>(this Task<T> task, int seconds = 30)
    {
        var result = await task.WaitAsync(TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
        await Task.CompletedTask.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        return result;
    }
}
