using System;
using NetCompiler.Benchmarks.Implementations;
using NetCompiler.Benchmarks.Implementations.Handwritten.Scalar;
using NetCompiler.Benchmarks.Implementations.Handwritten.Tensor;

namespace NetCompiler.Benchmarks.Workloads;

/// <summary>
/// One benchmarked network: its layers (the generated class's <see cref="NetworkSpec"/>, the one
/// source every implementation is built from), the weights every implementation starts from,
/// the examples it is timed on, and its lower-bound work.
/// </summary>
public sealed class Workload
{
    private readonly Func<IBenchmarkedNetwork> _createGenerated;

    private Workload(string id, string description, NetworkSpec spec, Func<IBenchmarkedNetwork> createGenerated)
    {
        Id = id;
        Description = description;
        Spec = spec;
        _createGenerated = createGenerated;
        Parameters = SampleData.Parameters(spec);
        Data = new SampleData(spec);
        Work = new FlopCount(spec);
    }

    public string Id { get; }

    public string Description { get; }

    public NetworkSpec Spec { get; }

    /// <summary>The starting weights: the generator's seeded initialisation, biases set to small random values so they are checked too.</summary>
    public ReadOnlyMemory<float> Parameters { get; }

    public SampleData Data { get; }

    public FlopCount Work { get; }

    public static Workload Of<TNetwork>(string id, string description)
        where TNetwork : class, IGeneratedBenchmark, new() =>
        new(id, description, TNetwork.Spec, () => new TNetwork());

    /// <summary>A fresh instance of one implementation, loaded with <see cref="Parameters"/>.</summary>
    public IBenchmarkedNetwork Create(Implementation implementation)
    {
        IBenchmarkedNetwork network = implementation switch
        {
            Implementation.Generated => _createGenerated(),
            Implementation.Interpreter => new InterpretedNetwork(Spec, SampleData.BatchSize),
            Implementation.Scalar => new ScalarNetwork(Spec),
            Implementation.TensorPrimitives => new TensorNetwork(Spec),
            _ => throw new ArgumentOutOfRangeException(nameof(implementation)),
        };
        network.LoadParameters(Parameters.Span);
        return network;
    }

    /// <summary>The id, which is what BenchmarkDotNet shows in the Workload column.</summary>
    public override string ToString() => Id;
}
