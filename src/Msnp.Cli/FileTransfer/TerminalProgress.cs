using Msnp.Client.FileTransfer;
using Spectre.Console;

namespace Msnp.Cli.FileTransfer;

/// <summary>
/// A Spectre.Console progress bar on standard error while a transfer runs, only when standard
/// error is a terminal; otherwise nothing is drawn. One bar at a time: a transfer that starts
/// while another is drawn runs without one.
/// </summary>
internal static class TerminalProgress
{
    private static readonly SemaphoreSlim Display = new(1, 1);

    public static bool IsInteractive => !Console.IsErrorRedirected;

    public static async Task<T> RunAsync<T>(string description, long total, Func<IProgress<FileTransferProgress>?, Task<T>> work)
    {
        if (!IsInteractive || !await Display.WaitAsync(0).ConfigureAwait(false))
        {
            return await work(null).ConfigureAwait(false);
        }

        try
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            return await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape(description), maxValue: Math.Max(total, 1));
                    var result = await work(new Progress<FileTransferProgress>(p => task.Value = p.BytesTransferred)).ConfigureAwait(false);
                    task.Value = task.MaxValue;
                    return result;
                }).ConfigureAwait(false);
        }
        finally
        {
            Display.Release();
        }
    }
}
