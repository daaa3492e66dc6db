using System.Diagnostics;
using System.Globalization;
using Msnp.Load.Metrics;
using Msnp.Load.Reporting;

namespace Msnp.Load.Scenarios;

/// <summary>Folds the senders' counts and the receivers' checks into a report.</summary>
internal static class PairRunResult
{
    public static LoadReport Build(
        string scenario, string operationName, IReadOnlyList<KeyValuePair<string, string>> settings,
        long started, RuntimeCounters runtime, long[] sent, MessageReceiver[] receivers, long operations, LatencySummary latency, long errors)
    {
        long delivered = 0, lost = 0, reordered = 0, duplicates = 0, bytes = 0, foreign = 0;
        var ended = started;
        for (var i = 0; i < receivers.Length; i++)
        {
            var r = receivers[i];
            delivered += r.Checker.Received;
            lost += r.Checker.Lost(sent[i]);
            reordered += r.Checker.Reordered;
            duplicates += r.Checker.Duplicates;
            bytes += r.Bytes;
            foreign += r.Foreign;
            ended = Math.Max(ended, r.Finished ? r.FinishedAt : Stopwatch.GetTimestamp());
            if (!r.Finished)
            {
                errors++;
            }
        }

        return new LoadReport
        {
            Scenario = scenario,
            Settings = settings,
            OperationName = operationName,
            Seconds = Stopwatch.GetElapsedTime(started, ended).TotalSeconds,
            Operations = operations < 0 ? delivered : operations,
            Errors = errors + foreign,
            Sent = sent.Sum(),
            Delivered = delivered,
            Lost = lost,
            Reordered = reordered,
            Duplicates = duplicates,
            Bytes = bytes,
            Latency = latency,
            Runtime = runtime,
        };
    }

    public static KeyValuePair<string, string> Setting(string key, object value) =>
        new(key, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
}
