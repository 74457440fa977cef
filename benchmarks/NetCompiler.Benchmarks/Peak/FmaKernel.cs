using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetCompiler.Benchmarks.Peak;

/// <summary>
/// This core's floating-point ceiling: <see cref="Chains"/> independent chains of Vector256 fused
/// multiply-adds, enough to cover FMA latency × throughput (e.g. 4–5 cycles × 2 per cycle on Zen),
/// so the loop runs at the FMA units' full rate. One Vector256 FMA = 8 lanes × 2 = 16 FLOPs.
/// </summary>
public static class FmaKernel
{
    public const int Chains = 12;
    public const int FlopsPerFma = 16;

    /// <summary>Whether this CPU has the FMA3 instructions <see cref="Run"/> measures.</summary>
    public static bool IsSupported => Fma.IsSupported;

    /// <summary>Runs <paramref name="iterations"/> × <see cref="Chains"/> FMAs; returns their sum so none can be dropped.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float Run(long iterations)
    {
        if (!IsSupported)
        {
            throw new PlatformNotSupportedException("This processor has no FMA3; the peak micro-benchmark needs it.");
        }

        // x := x·m + c converges to c/(1−m) and stays finite however long it runs.
        Vector256<float> m = Vector256.Create(0.999f);
        Vector256<float> c = Vector256.Create(0.001f);
        Vector256<float> a0 = Vector256.Create(0.10f), a1 = Vector256.Create(0.11f), a2 = Vector256.Create(0.12f);
        Vector256<float> a3 = Vector256.Create(0.13f), a4 = Vector256.Create(0.14f), a5 = Vector256.Create(0.15f);
        Vector256<float> a6 = Vector256.Create(0.16f), a7 = Vector256.Create(0.17f), a8 = Vector256.Create(0.18f);
        Vector256<float> a9 = Vector256.Create(0.19f), a10 = Vector256.Create(0.20f), a11 = Vector256.Create(0.21f);
        for (long i = 0; i < iterations; i++)
        {
            a0 = Fma.MultiplyAdd(a0, m, c);
            a1 = Fma.MultiplyAdd(a1, m, c);
            a2 = Fma.MultiplyAdd(a2, m, c);
            a3 = Fma.MultiplyAdd(a3, m, c);
            a4 = Fma.MultiplyAdd(a4, m, c);
            a5 = Fma.MultiplyAdd(a5, m, c);
            a6 = Fma.MultiplyAdd(a6, m, c);
            a7 = Fma.MultiplyAdd(a7, m, c);
            a8 = Fma.MultiplyAdd(a8, m, c);
            a9 = Fma.MultiplyAdd(a9, m, c);
            a10 = Fma.MultiplyAdd(a10, m, c);
            a11 = Fma.MultiplyAdd(a11, m, c);
        }

        Vector256<float> sum = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11));
        return Vector256.Sum(sum);
    }

    /// <summary>
    /// The same with Vector512 (32 FLOPs per FMA), for reference: on a core with full-width
    /// AVX-512 units this ceiling is twice the Vector256 one. The bounds use the Vector256 peak.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float Run512(long iterations)
    {
        if (!Avx512F.IsSupported)
        {
            throw new PlatformNotSupportedException("This processor has no AVX-512F.");
        }

        Vector512<float> m = Vector512.Create(0.999f);
        Vector512<float> c = Vector512.Create(0.001f);
        Vector512<float> a0 = Vector512.Create(0.10f), a1 = Vector512.Create(0.11f), a2 = Vector512.Create(0.12f);
        Vector512<float> a3 = Vector512.Create(0.13f), a4 = Vector512.Create(0.14f), a5 = Vector512.Create(0.15f);
        Vector512<float> a6 = Vector512.Create(0.16f), a7 = Vector512.Create(0.17f), a8 = Vector512.Create(0.18f);
        Vector512<float> a9 = Vector512.Create(0.19f), a10 = Vector512.Create(0.20f), a11 = Vector512.Create(0.21f);
        for (long i = 0; i < iterations; i++)
        {
            a0 = Avx512F.FusedMultiplyAdd(a0, m, c);
            a1 = Avx512F.FusedMultiplyAdd(a1, m, c);
            a2 = Avx512F.FusedMultiplyAdd(a2, m, c);
            a3 = Avx512F.FusedMultiplyAdd(a3, m, c);
            a4 = Avx512F.FusedMultiplyAdd(a4, m, c);
            a5 = Avx512F.FusedMultiplyAdd(a5, m, c);
            a6 = Avx512F.FusedMultiplyAdd(a6, m, c);
            a7 = Avx512F.FusedMultiplyAdd(a7, m, c);
            a8 = Avx512F.FusedMultiplyAdd(a8, m, c);
            a9 = Avx512F.FusedMultiplyAdd(a9, m, c);
            a10 = Avx512F.FusedMultiplyAdd(a10, m, c);
            a11 = Avx512F.FusedMultiplyAdd(a11, m, c);
        }

        Vector512<float> sum = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11));
        return Vector512.Sum(sum);
    }

    /// <summary>
    /// A quick measurement with a stopwatch, for the bound columns and <c>--bounds</c>: the best of
    /// many short runs, so that a busy machine's interruptions are left out.
    /// </summary>
    public static double MeasureGflops(bool vector512 = false, int runs = 40, long iterations = 500_000)
    {
        Func<long, float> run = vector512 ? Run512 : Run;
        run(iterations); // compiled and warm
        double best = double.MaxValue;
        for (int r = 0; r < runs; r++)
        {
            long start = Stopwatch.GetTimestamp();
            run(iterations);
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        return iterations * Chains * (double)(vector512 ? 2 * FlopsPerFma : FlopsPerFma) / best / 1e9;
    }
}
