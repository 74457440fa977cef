using System;

namespace NetCompiler.Benchmarks.Implementations.Handwritten.Scalar;

/// <summary>The activations and their derivatives, one value at a time.</summary>
internal static class ScalarActivation
{
    public static float Apply(Activation activation, float z) => activation switch
    {
        Activation.Tanh => MathF.Tanh(z),
        Activation.ReLU => MathF.Max(z, 0),
        _ => z, // Identity; Softmax is applied to the whole layer afterwards
    };

    /// <summary>f′ from the output y = f(z); 1 for softmax, whose dy is already ∂J/∂z.</summary>
    public static float Derivative(Activation activation, float y) => activation switch
    {
        Activation.Tanh => 1 - y * y,
        Activation.ReLU => y > 0 ? 1 : 0,
        _ => 1,
    };

    /// <summary>y := softmax(y), with the maximum subtracted first.</summary>
    public static void SoftmaxInPlace(Span<float> y)
    {
        float max = y[0];
        for (int i = 1; i < y.Length; i++)
        {
            max = MathF.Max(max, y[i]);
        }

        float sum = 0;
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = MathF.Exp(y[i] - max);
            sum += y[i];
        }

        for (int i = 0; i < y.Length; i++)
        {
            y[i] /= sum;
        }
    }
}
