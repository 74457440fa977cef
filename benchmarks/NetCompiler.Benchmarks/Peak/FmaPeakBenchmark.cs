using BenchmarkDotNet.Attributes;

namespace NetCompiler.Benchmarks.Peak;

/// <summary>
/// The FMA peak measured by BenchmarkDotNet. Mean is the time of one Vector256 FMA (16 FLOPs)
/// issued from <see cref="FmaKernel.Chains"/> independent chains; the GFLOP/s column is the peak.
/// Vector512Fma is the same with 512-bit vectors (32 FLOPs per FMA), for reference.
/// </summary>
[MemoryDiagnoser]
public class FmaPeakBenchmark
{
    public const long Iterations = 1_000_000;

    [Benchmark(OperationsPerInvoke = (int)Iterations * FmaKernel.Chains)]
    public float Vector256Fma() => FmaKernel.Run(Iterations);

    /// <summary>For reference: one Vector512 FMA (32 FLOPs).</summary>
    [Benchmark(OperationsPerInvoke = (int)Iterations * FmaKernel.Chains)]
    public float Vector512Fma() => FmaKernel.Run512(Iterations);
}
