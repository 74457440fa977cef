using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using NetCompiler.Benchmarks.Checking;
using NetCompiler.Benchmarks.Driving;
using NetCompiler.Benchmarks.Implementations;
using NetCompiler.Benchmarks.Workloads;

namespace NetCompiler.Benchmarks;

/// <summary>
/// Every workload × mode × implementation. Each benchmark runs its mode over the 32 examples and
/// reports the time per example (OperationsPerInvoke = 32). The ×TP column compares each with the
/// hand-written TensorPrimitives implementation of the same workload and mode.
/// Before timing, the implementation is checked against the reference interpreter; a mismatch
/// (or a layer it does not support) fails that benchmark and the run goes on.
/// </summary>
[MemoryDiagnoser]
public class NetworkBenchmarks
{
    private const int Examples = SampleData.BatchSize;

    private IBenchmarkedNetwork _network = null!;
    private ModeDriver _driver = null!;

    public static IEnumerable<Workload> Workloads => WorkloadCatalog.All;

    [ParamsSource(nameof(Workloads), Priority = -1)]
    public Workload Workload { get; set; } = null!;

    [Params(Mode.Infer1, Mode.Infer32, Mode.Train1, Mode.Train32)]
    public Mode Mode { get; set; }

    [GlobalSetup(Target = nameof(Generated))]
    public void SetupGenerated() => Setup(Implementation.Generated);

    [GlobalSetup(Target = nameof(Interpreter))]
    public void SetupInterpreter() => Setup(Implementation.Interpreter);

    [GlobalSetup(Target = nameof(Scalar))]
    public void SetupScalar() => Setup(Implementation.Scalar);

    [GlobalSetup(Target = nameof(TensorPrimitives))]
    public void SetupTensorPrimitives() => Setup(Implementation.TensorPrimitives);

    [Benchmark(OperationsPerInvoke = Examples)]
    public float Generated() => _driver.Run(_network, Mode);

    [Benchmark(OperationsPerInvoke = Examples)]
    public float Interpreter() => _driver.Run(_network, Mode);

    [Benchmark(OperationsPerInvoke = Examples)]
    public float Scalar() => _driver.Run(_network, Mode);

    [Benchmark(OperationsPerInvoke = Examples)]
    public float TensorPrimitives() => _driver.Run(_network, Mode);

    private void Setup(Implementation implementation)
    {
        CheckResult check = EquivalenceCheck.Check(Workload, implementation);
        Console.WriteLine("// Equality check: " + check);
        if (check.Status != CheckStatus.Passed)
        {
            throw new InvalidOperationException("Not timed, the outputs differ from the reference interpreter: " + check);
        }

        _network = Workload.Create(implementation);
        _driver = new ModeDriver(Workload);
    }
}
