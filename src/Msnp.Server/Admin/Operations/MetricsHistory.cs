using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Msnp.Server.Diagnostics;

namespace Msnp.Server.Admin.Operations;

/// <summary>
/// The overview's numbers: listens to the server's own instruments (so the console shows what
/// <c>/metrics</c> exports), keeps running totals, and samples them every
/// <see cref="AdminOptions.ChartInterval"/> into an hour-long ring for the per-second charts.
/// </summary>
public sealed class MetricsHistory : IDisposable
{
    private const string SignInsName = "msnp_signins";
    private const string MessagesName = "msnp_messages_relayed";
    private const string ErrorsName = "msnp_errors";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _errorsByCode = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly Sample[] _ring;
    private readonly ITimer _timer;
    private long _signIns;
    private long _messages;
    private int _next;
    private int _count;
    private Sample _last;

    /// <summary>Starts listening and sampling.</summary>
    public MetricsHistory(TimeProvider time, TimeSpan interval)
    {
        _time = time;
        _interval = interval <= TimeSpan.Zero ? TimeSpan.FromSeconds(10) : interval;
        _ring = new Sample[Math.Max(2, (int)(TimeSpan.FromHours(1) / _interval))];
        _last = new Sample(time.GetUtcNow(), 0, 0);
        // Matched by name: the instruments may be published while ServerMetrics' fields are still being set.
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ServerMetrics.MeterName && instrument.Name is SignInsName or MessagesName or ErrorsName)
            {
                listener.EnableMeasurementEvents(instrument, instrument.Name);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
        _timer = time.CreateTimer(static s => ((MetricsHistory)s!).TakeSample(), this, _interval, _interval);
    }

    /// <summary>Sign-ins since the console started.</summary>
    public long SignIns => Interlocked.Read(ref _signIns);

    /// <summary>Messages relayed since the console started.</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Error replies by code since the console started, most frequent first.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> ErrorsByCode =>
        [.. _errorsByCode.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)];

    /// <summary>The seconds between samples.</summary>
    public double IntervalSeconds => _interval.TotalSeconds;

    /// <summary>Per-second rates over the last hour, oldest first: (time, sign-ins/s, messages/s).</summary>
    public IReadOnlyList<RatePoint> Rates()
    {
        lock (_ring)
        {
            var points = new List<RatePoint>(_count);
            int start = (_next - _count + _ring.Length) % _ring.Length;
            for (int i = 0; i < _count; i++)
            {
                var s = _ring[(start + i) % _ring.Length];
                points.Add(new RatePoint(s.At, s.SignIns / _interval.TotalSeconds, s.Messages / _interval.TotalSeconds));
            }

            return points;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _timer.Dispose();
        _listener.Dispose();
    }

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (state is MessagesName)
        {
            Interlocked.Add(ref _messages, value);
        }
        else if (state is SignInsName)
        {
            Interlocked.Add(ref _signIns, value);
        }
        else
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "code" && tag.Value is string code)
                {
                    _errorsByCode.AddOrUpdate(code, value, (_, old) => old + value);
                }
            }
        }
    }

    private void TakeSample()
    {
        var now = new Sample(_time.GetUtcNow(), SignIns, Messages);
        lock (_ring)
        {
            _ring[_next] = new Sample(now.At, now.SignIns - _last.SignIns, now.Messages - _last.Messages);
            _next = (_next + 1) % _ring.Length;
            _count = Math.Min(_count + 1, _ring.Length);
            _last = now;
        }
    }

    private readonly record struct Sample(DateTimeOffset At, long SignIns, long Messages);
}

/// <summary>One point of the overview's charts.</summary>
public readonly record struct RatePoint(DateTimeOffset At, double SignInsPerSecond, double MessagesPerSecond);
