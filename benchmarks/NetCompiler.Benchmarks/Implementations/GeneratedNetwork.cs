using System;

namespace NetCompiler.Benchmarks.Implementations;

/// <summary>Adapts a generated network to <see cref="IBenchmarkedNetwork"/>; every call forwards to the generated member.</summary>
/// <typeparam name="TNetwork">A class the generator compiled.</typeparam>
public sealed class GeneratedNetwork<TNetwork> : IBenchmarkedNetwork
    where TNetwork : class, INetwork<float>, new()
{
    private readonly TNetwork _network = new();

    public void LoadParameters(ReadOnlySpan<float> parameters) => parameters.CopyTo(_network.Parameters);

    public void StoreParameters(Span<float> parameters) => _network.Parameters.CopyTo(parameters);

    public void Forward(ReadOnlySpan<float> input, Span<float> output) => _network.Forward(input, output);

    public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs, int count) => _network.Forward(inputs, outputs, count);

    public float Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> target) => _network.Backward(input, target);

    public float Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count) => _network.Backward(inputs, targets, count);

    public void Step(float learningRate) => _network.Step(learningRate);
}
