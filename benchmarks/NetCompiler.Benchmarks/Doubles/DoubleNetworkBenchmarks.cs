using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using NetCompiler.Benchmarks.Driving;
using NetCompiler.Benchmarks.Workloads;

namespace NetCompiler.Benchmarks.Doubles;

/// <summary>
/// The generated code of double-precision networks, each mode over 32 examples, reported per example
/// (OperationsPerInvoke = 32), on the same inputs and one-hot targets as the float workloads. No
/// other implementation: the hand-written ones are float. Before timing, the network passes
/// <see cref="NetworkVerifier"/> (forward pass and gradients against the reference interpreter, the
/// gradients against finite differences), or that benchmark fails and the run goes on.
/// </summary>
[MemoryDiagnoser]
public class DoubleNetworkBenchmarks
{
    private const int Examples = SampleData.BatchSize;
    private const double LearningRate = SampleData.LearningRate;

    private INetwork<double> _network = null!;
    private double[] _inputs = [];
    private double[] _targets = [];
    private double[] _outputs = [];

    public static IEnumerable<DoubleWorkload> Networks => DoubleWorkload.All;

    [ParamsSource(nameof(Networks), Priority = -1)]
    public DoubleWorkload Network { get; set; } = null!;

    [Params(Mode.Infer1, Mode.Infer32, Mode.Train1, Mode.Train32)]
    public Mode Mode { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        VerificationReport report = Network.Verify();
        Console.WriteLine("// Verification: " + (report.Passed ? "passed" : report.ToString()));
        if (!report.Passed)
        {
            throw new InvalidOperationException("Not timed, the network failed verification: " + report);
        }

        var data = new SampleData(Network.Spec);
        _inputs = Array.ConvertAll(data.Inputs, value => (double)value);
        _targets = Array.ConvertAll(data.Targets, value => (double)value);
        _outputs = new double[Examples * data.OutputSize];
        _network = Network.Create();
    }

    /// <summary>Runs the mode once (32 examples); returns something that depends on all the work.</summary>
    [Benchmark(OperationsPerInvoke = Examples)]
    public double Generated()
    {
        int inputSize = Network.Spec.InputSize;
        int outputSize = Network.Spec.OutputSize;
        switch (Mode)
        {
            case Mode.Infer1:
                for (int n = 0; n < Examples; n++)
                {
                    _network.Forward(_inputs.AsSpan(n * inputSize, inputSize), _outputs.AsSpan(n * outputSize, outputSize));
                }

                return _outputs[^1];
            case Mode.Infer32:
                _network.Forward(_inputs, _outputs, Examples);
                return _outputs[^1];
            case Mode.Train1:
                double loss = 0;
                for (int n = 0; n < Examples; n++)
                {
                    loss += _network.Backward(_inputs.AsSpan(n * inputSize, inputSize), _targets.AsSpan(n * outputSize, outputSize));
                    _network.Step(LearningRate);
                }

                return loss;
            case Mode.Train32:
                double batchLoss = _network.Backward(_inputs, _targets, Examples);
                _network.Step(LearningRate);
                return batchLoss;
            default:
                throw new InvalidOperationException("Unknown mode " + Mode);
        }
    }
}
