using System;

namespace NetCompiler.Benchmarks.Implementations;

/// <summary>
/// What the mode driver and the equality check need from every implementation of a workload:
/// the members of <see cref="INetwork{T}"/> that the benchmark modes call, in float32.
/// </summary>
public interface IBenchmarkedNetwork
{
    /// <summary>Every weight and bias in PyTorch layout (dense W [units, inputs] then b; conv W [filters, inChannels, k, k] then b).</summary>
    /// <remarks>Written once before timing, so every implementation starts from the same weights.</remarks>
    void LoadParameters(ReadOnlySpan<float> parameters);

    /// <summary>Copies the current parameters out, in the same layout.</summary>
    void StoreParameters(Span<float> parameters);

    void Forward(ReadOnlySpan<float> input, Span<float> output);

    void Forward(ReadOnlySpan<float> inputs, Span<float> outputs, int count);

    float Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> target);

    float Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count);

    /// <summary>Plain SGD on the accumulated examples: p := p − α (1/m) ∂J/∂p, then the gradients are cleared.</summary>
    void Step(float learningRate);
}
