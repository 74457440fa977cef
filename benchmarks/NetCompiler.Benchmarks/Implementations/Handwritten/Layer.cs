using System;

namespace NetCompiler.Benchmarks.Implementations.Handwritten;

/// <summary>
/// One layer of a hand-written network: its own weight and bias arrays (PyTorch layout), their
/// accumulated gradients, and the forward and backward passes for one example.
/// </summary>
public abstract class Layer
{
    protected Layer(int inputSize, int outputSize, int weightCount, int biasCount)
    {
        InputSize = inputSize;
        OutputSize = outputSize;
        Weights = new float[weightCount];
        Biases = new float[biasCount];
        WeightGradients = new float[weightCount];
        BiasGradients = new float[biasCount];
    }

    public int InputSize { get; }

    public int OutputSize { get; }

    public float[] Weights { get; }

    public float[] Biases { get; }

    public float[] WeightGradients { get; }

    public float[] BiasGradients { get; }

    /// <summary>y = f(layer(x)).</summary>
    public abstract void Forward(ReadOnlySpan<float> x, Span<float> y);

    /// <summary>
    /// Given x and y of the last <see cref="Forward"/> and dy = ∂J/∂y (for a softmax layer: already
    /// ∂J/∂z, the fused p − t of cross-entropy), adds ∂J/∂W and ∂J/∂b to the gradients and writes
    /// ∂J/∂x into dx, unless dx is empty (the first layer).
    /// </summary>
    public abstract void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx);
}
