using System;

namespace NetCompiler.Benchmarks.Implementations;

/// <summary>
/// A generated network that is itself an <see cref="IBenchmarkedNetwork"/>, so the mode driver
/// reaches it with one interface call, as it reaches the hand-written implementations.
/// </summary>
/// <remarks>
/// <c>Forward</c> and <c>Backward</c> bind to the generated class's public members, which have the
/// same signatures. The generated <c>Step</c> takes a weight decay as well, so each class bridges
/// <see cref="IBenchmarkedNetwork.Step"/> with a direct call (see <c>Workloads/BenchmarkedNetworks.cs</c>).
/// The parameter copies below are not timed: <see cref="INetwork{T}.Parameters"/> is already in
/// the layout of <see cref="IBenchmarkedNetwork.LoadParameters"/>.
/// </remarks>
public interface IGeneratedBenchmark : IBenchmarkedNetwork, INetwork<float>
{
    void IBenchmarkedNetwork.LoadParameters(ReadOnlySpan<float> parameters) => parameters.CopyTo(Parameters);

    void IBenchmarkedNetwork.StoreParameters(Span<float> parameters) => Parameters.CopyTo(parameters);
}
