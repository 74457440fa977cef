using System;
using System.Numerics;

namespace NetCompiler.Tests.Weights;

/// <summary>The layer structures the weights tests use.</summary>
internal static class TestSpecs
{
    /// <summary>Input(2) Dense(6, Tanh) Dense(2, Softmax): 32 parameters.</summary>
    public static readonly NetworkSpec Dense = new(
        TensorShape.Vector(2),
        [new DenseLayerSpec(6, Activation.Tanh), new DenseLayerSpec(2, Activation.Softmax)],
        LossFunction.CrossEntropy);

    /// <summary>Same parameter count as <see cref="Dense"/>, another structure.</summary>
    public static readonly NetworkSpec DenseReLU = new(
        TensorShape.Vector(2),
        [new DenseLayerSpec(6, Activation.ReLU), new DenseLayerSpec(2, Activation.Softmax)],
        LossFunction.CrossEntropy);

    /// <summary>Input(1, 6, 6) Conv2D(2, 3, ReLU, padding 1) MaxPool2D(2) Dense(3, Softmax): 77 parameters.</summary>
    public static readonly NetworkSpec Conv = new(
        TensorShape.Image(1, 6, 6),
        [new Conv2DLayerSpec(2, 3, Activation.ReLU, stride: 1, padding: 1), new MaxPool2DLayerSpec(2), new DenseLayerSpec(3, Activation.Softmax)],
        LossFunction.CrossEntropy);

    /// <summary>Input(100) Dense(101): 10201 parameters, several writer chunks.</summary>
    public static readonly NetworkSpec Wide = new(TensorShape.Vector(100), [new DenseLayerSpec(101, Activation.Tanh)]);

    /// <summary>Only pooling: no parameters at all.</summary>
    public static readonly NetworkSpec PoolOnly = new(TensorShape.Image(1, 4, 4), [new MaxPool2DLayerSpec(2)]);
}

/// <summary>
/// A stand-in for a generated network: the parameters and gradients as arrays, for a fixed spec.
/// Only what weights files touch works; computing members throw.
/// </summary>
public abstract class ArrayNetwork<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _parameters;
    private readonly T[] _gradients;

    protected ArrayNetwork(int parameterCount)
    {
        _parameters = new T[parameterCount];
        _gradients = new T[parameterCount];
    }

    public Span<T> Parameters => _parameters;

    public Span<T> Gradients => _gradients;

    public int AccumulatedSamples => 0;

    public void ZeroGradients() => Array.Clear(_gradients);

    public void Forward(ReadOnlySpan<T> input, Span<T> output) => throw new NotSupportedException();

    public void Forward(ReadOnlySpan<T> inputs, Span<T> outputs, int count) => throw new NotSupportedException();

    public T Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> target) => throw new NotSupportedException();

    public T Backward(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int count) => throw new NotSupportedException();

    public void Backpropagate(ReadOnlySpan<T> outputGradient, Span<T> inputGradient) => throw new NotSupportedException();

    public void Step(T learningRate, T weightDecay = default) => throw new NotSupportedException();
}

public sealed class DenseSingleNetwork() : ArrayNetwork<float>(TestSpecs.Dense.ParameterCount), INetwork<float>
{
    public static NetworkSpec Spec => TestSpecs.Dense;
}

public sealed class ConvSingleNetwork() : ArrayNetwork<float>(TestSpecs.Conv.ParameterCount), INetwork<float>
{
    public static NetworkSpec Spec => TestSpecs.Conv;
}

public sealed class WideSingleNetwork() : ArrayNetwork<float>(TestSpecs.Wide.ParameterCount), INetwork<float>
{
    public static NetworkSpec Spec => TestSpecs.Wide;
}

public sealed class DenseDoubleNetwork() : ArrayNetwork<double>(TestSpecs.Dense.ParameterCount), INetwork<double>
{
    public static NetworkSpec Spec => TestSpecs.Dense;
}

public sealed class ConvDoubleNetwork() : ArrayNetwork<double>(TestSpecs.Conv.ParameterCount), INetwork<double>
{
    public static NetworkSpec Spec => TestSpecs.Conv;
}

/// <summary>A precision weights files do not hold.</summary>
public sealed class DenseHalfNetwork() : ArrayNetwork<Half>(TestSpecs.Dense.ParameterCount), INetwork<Half>
{
    public static NetworkSpec Spec => TestSpecs.Dense;
}

/// <summary>A broken network whose parameter block is shorter than its spec says.</summary>
public sealed class ShortSingleNetwork() : ArrayNetwork<float>(TestSpecs.Dense.ParameterCount - 1), INetwork<float>
{
    public static NetworkSpec Spec => TestSpecs.Dense;
}
