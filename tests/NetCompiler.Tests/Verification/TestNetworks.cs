using System;

namespace NetCompiler.Tests.Verification;

// Hand-written stand-ins for generated networks (the generator is not available to these tests):
// each implements INetwork<T> for a fixed spec by delegating to a ReferenceInterpreter, and the
// "buggy" ones add one deliberate mistake of the kind a code generator could make.

/// <summary>A double network that is exactly the interpreter, with hooks where a bug can be planted.</summary>
public abstract class InterpretedDoubleNetwork
{
    private readonly ReferenceInterpreter _interpreter;

    protected InterpretedDoubleNetwork(NetworkSpec spec, int seed = 0) => _interpreter = new ReferenceInterpreter(spec, seed);

    public Span<double> Parameters => _interpreter.Parameters;

    public Span<double> Gradients => _interpreter.Gradients;

    public int AccumulatedSamples => _interpreter.AccumulatedSamples;

    protected NetworkSpec NetworkSpec => _interpreter.Spec;

    public void Forward(ReadOnlySpan<double> input, Span<double> output)
    {
        _interpreter.Forward(input, output);
        AfterForward(output);
    }

    public void Forward(ReadOnlySpan<double> inputs, Span<double> outputs, int count)
    {
        _interpreter.Forward(inputs, outputs, count);
        for (int n = 0; n < count; n++)
        {
            AfterForward(outputs.Slice(n * NetworkSpec.OutputSize, NetworkSpec.OutputSize));
        }
    }

    public double Backward(ReadOnlySpan<double> input, ReadOnlySpan<double> target)
    {
        double[] before = _interpreter.Gradients.ToArray();
        double loss = _interpreter.Backward(input, target);
        AfterGradients(before, _interpreter.Gradients);
        return loss;
    }

    public double Backward(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, int count)
    {
        double loss = 0;
        for (int n = 0; n < count; n++)
        {
            loss += Backward(inputs.Slice(n * NetworkSpec.InputSize, NetworkSpec.InputSize), targets.Slice(n * NetworkSpec.OutputSize, NetworkSpec.OutputSize));
        }

        return loss;
    }

    public void Backpropagate(ReadOnlySpan<double> outputGradient, Span<double> inputGradient)
    {
        double[] before = _interpreter.Gradients.ToArray();
        _interpreter.Backpropagate(outputGradient, inputGradient);
        AfterGradients(before, _interpreter.Gradients);
    }

    public void Step(double learningRate, double weightDecay = 0) => _interpreter.Step(learningRate, weightDecay);

    public void ZeroGradients() => _interpreter.ZeroGradients();

    protected virtual void AfterForward(Span<double> output)
    {
    }

    /// <summary>Called after one example's gradients were added: <paramref name="before"/> holds the sums before it.</summary>
    protected virtual void AfterGradients(double[] before, Span<double> gradients)
    {
    }
}

/// <summary>A float network: float parameters and gradients, computed by the interpreter in double and rounded.</summary>
public abstract class InterpretedFloatNetwork
{
    private readonly ReferenceInterpreter _interpreter;
    private readonly float[] _parameters;
    private readonly float[] _gradients;

    protected InterpretedFloatNetwork(NetworkSpec spec, int seed = 0)
    {
        _interpreter = new ReferenceInterpreter(spec);
        _parameters = new float[spec.ParameterCount];
        _gradients = new float[spec.ParameterCount];
        ParameterInitializer.Initialize(spec, seed, _parameters);
    }

    public Span<float> Parameters => _parameters;

    public Span<float> Gradients => _gradients;

    public int AccumulatedSamples => _interpreter.AccumulatedSamples;

