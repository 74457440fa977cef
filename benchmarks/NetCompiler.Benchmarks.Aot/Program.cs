using BenchmarkDotNet.Running;

namespace NetCompiler.Benchmarks.Aot;

/// <summary>
/// The main suite's <see cref="NetworkBenchmarks"/> under <see cref="AotConfig"/>'s four jobs;
/// arguments go to BenchmarkDotNet (e.g. <c>--filter '*Generated*' '*TensorPrimitives*'</c>), and
/// <c>NC_WORKLOADS</c> picks the workloads as in the main suite.
/// </summary>
public static class Program
{
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromTypes(new[] { typeof(NetworkBenchmarks) }).Run(args, new AotConfig());
}
