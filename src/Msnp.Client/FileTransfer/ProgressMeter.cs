using System.Diagnostics;

namespace Msnp.Client.FileTransfer;

/// <summary>Counts bytes of the binary phase and reports them at most once per interval, and once at the end.</summary>
internal sealed class ProgressMeter(long total, IProgress<FileTransferProgress>? progress, TimeSpan interval)
{
    private readonly Stopwatch _clock = new();
    private TimeSpan _lastReport;

    public long Bytes { get; private set; }

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Start()
    {
        _clock.Start();
        progress?.Report(new FileTransferProgress(0, total, TimeSpan.Zero));
    }

    public void Add(int count)
    {
        Bytes += count;
        var now = _clock.Elapsed;
        if (progress is not null && now - _lastReport >= interval)
        {
            _lastReport = now;
            progress.Report(new FileTransferProgress(Bytes, total, now));
        }
    }

    public void Stop()
    {
        _clock.Stop();
        progress?.Report(new FileTransferProgress(Bytes, total, _clock.Elapsed));
    }
}