    protected NetworkSpec NetworkSpec => _interpreter.Spec;

    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        LoadParameters();
        double[] result = new double[output.Length];
        _interpreter.Forward(ToDouble(input), result);
        Round(result, output);
    }

    public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs, int count)
    {
        for (int n = 0; n < count; n++)
        {
            Forward(inputs.Slice(n * NetworkSpec.InputSize, NetworkSpec.InputSize), outputs.Slice(n * NetworkSpec.OutputSize, NetworkSpec.OutputSize));
        }
    }

    public float Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> target)
    {
        LoadParameters();
        double loss = _interpreter.Backward(ToDouble(input), ToDouble(target));
        StoreGradients();
        return (float)loss;
    }

    public float Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count)
    {
        float loss = 0;
        for (int n = 0; n < count; n++)
        {
            loss += Backward(inputs.Slice(n * NetworkSpec.InputSize, NetworkSpec.InputSize), targets.Slice(n * NetworkSpec.OutputSize, NetworkSpec.OutputSize));
        }

        return loss;
    }

    public void Backpropagate(ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        // The interpreter still holds the activations of the last Forward.
        double[] result = new double[inputGradient.Length];
        _interpreter.Backpropagate(ToDouble(outputGradient), result);
        Round(result, inputGradient);
        StoreGradients();
    }

    public void Step(float learningRate, float weightDecay = 0)
    {
        LoadParameters();
        _interpreter.Step(learningRate, weightDecay);
        ReadParametersBack();
        StoreGradients();
    }

    public void ZeroGradients()
    {
        _interpreter.ZeroGradients();
        StoreGradients();
    }

    /// <summary>The parameters the computation uses; a buggy network may rearrange them.</summary>
    protected virtual void MapParameters(ReadOnlySpan<float> parameters, Span<double> used)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            used[i] = parameters[i];
        }
    }

    /// <summary>The gradients reported, from those of the parameters used; the inverse of <see cref="MapParameters"/>.</summary>
    protected virtual void MapGradients(ReadOnlySpan<double> gradients, Span<float> reported)
    {
        for (int i = 0; i < gradients.Length; i++)
        {
            reported[i] = (float)gradients[i];
        }
    }

    private void LoadParameters() => MapParameters(_parameters, _interpreter.Parameters);

    /// <summary>Parameters after a Step, back from those used; the inverse of <see cref="MapParameters"/>.</summary>
    protected virtual void UnmapParameters(ReadOnlySpan<double> used, Span<float> parameters)
    {
        for (int i = 0; i < used.Length; i++)
        {
            parameters[i] = (float)used[i];
        }
    }

    private void ReadParametersBack() => UnmapParameters(_interpreter.Parameters, _parameters);

    private void StoreGradients() => MapGradients(_interpreter.Gradients, _gradients);

    private static double[] ToDouble(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = values[i];
        }

        return result;
    }

    private static void Round(double[] values, Span<float> destination)
    {
        for (int i = 0; i < values.Length; i++)
        {
            destination[i] = (float)values[i];
        }
    }
}

/// <summary>Input(3) → Dense(4, Tanh) → Dense(3, Softmax), cross entropy; correct.</summary>
public sealed class CorrectDoubleNet : InterpretedDoubleNetwork, INetwork<double>
{
    public CorrectDoubleNet() : base(Spec, seed: 1) { }

    public static NetworkSpec Spec { get; } = new(
        TensorShape.Vector(3),
        [new DenseLayerSpec(4, Activation.Tanh), new DenseLayerSpec(3, Activation.Softmax)],
        LossFunction.CrossEntropy);
}

/// <summary>
/// A ReLU convolution, overlapping max pooling and a sigmoid output with binary cross entropy;
/// correct. Exercises the finite-difference kink detection and image locations.
/// </summary>
public sealed class CorrectConvNet : InterpretedDoubleNetwork, INetwork<double>
{
    public CorrectConvNet() : base(Spec, seed: 2) { }

    public static NetworkSpec Spec { get; } = new(
        TensorShape.Image(2, 5, 5),
        [new Conv2DLayerSpec(3, 3, Activation.ReLU, padding: 1), new MaxPool2DLayerSpec(2, stride: 1), new DenseLayerSpec(2, Activation.Sigmoid)],
        LossFunction.BinaryCrossEntropy);
}

/// <summary>A large network (more than 64 parameters per layer), so the finite differences use a subset.</summary>
public sealed class LargeDoubleNet : InterpretedDoubleNetwork, INetwork<double>
{
    public LargeDoubleNet() : base(Spec, seed: 3) { }

    public static NetworkSpec Spec { get; } = new(
        TensorShape.Vector(30),
        [new DenseLayerSpec(20, Activation.LeakyReLU), new DenseLayerSpec(10, Activation.Sigmoid), new DenseLayerSpec(4)],
        LossFunction.MeanSquaredError);
}

/// <summary>A network with a Step layer: Forward only.</summary>
public sealed class StepLayerNet : InterpretedDoubleNetwork, INetwork<double>
{
    public StepLayerNet() : base(Spec) { }

