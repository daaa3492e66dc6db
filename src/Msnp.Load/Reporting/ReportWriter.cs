using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Msnp.Load.Reporting;

/// <summary>Renders a <see cref="LoadReport"/> as text for people or JSON for scripts.</summary>
public static class ReportWriter
{
    /// <summary>A few aligned lines.</summary>
    public static string ToText(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"msnp load {report.Scenario}: {string.Join(", ", report.Settings.Select(s => $"{s.Key}={s.Value}"))}\n");
        text.Append(c, $"  {report.OperationName,-12} {report.Operations,12:N0} in {report.Seconds:F2} s = {report.OperationsPerSecond:N0}/s\n");
        if (report.Sent > 0 || report.Delivered > 0)
        {
            text.Append(c, $"  sent         {report.Sent,12:N0}   delivered {report.Delivered:N0}   lost {report.Lost:N0}   reordered {report.Reordered:N0}   duplicates {report.Duplicates:N0}\n");
        }

        if (report.Bytes > 0)
        {
            text.Append(c, $"  payload      {report.BytesPerSecond / (1024 * 1024),12:F1} MiB/s\n");
        }

        var l = report.Latency;
        text.Append(c, $"  latency      p50 {Ms(l.P50)}   p99 {Ms(l.P99)}   p99.9 {Ms(l.P999)}   max {Ms(l.Max)}   ({l.Count:N0} samples)\n");
        if (report.Memory is { } m)
        {
            var managed = m.ManagedPerConnection is { } perConnection ? string.Create(c, $"{perConnection:N0} B/connection managed, ") : "";
            text.Append(c, $"  memory       {m.ResidentTotalBytes / (1024.0 * 1024.0),12:F1} MiB resident in total; {managed}{m.ResidentPerConnection:N0} B/connection resident ({m.Measured}, {m.Connections:N0} connections)\n");
        }

        foreach (var (key, value) in report.Details)
        {
            text.Append(c, $"  {key,-12} {value}\n");
        }

        var r = report.Runtime;
        if (r != default)
        {
            var sides = report.ServerInProcess ? "server and load side" : "load side only";
            text.Append(c, $"  allocated    {report.AllocatedBytesPerOperation,12:N0} B/op ({sides})   GCs gen0 {r.Gen0:N0}  gen1 {r.Gen1:N0}  gen2 {r.Gen2:N0}\n");
            if (r.CpuTime > TimeSpan.Zero)
            {
                text.Append(c, $"  cpu          {report.CpuMicrosecondsPerOperation,12:N1} µs/op (this process, {sides}: user and system, every thread)\n");
            }
        }

        if (report.Ceiling is { } ceiling)
        {
            text.Append(c, $"  ceiling      {ceiling.Operations,12:N0} in {ceiling.Seconds:F2} s = {ceiling.OperationsPerSecond:N0}/s (trivial forwarder, same settings)\n");
            text.Append(c, $"  ceiling sent {ceiling.Sent,12:N0}   delivered {ceiling.Delivered:N0}   lost {ceiling.Lost:N0}   reordered {ceiling.Reordered:N0}   duplicates {ceiling.Duplicates:N0}   errors {ceiling.Errors:N0}   {(ceiling.Consistent ? "consistent" : "INCONSISTENT")}\n");
            text.Append(c, $"  ratio        {report.CeilingRatio ?? 0,12:F3} of the ceiling\n");
        }

        if (report.LoadAverage is { } load)
        {
            text.Append(c, $"  load average {load.Start,12:F2} at the start, {load.End:F2} at the end (1 minute)\n");
        }

        text.Append(c, $"  errors       {report.Errors,12:N0}   {(report.Consistent ? "consistent" : "INCONSISTENT")}\n");
        if (report.FirstError is { } first)
        {
            text.Append(c, $"  first error  {first}\n");
        }

        return text.ToString();

