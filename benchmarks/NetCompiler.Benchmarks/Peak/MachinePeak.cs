using System;

namespace NetCompiler.Benchmarks.Peak;

/// <summary>The FMA peak of this core, measured once per process when first asked for.</summary>
public static class MachinePeak
{
    private static readonly Lazy<double> s_gflops = new(() => FmaKernel.IsSupported ? FmaKernel.MeasureGflops() : double.NaN);

    /// <summary>
    /// Single-core Vector256 FMA peak in GFLOP/s (= FLOPs per ns); NaN where the CPU has no x86 FMA3
    /// (an ARM64 machine, or x64 without AVX2), where the bounds are not measured and the rest runs.
    /// </summary>
    public static double Gflops => s_gflops.Value;

    /// <summary>The time <paramref name="flops"/> take at peak, in ns.</summary>
    public static double LowerBoundNanoseconds(double flops) => flops / Gflops;
}
