using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace NetCompiler.Benchmarks.Implementations.Handwritten.Tensor;

/// <summary>The activations and their derivatives over whole layers.</summary>
internal static class TensorActivation
{
    /// <summary>y := f(y) in place (y holds z on entry).</summary>
    public static void ApplyInPlace(Activation activation, Span<float> y)
    {
        switch (activation)
        {
            case Activation.Tanh:
                TensorPrimitives.Tanh(y, y);
                break;
            case Activation.ReLU:
                TensorPrimitives.Max(y, 0f, y);
                break;
            case Activation.Softmax:
                // TensorPrimitives.SoftMax does not subtract the maximum (it returns NaN for
                // z = [1000, 999]), so the stable form is spelled out, as the generated code does.
                TensorPrimitives.Subtract(y, TensorPrimitives.Max(y), y);
                TensorPrimitives.Exp(y, y);
                TensorPrimitives.Divide(y, TensorPrimitives.Sum(y), y);
                break;
        }
    }

    /// <summary>δ := dy ⊙ f′, with f′ read from the output y; for softmax dy is already ∂J/∂z.</summary>
    public static void Derivative(Activation activation, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> delta)
    {
        switch (activation)
        {
            case Activation.Tanh:
                // (1 − y²) dy = dy − y (y dy)
                TensorPrimitives.Multiply(y, dy, delta);
                TensorPrimitives.Multiply(y, delta, delta);
                TensorPrimitives.Subtract(dy, delta, delta);
                break;
            case Activation.ReLU:
                ReluMask(y, dy, delta);
                break;
            default:
                dy.CopyTo(delta);
                break;
        }
    }

    /// <summary>δ = dy where y &gt; 0, else 0. TensorPrimitives has no select, so this one is a Vector&lt;float&gt; loop.</summary>
    private static void ReluMask(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> delta)
    {
        int i = 0;
        for (; i <= y.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var mask = Vector.GreaterThan(new Vector<float>(y[i..]), Vector<float>.Zero);
            Vector.ConditionalSelect(mask, new Vector<float>(dy[i..]), Vector<float>.Zero).CopyTo(delta[i..]);
        }

        for (; i < y.Length; i++)
        {
            delta[i] = y[i] > 0 ? dy[i] : 0;
        }
    }
}
