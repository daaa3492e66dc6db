using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Msnp.Benchmarks.Traffic;

namespace Msnp.Benchmarks.Reporting;

/// <summary>
/// A column computed from a case's mean time per frame (nanoseconds) and its stream's mean frame
/// size, so the summary states frames/s and MB/s directly.
/// </summary>
public sealed class PerFrameColumn(string name, string legend, Func<double, double, double> compute) : IColumn
{
    /// <inheritdoc/>
    public string Id => nameof(PerFrameColumn) + "." + name;

    /// <inheritdoc/>
    public string ColumnName => name;

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 0;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => legend;

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (mean is not > 0 || benchmarkCase.Parameters["Stream"] is not TrafficDirection direction || benchmarkCase.Parameters["DistinctFrames"] is not int frames)
        {
            return "-";
        }

        return compute(mean.Value, TrafficStreams.Get(direction, frames).BytesPerFrame).ToString("N1", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
