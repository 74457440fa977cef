using System;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;

namespace NetCompiler.Benchmarks.Reporting;

/// <summary>
/// The job and columns of every run. The machine is shared with builds (load averages above 20
/// on 2 cores are common), so the job takes many very short iterations, and the columns that read a
/// result against a limit or against TensorPrimitives use the minimum — the iteration least
/// disturbed by other processes — rather than the mean, which mostly measures the load.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        Add(DefaultConfig.Instance);

        // BenchmarkDotNet builds its own copy of the project; on a loaded machine that takes
        // longer than its default 2 minutes.
        WithBuildTimeout(TimeSpan.FromMinutes(15));

        // Many 1 ms iterations: on a loaded machine a time slice lasts a few ms, so many of them
        // run undisturbed and the minimum finds them. Three launches: a whole process can run
        // slower (measured: the small networks' one-example calls 5-10 % slower, or 7-10 ns, from
        // start to end, with the same buffer addresses), which no minimum within one process sees
        // past, so the minimum is over three. Tiered compilation off: under that load the
        // background tier-1 compiler is starved for longer than any warmup, and some benchmarks
        // were measured on tier-0 code; fully optimised code from the first call (without dynamic
        // PGO, so interface calls are not devirtualised) is the same for every implementation.
        AddJob(NoisyJob.WithId("Noisy").WithEnvironmentVariable("DOTNET_TieredCompilation", "0"));

        AddColumn(StatisticColumn.Min, StatisticColumn.Median);
        AddColumn(WorkColumn.TimesTensorPrimitives, WorkColumn.Bound, WorkColumn.TimesBound, WorkColumn.Gflops);
        WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared, MethodOrderPolicy.Declared));
    }

    /// <summary>Many 1 ms iterations in three processes: the run settings above, before the runtime's.</summary>
    public static Job NoisyJob { get; } = Job.Default
        .WithLaunchCount(3)
        .WithWarmupCount(30)
        .WithIterationCount(60)
        .WithIterationTime(TimeInterval.FromMilliseconds(1));
}
