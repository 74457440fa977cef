using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Running;
using NetCompiler.Benchmarks.Checking;
using NetCompiler.Benchmarks.Driving;
using NetCompiler.Benchmarks.Implementations;
using NetCompiler.Benchmarks.Peak;
using NetCompiler.Benchmarks.Reporting;
using NetCompiler.Benchmarks.Workloads;

namespace NetCompiler.Benchmarks;

/// <summary>
/// <c>--check</c>: compare every implementation with the interpreter and exit (1 on a mismatch).
/// <c>--bounds</c>: measure the FMA peak and the L2 read rate and print each workload's FLOPs and lower bound.
/// Anything else goes to BenchmarkDotNet (e.g. <c>--filter '*' --job short</c>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Contains("--check"))
        {
            return Check();
        }

        if (args.Contains("--bounds"))
        {
            PrintBounds();
            return 0;
        }

        Console.WriteLine("// Processor: " + ProcessorIdentity.Describe());
        Console.WriteLine(FmaKernel.IsSupported
            ? string.Format(CultureInfo.InvariantCulture, "// FMA peak for the Bound columns: {0:F1} GFLOP/s (stopwatch, best of 40)", MachinePeak.Gflops)
            : "// FMA peak: not measured, this CPU has no x86 FMA3; the Bound, ×Bound and GFLOP/s columns are left empty");
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "// L2 read rate, for reading the run against the machine's state: {0:F0} GB/s (stopwatch, best of 30)", CacheReadKernel.MeasureGBps()));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new BenchmarkConfig());
        return 0;
    }

    private static int Check()
    {
        Console.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "Each implementation against the reference interpreter (tolerances: outputs {0:E0} absolute, loss {1:E0} relative, updates {2:E0} of the largest update):",
            EquivalenceCheck.OutputTolerance,
            EquivalenceCheck.LossTolerance,
            EquivalenceCheck.UpdateTolerance));
        bool failed = false;
        foreach (Workload workload in WorkloadCatalog.All)
        {
            foreach (Implementation implementation in Enum.GetValues<Implementation>())
            {
                CheckResult result = EquivalenceCheck.Check(workload, implementation);
                Console.WriteLine(result);
                failed |= result.Status != CheckStatus.Passed;
            }
        }

        return failed ? 1 : 0;
    }

    private static void PrintBounds()
    {
        double peak = MachinePeak.Gflops;
        Console.WriteLine("Processor: " + ProcessorIdentity.Describe());
        Console.WriteLine(FmaKernel.IsSupported
            ? string.Format(CultureInfo.InvariantCulture, "Single-core Vector256 FMA peak: {0:F1} GFLOP/s ({1} independent chains, best of 40 stopwatch runs)", peak, FmaKernel.Chains)
            : "Single-core Vector256 FMA peak: not measured, this CPU has no x86 FMA3 (the lower bounds below are NaN)");
        if (System.Runtime.Intrinsics.X86.Avx512F.IsSupported)
        {
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "For reference, Vector512: {0:F1} GFLOP/s (the bounds below use the Vector256 peak)", FmaKernel.MeasureGflops(vector512: true)));
        }
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "L2 read rate: {0:F0} GB/s (Vector256 loads over {1} KiB, best of 30 stopwatch runs)", CacheReadKernel.MeasureGBps(), CacheReadKernel.L2BufferBytes / 1024));
        Console.WriteLine();
        Console.WriteLine("| workload | parameters | forward MACs | mode | lower-bound FLOPs per example | lower bound [ns] |");
        Console.WriteLine("| --- | ---: | ---: | --- | ---: | ---: |");
        foreach (Workload workload in WorkloadCatalog.All)
        {
            foreach (Mode mode in Enum.GetValues<Mode>())
            {
                double flops = workload.Work.Flops(mode);
                Console.WriteLine(string.Format(
                    CultureInfo.InvariantCulture,
                    "| {0} | {1} | {2} | {3} | {4:F0} | {5:F1} |",
                    workload.Id,
                    workload.Work.Parameters,
                    workload.Work.ForwardMacs,
                    mode,
                    flops,
                    MachinePeak.LowerBoundNanoseconds(flops)));
            }
        }
    }
}