    public static NetworkSpec Spec { get; } = new(
        TensorShape.Vector(2),
        [new DenseLayerSpec(3, Activation.Step), new DenseLayerSpec(1, Activation.Sigmoid)]);
}

/// <summary>Bug: the gradient of layer 2's bias [1] is never accumulated (a missing line in the backward pass).</summary>
public sealed class DroppedBiasGradientNet : InterpretedDoubleNetwork, INetwork<double>
{
    public DroppedBiasGradientNet() : base(Spec, seed: 1) { }

    public static NetworkSpec Spec => CorrectDoubleNet.Spec;

    protected override void AfterGradients(double[] before, Span<double> gradients)
    {
        int bias1OfLayer2 = Spec.GetParameterOffset(1) + Spec.GetWeightCount(1) + 1;
        gradients[bias1OfLayer2] = before[bias1OfLayer2];
    }
}

/// <summary>Bug: output [1] is off by 10⁻⁶ (far below what a test of the outputs alone would notice).</summary>
public sealed class PerturbedOutputNet : InterpretedDoubleNetwork, INetwork<double>
{
    public PerturbedOutputNet() : base(Spec, seed: 1) { }

    public static NetworkSpec Spec => CorrectDoubleNet.Spec;

    protected override void AfterForward(Span<double> output) => output[1] += 1e-6;
}

/// <summary>Input(3) → Dense(4, Tanh) → Dense(2, Sigmoid), binary cross entropy, in float; correct.</summary>
public sealed class CorrectFloatNet : InterpretedFloatNetwork, INetwork<float>
{
    public CorrectFloatNet() : base(Spec, seed: 4) { }

    public static NetworkSpec Spec { get; } = new(
        TensorShape.Vector(3),
        [new DenseLayerSpec(3, Activation.Tanh), new DenseLayerSpec(2, Activation.Sigmoid)],
        LossFunction.BinaryCrossEntropy);
}

/// <summary>
/// Bug, in float: layer 1's square weight matrix is read transposed, W[i, u] for W[u, i], and its
/// gradient is written back transposed too — a self-consistent indexing mistake.
/// </summary>
public sealed class TransposedWeightFloatNet : InterpretedFloatNetwork, INetwork<float>
{
    public TransposedWeightFloatNet() : base(Spec, seed: 4) { }

    public static NetworkSpec Spec => CorrectFloatNet.Spec;

    protected override void MapParameters(ReadOnlySpan<float> parameters, Span<double> used)
    {
        base.MapParameters(parameters, used);
        for (int u = 0; u < 3; u++)
        {
            for (int i = 0; i < 3; i++)
            {
                used[u * 3 + i] = parameters[i * 3 + u];
            }
        }
    }

    protected override void MapGradients(ReadOnlySpan<double> gradients, Span<float> reported) => Untranspose(gradients, reported);

    protected override void UnmapParameters(ReadOnlySpan<double> used, Span<float> parameters) => Untranspose(used, parameters);

    private static void Untranspose(ReadOnlySpan<double> values, Span<float> destination)
    {
        for (int i = 0; i < values.Length; i++)
        {
            destination[i] = (float)values[i];
        }

        for (int u = 0; u < 3; u++)
        {
            for (int i = 0; i < 3; i++)
            {
                destination[i * 3 + u] = (float)values[u * 3 + i];
            }
        }
    }
}

/// <summary>Bug, in float: the gradient of layer 1's bias [2] is dropped.</summary>
public sealed class DroppedBiasGradientFloatNet : InterpretedFloatNetwork, INetwork<float>
{
    public DroppedBiasGradientFloatNet() : base(Spec, seed: 4) { }

    public static NetworkSpec Spec => CorrectFloatNet.Spec;

    protected override void MapGradients(ReadOnlySpan<double> gradients, Span<float> reported)
    {
        base.MapGradients(gradients, reported);
        reported[Spec.GetWeightCount(0) + 2] = 0;
    }
}

/// <summary>Implements only the non-generic INetwork: the verifier cannot run it.</summary>
public sealed class NotComputingNet : INetwork
{
    public static NetworkSpec Spec => CorrectDoubleNet.Spec;

    public int AccumulatedSamples => 0;

    public void ZeroGradients()
    {
    }
}
