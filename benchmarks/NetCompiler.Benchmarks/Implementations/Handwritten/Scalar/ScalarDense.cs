using System;

namespace NetCompiler.Benchmarks.Implementations.Handwritten.Scalar;

/// <summary>A fully connected layer in nested loops: z = W x + b, y = f(z).</summary>
public sealed class ScalarDense : Layer
{
    private readonly Activation _activation;
    private readonly float[] _delta;

    public ScalarDense(int inputs, int units, Activation activation)
        : base(inputs, units, weightCount: units * inputs, biasCount: units)
    {
        _activation = activation;
        _delta = new float[units];
    }

    public override void Forward(ReadOnlySpan<float> x, Span<float> y)
    {
        float[] w = Weights;
        int inputs = InputSize;
        for (int j = 0; j < OutputSize; j++)
        {
            float z = Biases[j];
            for (int i = 0; i < inputs; i++)
            {
                z += w[j * inputs + i] * x[i];
            }

            y[j] = ScalarActivation.Apply(_activation, z);
        }

        if (_activation == Activation.Softmax)
        {
            ScalarActivation.SoftmaxInPlace(y);
        }
    }

    public override void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        float[] w = Weights;
        float[] gw = WeightGradients;
        int inputs = InputSize;
        for (int j = 0; j < OutputSize; j++)
        {
            float delta = dy[j] * ScalarActivation.Derivative(_activation, y[j]);
            _delta[j] = delta;
            BiasGradients[j] += delta;
            for (int i = 0; i < inputs; i++)
            {
                gw[j * inputs + i] += delta * x[i];
            }
        }

        if (dx.IsEmpty)
        {
            return;
        }

        for (int i = 0; i < inputs; i++)
        {
            float sum = 0;
            for (int j = 0; j < OutputSize; j++)
            {
                sum += w[j * inputs + i] * _delta[j];
            }

            dx[i] = sum;
        }
    }
}
