using System;
using System.Numerics.Tensors;

namespace NetCompiler.Benchmarks.Implementations.Handwritten.Tensor;

/// <summary>A fully connected layer: a <see cref="TensorPrimitives.Dot"/> per unit forward, a <see cref="TensorPrimitives.MultiplyAdd(ReadOnlySpan{float}, float, ReadOnlySpan{float}, Span{float})"/> per unit backward.</summary>
public sealed class TensorDense : Layer
{
    private readonly Activation _activation;
    private readonly float[] _delta;

    public TensorDense(int inputs, int units, Activation activation)
        : base(inputs, units, weightCount: units * inputs, biasCount: units)
    {
        _activation = activation;
        _delta = new float[units];
    }

    public override void Forward(ReadOnlySpan<float> x, Span<float> y)
    {
        ReadOnlySpan<float> w = Weights;
        int inputs = InputSize;
        for (int j = 0; j < y.Length; j++)
        {
            y[j] = TensorPrimitives.Dot(w.Slice(j * inputs, inputs), x);
        }

        TensorPrimitives.Add(y, Biases, y);
        TensorActivation.ApplyInPlace(_activation, y);
    }

    public override void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        Span<float> delta = _delta;
        TensorActivation.Derivative(_activation, y, dy, delta);
        TensorPrimitives.Add(BiasGradients, delta, BiasGradients);

        // ΔW += δ xᵀ, one row per unit.
        Span<float> gw = WeightGradients;
        int inputs = InputSize;
        for (int j = 0; j < delta.Length; j++)
        {
            Span<float> row = gw.Slice(j * inputs, inputs);
            TensorPrimitives.MultiplyAdd(x, delta[j], row, row);
        }

        if (dx.IsEmpty)
        {
            return;
        }

        // ∂J/∂x = Wᵀ δ, accumulated row by row.
        ReadOnlySpan<float> w = Weights;
        dx.Clear();
        for (int j = 0; j < delta.Length; j++)
        {
            TensorPrimitives.MultiplyAdd(w.Slice(j * inputs, inputs), delta[j], dx, dx);
        }
    }
}
