using System;
using System.Numerics.Tensors;

namespace NetCompiler.Benchmarks.Implementations.Handwritten.Tensor;

/// <summary>The hand-written network on <see cref="TensorPrimitives"/>: every loop over a row or a layer is one vectorised call.</summary>
public sealed class TensorNetwork : LayeredNetwork
{
    private readonly float[] _logits;

    public TensorNetwork(NetworkSpec spec)
        : base(new TensorLayerFactory().CreateLayers(spec))
    {
        _logits = new float[spec.OutputSize];
    }

    protected override float CrossEntropyDelta(ReadOnlySpan<float> p, ReadOnlySpan<float> target, Span<float> delta)
    {
        // J = −Σ t log p (p floored at the smallest float so that log stays finite); ∂J/∂z = p − t.
        TensorPrimitives.Max(p, float.Epsilon, _logits);
        TensorPrimitives.Log(_logits, _logits);
        float loss = -TensorPrimitives.Dot(target, _logits);
        TensorPrimitives.Subtract(p, target, delta);
        return loss;
    }

    protected override void Descend(Span<float> parameters, Span<float> gradients, float scale)
    {
        TensorPrimitives.MultiplyAdd(gradients, -scale, parameters, parameters);
        gradients.Clear();
    }

    private sealed class TensorLayerFactory : LayerFactory
    {
        protected override Layer Dense(int inputs, int units, Activation activation) => new TensorDense(inputs, units, activation);

        protected override Layer Conv2D(TensorShape input, TensorShape output, int kernelSize, int stride, int padding, Activation activation) =>
            new TensorConv2D(input, output, kernelSize, stride, padding, activation);
    }
}
