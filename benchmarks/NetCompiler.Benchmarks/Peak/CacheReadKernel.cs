using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetCompiler.Benchmarks.Peak;

/// <summary>
/// How fast this core reads from its L2 cache: Vector256 loads over a buffer too large for L1 and
/// small enough for L2, added into eight independent sums so that no load waits for an addition.
/// W3's and W4's one-example passes read every weight once per example from L2, so their time
/// follows this rate as much as the FMA peak; it is printed beside the peak so that a run can be
/// read against the memory side of the core it ran on as well as its arithmetic (a Zen 4 and a
/// Zen 5 core of this kind of machine have the same 256-bit FMA peak).
/// </summary>
public static class CacheReadKernel
{
    /// <summary>512 KiB: half of a 1 MiB L2, sixteen times a 32 KiB L1.</summary>
    public const int L2BufferBytes = 512 * 1024;

    private const int FloatsPerPass = 64;

    /// <summary>Reads <paramref name="length"/> floats from <paramref name="start"/> (a multiple of 64), <paramref name="passes"/> times; returns their sum so no load can be dropped.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float Run(ref float start, int length, int passes)
    {
        Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
        Vector256<float> s4 = default, s5 = default, s6 = default, s7 = default;
        for (int pass = 0; pass < passes; pass++)
        {
            for (nuint i = 0; i < (nuint)length; i += FloatsPerPass)
            {
                s0 += Vector256.LoadUnsafe(ref start, i);
                s1 += Vector256.LoadUnsafe(ref start, i + 8);
                s2 += Vector256.LoadUnsafe(ref start, i + 16);
                s3 += Vector256.LoadUnsafe(ref start, i + 24);
                s4 += Vector256.LoadUnsafe(ref start, i + 32);
                s5 += Vector256.LoadUnsafe(ref start, i + 40);
                s6 += Vector256.LoadUnsafe(ref start, i + 48);
                s7 += Vector256.LoadUnsafe(ref start, i + 56);
            }
        }

        return Vector256.Sum(((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)));
    }

    /// <summary>
    /// The read rate in GB/s over a cache-line-aligned buffer of <paramref name="bufferBytes"/>,
    /// 64 MiB read per run, the best of <paramref name="runs"/> stopwatch runs.
    /// </summary>
    public static double MeasureGBps(int bufferBytes = L2BufferBytes, int runs = 30)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferBytes, FloatsPerPass * sizeof(float));
        int length = bufferBytes / sizeof(float) / FloatsPerPass * FloatsPerPass;
        int passes = Math.Max(1, (64 << 20) / (length * sizeof(float)));
        var buffer = new AlignedBuffer<float>(length);
        buffer.Span.Fill(1f);
        Run(ref buffer.Origin, length, passes); // compiled, and the buffer in the cache
        double best = double.MaxValue;
        for (int r = 0; r < runs; r++)
        {
            long start = Stopwatch.GetTimestamp();
            Run(ref buffer.Origin, length, passes);
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        return (double)passes * length * sizeof(float) / best / 1e9;
    }
}
