using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using NetCompiler.Benchmarks.Driving;
using NetCompiler.Benchmarks.Peak;
using NetCompiler.Benchmarks.Workloads;

namespace NetCompiler.Benchmarks.Reporting;

/// <summary>
/// Columns that read each result against the physical limit: the lower-bound FLOPs of the case
/// (<see cref="FlopCount"/>) at this core's FMA peak (<see cref="MachinePeak"/>, measured in the
/// host process when the summary is printed). Every ratio uses the minimum over the iterations
/// (see <see cref="BenchmarkConfig"/>).
/// </summary>
public sealed class WorkColumn : IColumn
{
    private readonly WorkColumnKind _kind;

    private WorkColumn(WorkColumnKind kind) => _kind = kind;

    /// <summary>Min ÷ the TensorPrimitives implementation's Min for the same workload, mode and job.</summary>
    public static IColumn TimesTensorPrimitives { get; } = new WorkColumn(WorkColumnKind.TimesTensorPrimitives);

    /// <summary>Lower bound, ns per example: FLOPs ÷ peak.</summary>
    public static IColumn Bound { get; } = new WorkColumn(WorkColumnKind.Bound);

    /// <summary>Mean ÷ lower bound: how many times the physical limit the measured time is.</summary>
    public static IColumn TimesBound { get; } = new WorkColumn(WorkColumnKind.TimesBound);

    /// <summary>Lower-bound FLOPs ÷ mean: the useful GFLOP/s achieved.</summary>
    public static IColumn Gflops { get; } = new WorkColumn(WorkColumnKind.Gflops);

    public string Id => "NetCompiler." + _kind;

    public string ColumnName => _kind switch
    {
        WorkColumnKind.Bound => "Bound [ns]",
        WorkColumnKind.TimesBound => "×Bound",
        WorkColumnKind.TimesTensorPrimitives => "×TP",
        _ => "GFLOP/s",
    };

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => (int)_kind;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => _kind switch
    {
        WorkColumnKind.Bound => "Lower-bound FLOPs per example ÷ this core's Vector256 FMA peak, in ns",
        WorkColumnKind.TimesBound => "Min ÷ Bound: how many times the FMA lower bound the fastest iteration is",
        WorkColumnKind.TimesTensorPrimitives => "Min ÷ TensorPrimitives' Min, same workload, mode and job (below 1: faster)",
        _ => "Lower-bound FLOPs per example ÷ Min (for the FMA benchmark: the peak itself)",
    };

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? min = Min(summary, benchmarkCase);
        if (_kind == WorkColumnKind.TimesTensorPrimitives)
        {
            BenchmarkCase? baseline = summary.BenchmarksCases.FirstOrDefault(other =>
                other.Descriptor.Type == benchmarkCase.Descriptor.Type
                && other.Descriptor.WorkloadMethod.Name == nameof(NetworkBenchmarks.TensorPrimitives)
                && other.Parameters.DisplayInfo == benchmarkCase.Parameters.DisplayInfo
                && other.Job.DisplayInfo == benchmarkCase.Job.DisplayInfo);
            double? baselineMin = baseline is null ? null : Min(summary, baseline);
            return min is null || baselineMin is null ? "-" : (min.Value / baselineMin.Value).ToString("F3", CultureInfo.InvariantCulture);
        }

        double? flops = Flops(benchmarkCase);
        if (flops is null || double.IsNaN(MachinePeak.Gflops))
        {
            return "-";
        }

        double bound = MachinePeak.LowerBoundNanoseconds(flops.Value);
        return _kind switch
        {
            WorkColumnKind.Bound => bound.ToString("G4", CultureInfo.InvariantCulture),
            WorkColumnKind.TimesBound => min is null ? "?" : (min.Value / bound).ToString("F2", CultureInfo.InvariantCulture),
            _ => min is null ? "?" : (flops.Value / min.Value).ToString("F2", CultureInfo.InvariantCulture),
        };
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;

    /// <summary>The fastest iteration's time per operation, in ns.</summary>
    private static double? Min(Summary summary, BenchmarkCase benchmarkCase) => summary[benchmarkCase]?.ResultStatistics?.Min;

    /// <summary>The lower-bound FLOPs of one operation of <paramref name="benchmarkCase"/>, or null if it has none.</summary>
    private static double? Flops(BenchmarkCase benchmarkCase)
    {
        if (benchmarkCase.Descriptor.Type == typeof(FmaPeakBenchmark))
        {
            return benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(FmaPeakBenchmark.Vector512Fma) ? 2 * FmaKernel.FlopsPerFma : FmaKernel.FlopsPerFma;
        }

        return benchmarkCase.Parameters["Workload"] is Workload workload && benchmarkCase.Parameters["Mode"] is Mode mode
            ? workload.Work.Flops(mode)
            : null;
    }

    private enum WorkColumnKind
    {
        TimesTensorPrimitives,
        Bound,
        TimesBound,
        Gflops,
    }
}