        static string Ms(double microseconds) => (microseconds / 1000).ToString("F3", CultureInfo.InvariantCulture) + " ms";
    }

    /// <summary>One JSON object; latencies in microseconds.</summary>
    public static string ToJson(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("scenario", report.Scenario);
            json.WriteStartObject("settings");
            foreach (var (key, value) in report.Settings)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteString("operation", report.OperationName);
            json.WriteNumber("seconds", report.Seconds);
            json.WriteNumber("operations", report.Operations);
            json.WriteNumber("operationsPerSecond", report.OperationsPerSecond);
            json.WriteNumber("sent", report.Sent);
            json.WriteNumber("delivered", report.Delivered);
            json.WriteNumber("lost", report.Lost);
            json.WriteNumber("reordered", report.Reordered);
            json.WriteNumber("duplicates", report.Duplicates);
            json.WriteNumber("bytes", report.Bytes);
            json.WriteNumber("bytesPerSecond", report.BytesPerSecond);
            json.WriteNumber("errors", report.Errors);
            json.WriteBoolean("consistent", report.Consistent);
            json.WriteBoolean("serverInProcess", report.ServerInProcess);
            json.WriteNumber("allocatedBytes", report.Runtime.AllocatedBytes);
            json.WriteNumber("allocatedBytesPerOperation", report.AllocatedBytesPerOperation);
            json.WriteNumber("cpuMicrosecondsPerOperation", report.CpuMicrosecondsPerOperation);
            json.WriteStartObject("collections");
            json.WriteNumber("gen0", report.Runtime.Gen0);
            json.WriteNumber("gen1", report.Runtime.Gen1);
            json.WriteNumber("gen2", report.Runtime.Gen2);
            json.WriteEndObject();
            if (report.Memory is { } m)
            {
                json.WriteStartObject("memory");
                json.WriteNumber("connections", m.Connections);
                json.WriteString("measured", m.Measured);
                if (m.ManagedBytes is { } managed)
                {
                    json.WriteNumber("managedBytes", managed);
                    json.WriteNumber("managedBytesPerConnection", m.ManagedPerConnection!.Value);
                }

                json.WriteNumber("residentBytes", m.ResidentBytes);
                json.WriteNumber("residentTotalBytes", m.ResidentTotalBytes);
                json.WriteNumber("residentBytesPerConnection", m.ResidentPerConnection);
                json.WriteEndObject();
            }

            json.WriteStartObject("details");
            foreach (var (key, value) in report.Details)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();

            WriteLatency(json, report.Latency);
            if (report.Ceiling is { } ceiling)
            {
                json.WriteStartObject("ceiling");
                json.WriteString("target", "trivial forwarder");
                json.WriteNumber("seconds", ceiling.Seconds);
                json.WriteNumber("operations", ceiling.Operations);
                json.WriteNumber("operationsPerSecond", ceiling.OperationsPerSecond);
                json.WriteNumber("sent", ceiling.Sent);
                json.WriteNumber("delivered", ceiling.Delivered);
                json.WriteNumber("lost", ceiling.Lost);
                json.WriteNumber("reordered", ceiling.Reordered);
                json.WriteNumber("duplicates", ceiling.Duplicates);
                json.WriteNumber("errors", ceiling.Errors);
                json.WriteBoolean("consistent", ceiling.Consistent);
                WriteLatency(json, ceiling.Latency);
                json.WriteEndObject();
                json.WriteNumber("ratioToCeiling", report.CeilingRatio ?? 0);
            }

            if (report.LoadAverage is { } load)
            {
                json.WriteStartObject("loadAverage");
                json.WriteNumber("start", load.Start);
                json.WriteNumber("end", load.End);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteLatency(Utf8JsonWriter json, Metrics.LatencySummary latency)
    {
        json.WriteStartObject("latencyMicroseconds");
        json.WriteNumber("count", latency.Count);
        json.WriteNumber("p50", latency.P50);
        json.WriteNumber("p99", latency.P99);
        json.WriteNumber("p999", latency.P999);
        json.WriteNumber("max", latency.Max);
        json.WriteEndObject();
    }
}
