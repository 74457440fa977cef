using System;

namespace NetCompiler.Benchmarks.Implementations.Handwritten.Scalar;

/// <summary>The hand-written network in plain scalar loops over float arrays.</summary>
public sealed class ScalarNetwork : LayeredNetwork
{
    public ScalarNetwork(NetworkSpec spec)
        : base(new ScalarLayerFactory().CreateLayers(spec))
    {
    }

    protected override float CrossEntropyDelta(ReadOnlySpan<float> p, ReadOnlySpan<float> target, Span<float> delta)
    {
        float loss = 0;
        for (int i = 0; i < p.Length; i++)
        {
            if (target[i] != 0)
            {
                loss -= target[i] * MathF.Log(MathF.Max(p[i], float.Epsilon));
            }

            delta[i] = p[i] - target[i];
        }

        return loss;
    }

    protected override void Descend(Span<float> parameters, Span<float> gradients, float scale)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] -= scale * gradients[i];
            gradients[i] = 0;
        }
    }

    private sealed class ScalarLayerFactory : LayerFactory
    {
        protected override Layer Dense(int inputs, int units, Activation activation) => new ScalarDense(inputs, units, activation);

        protected override Layer Conv2D(TensorShape input, TensorShape output, int kernelSize, int stride, int padding, Activation activation) =>
            new ScalarConv2D(input, output, kernelSize, stride, padding, activation);
    }
}
