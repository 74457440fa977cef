using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using NetCompiler.Benchmarks.Driving;
using NetCompiler.Benchmarks.Implementations;
using NetCompiler.Benchmarks.Workloads;

namespace NetCompiler.Benchmarks.Onnx;

/// <summary>
/// ONNX Runtime (one thread, IOBinding) against the generated code, inference modes only, on
/// the same weights and examples. Before timing, the two must agree (<see cref="OnnxCheck"/>).
/// </summary>
[MemoryDiagnoser]
public class OnnxBenchmarks
{
    private IBenchmarkedNetwork _network = null!;
    private ModeDriver _driver = null!;

    public static IEnumerable<Workload> Workloads => WorkloadCatalog.All;

    [ParamsSource(nameof(Workloads), Priority = -1)]
    public Workload Workload { get; set; } = null!;

    [Params(Mode.Infer1, Mode.Infer32)]
    public Mode Mode { get; set; }

    [GlobalSetup(Target = nameof(Generated))]
    public void SetupGenerated() => Setup(Workload.Create(Implementation.Generated));

    [GlobalSetup(Target = nameof(OnnxRuntime))]
    public void SetupOnnxRuntime() => Setup(new OnnxNetwork(Workload.Spec, Workload.Parameters.Span));

    [GlobalCleanup]
    public void Cleanup() => (_network as IDisposable)?.Dispose();

    [Benchmark(OperationsPerInvoke = SampleData.BatchSize)]
    public float Generated() => _driver.Run(_network, Mode);

    [Benchmark(OperationsPerInvoke = SampleData.BatchSize)]
    public float OnnxRuntime() => _driver.Run(_network, Mode);

    private void Setup(IBenchmarkedNetwork network)
    {
        double error = OnnxCheck.MaxOutputDifference(Workload);
        Console.WriteLine($"// ONNX Runtime vs generated, {Workload.Id}: largest output difference {error:E2}");
        if (!(error <= OnnxCheck.Tolerance))
        {
            throw new InvalidOperationException($"Not timed: ONNX Runtime and the generated code differ by {error:E2} on {Workload.Id}.");
        }

        _network = network;
        _driver = new ModeDriver(Workload);
    }
}
