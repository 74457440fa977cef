using System;

namespace NetCompiler.Tests.Interpreter;

/// <summary>Step, the batch forms, the example count, Step layers and argument checks.</summary>
public class TrainingAndArgumentTests
{
    private static readonly NetworkSpec Small = new(
        TensorShape.Vector(3),
        [new DenseLayerSpec(4, Activation.Tanh), new DenseLayerSpec(2, Activation.Sigmoid)],
        LossFunction.BinaryCrossEntropy);

    private static readonly double[] Inputs = [0.1, -0.2, 0.3, 0.5, 0.4, -0.9, -0.7, 0.8, 0.25];
    private static readonly double[] Targets = [1, 0, 0.5, 0.25, 0, 1];

    [Fact]
    public void StepAppliesTheUpdateExactly()
    {
        var interpreter = new ReferenceInterpreter(Small, seed: 5);
        SetBiases(interpreter); // non-zero, so that decaying them by mistake would show
        interpreter.Backward(Inputs, Targets, 3);
        Assert.Equal(3, interpreter.AccumulatedSamples);
        double[] before = interpreter.Parameters.ToArray();
        double[] gradients = interpreter.Gradients.ToArray();
        Assert.Contains(gradients, g => g != 0);
        const double alpha = 0.1;
        const double lambda = 0.01;
        interpreter.Step(alpha, lambda);

        // W := W − α[(1/m)ΔW + λW];  b := b − α(1/m)Δb, m = 3. Layer 1: 12 weights then 4 biases;
        // layer 2: 8 weights then 2 biases.
        for (int i = 0; i < before.Length; i++)
        {
            bool isBias = i is >= 12 and < 16 || i >= 24;
            double expected = isBias
                ? before[i] - alpha * ((1.0 / 3) * gradients[i])
                : before[i] - alpha * ((1.0 / 3) * gradients[i] + lambda * before[i]);
            Assert.Equal(expected, interpreter.Parameters[i]);
        }

        Assert.Equal(0, interpreter.AccumulatedSamples);
        Assert.All(interpreter.Gradients.ToArray(), g => Assert.Equal(0, g));
    }

    [Fact]
    public void StepWithoutExamplesUsesOneAndOnlyDecaysWeights()
    {
        var interpreter = new ReferenceInterpreter(Small, seed: 5);
        SetBiases(interpreter);
        double[] before = interpreter.Parameters.ToArray();
        interpreter.Step(0.5, 0.1);
        for (int i = 0; i < before.Length; i++)
        {
            bool isBias = i is >= 12 and < 16 || i >= 24;
            Assert.Equal(isBias ? before[i] : before[i] - 0.5 * (0 + 0.1 * before[i]), interpreter.Parameters[i]);
        }
    }

    /// <summary>Biases of <see cref="Small"/> (12–15 and 24–25) set to 0.3, 0.4, ….</summary>
    private static void SetBiases(ReferenceInterpreter interpreter)
    {
        int[] biases = [12, 13, 14, 15, 24, 25];
        for (int n = 0; n < biases.Length; n++)
        {
            interpreter.Parameters[biases[n]] = 0.3 + 0.1 * n;
        }
    }

    [Fact]
    public void BatchFormsEqualTheOneExampleFormsInOrder()
    {
        var batch = new ReferenceInterpreter(Small, seed: 2);
        var single = new ReferenceInterpreter(Small, seed: 2);
        double batchLoss = batch.Backward(Inputs, Targets, 3);
        double summed = 0;
        for (int n = 0; n < 3; n++)
        {
            summed += single.Backward(Inputs.AsSpan(3 * n, 3), Targets.AsSpan(2 * n, 2));
        }

        Assert.Equal(summed, batchLoss);
        Assert.Equal(single.Gradients.ToArray(), batch.Gradients.ToArray());
        Assert.Equal(3, batch.AccumulatedSamples);

        double[] outputs = new double[6];
        batch.Forward(Inputs, outputs, 3);
        double[] one = new double[2];
        for (int n = 0; n < 3; n++)
        {
            single.Forward(Inputs.AsSpan(3 * n, 3), one);
            Assert.Equal(one, outputs[(2 * n)..(2 * n + 2)]);
        }

        Assert.Equal(0, batch.Backward([], [], 0));
        batch.Forward([], [], 0);
    }

    [Fact]
    public void BackpropagateCountsOneExampleAndAccumulates()
    {
        var interpreter = new ReferenceInterpreter(Small, seed: 1);
        double[] output = new double[2];
        interpreter.Forward(Inputs.AsSpan(0, 3), output);
        interpreter.Backpropagate([1, -1], []);
        double[] once = interpreter.Gradients.ToArray();
        interpreter.Backpropagate([1, -1], Span<double>.Empty);
        Assert.Equal(2, interpreter.AccumulatedSamples);
        for (int i = 0; i < once.Length; i++)
        {
            Assert.Equal(2 * once[i], interpreter.Gradients[i], 15);
        }

        interpreter.ZeroGradients();
        Assert.Equal(0, interpreter.AccumulatedSamples);
        Assert.All(interpreter.Gradients.ToArray(), g => Assert.Equal(0, g));
    }

    [Fact]
    public void EvaluateTouchesNoGradientAndMatchesBackward()
    {
        var interpreter = new ReferenceInterpreter(Small, seed: 1);
        double loss = interpreter.Evaluate(Inputs.AsSpan(0, 3), Targets.AsSpan(0, 2));
        Assert.Equal(0, interpreter.AccumulatedSamples);
        Assert.All(interpreter.Gradients.ToArray(), g => Assert.Equal(0, g));
        Assert.Equal(loss, interpreter.Backward(Inputs.AsSpan(0, 3), Targets.AsSpan(0, 2)));
    }

    [Fact]
    public void StepLayerNetworkRunsForwardButCannotBeTrained()
    {
        var spec = new NetworkSpec(TensorShape.Vector(2), [new DenseLayerSpec(3, Activation.Step), new DenseLayerSpec(1, Activation.Sigmoid)]);
        var interpreter = new ReferenceInterpreter(spec);
        double[] output = new double[1];
        interpreter.Forward([0.5, -0.5], output);
        Assert.InRange(output[0], 0, 1);
        Assert.True(interpreter.Evaluate([0.5, -0.5], [1]) > 0);

        var backward = Assert.Throws<NotSupportedException>(() => interpreter.Backward([0.5, -0.5], [1]));
        Assert.Contains("Step layer", backward.Message);
        Assert.Contains("cannot be trained", backward.Message);
        Assert.Throws<NotSupportedException>(() => interpreter.Backward([0.5, -0.5], [1], 1));
        Assert.Throws<NotSupportedException>(() => interpreter.Backpropagate([1], []));
        Assert.Throws<NotSupportedException>(() => interpreter.Step(0.1));
        Assert.Equal(0, interpreter.AccumulatedSamples);
    }

    [Fact]
    public void NullSpecIsRejected()
    {
        Assert.Throws<ArgumentNullException>(() => new ReferenceInterpreter(null!));
    }

    public static TheoryData<string, int, int, string> WrongLengthCases() => new()
    {
        // name of the call, expected length, actual length, parameter name
        { "Forward input", 3, 2, "input" },
        { "Forward output", 2, 3, "output" },
        { "Forward batch inputs", 6, 5, "inputs" },
        { "Forward batch outputs", 4, 6, "outputs" },
        { "Backward input", 3, 4, "input" },
        { "Backward target", 2, 1, "target" },
        { "Backward batch inputs", 6, 7, "inputs" },
        { "Backward batch targets", 4, 2, "targets" },
        { "Backpropagate outputGradient", 2, 5, "outputGradient" },
        { "Backpropagate inputGradient", 3, 1, "inputGradient" },
        { "Evaluate input", 3, 0, "input" },
        { "Evaluate target", 2, 3, "target" },
    };

    [Theory]
    [MemberData(nameof(WrongLengthCases))]
    public void WrongLengthsNameTheParameterAndChangeNothing(string call, int expected, int actual, string parameter)
    {
        var interpreter = new ReferenceInterpreter(Small, seed: 4);
        interpreter.Backward(Inputs.AsSpan(0, 3), Targets.AsSpan(0, 2)); // some gradient and a count to keep
        double[] parameters = interpreter.Parameters.ToArray();
        double[] gradients = interpreter.Gradients.ToArray();

        double[] wrong = new double[actual];
        double[] x = new double[3];
        double[] y = new double[2];
        Action act = call switch
        {
            "Forward input" => () => interpreter.Forward(wrong, y),
            "Forward output" => () => interpreter.Forward(x, wrong),
            "Forward batch inputs" => () => interpreter.Forward(wrong, new double[4], 2),
            "Forward batch outputs" => () => interpreter.Forward(new double[6], wrong, 2),
            "Backward input" => () => interpreter.Backward(wrong, y),
            "Backward target" => () => interpreter.Backward(x, wrong),
            "Backward batch inputs" => () => interpreter.Backward(wrong, new double[4], 2),
            "Backward batch targets" => () => interpreter.Backward(new double[6], wrong, 2),
            "Backpropagate outputGradient" => () => interpreter.Backpropagate(wrong, x),
            "Backpropagate inputGradient" => () => interpreter.Backpropagate(y, wrong),
            "Evaluate input" => () => interpreter.Evaluate(wrong, y),
            "Evaluate target" => () => interpreter.Evaluate(x, wrong),
            _ => throw new ArgumentOutOfRangeException(nameof(call)),
        };

        var exception = Assert.Throws<ArgumentException>(act);
        Assert.Equal(parameter, exception.ParamName);
        Assert.Contains(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), exception.Message);
        Assert.Contains(actual.ToString(System.Globalization.CultureInfo.InvariantCulture), exception.Message);
        Assert.Equal(parameters, interpreter.Parameters.ToArray());
        Assert.Equal(gradients, interpreter.Gradients.ToArray());
        Assert.Equal(1, interpreter.AccumulatedSamples);
    }

    [Fact]
    public void NegativeCountIsOutOfRangeAndChangesNothing()
    {
        var interpreter = new ReferenceInterpreter(Small, seed: 4);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => interpreter.Forward([], [], -1)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => interpreter.Backward([], [], -1)).ParamName);
        Assert.Equal(0, interpreter.AccumulatedSamples);
        Assert.All(interpreter.Gradients.ToArray(), g => Assert.Equal(0, g));
    }

    [Fact]
    public void HugeCountIsCheckedWithoutOverflow()
    {
        // count × 3 = 4 294 967 298 = 2³² + 2 wraps to 2 in int arithmetic, which would accept a
        // 2-value span; the long product does not.
        var interpreter = new ReferenceInterpreter(Small, seed: 4);
        const int count = 1_431_655_766;
        Assert.Equal(2, unchecked(count * 3));
        var exception = Assert.Throws<ArgumentException>(() => interpreter.Forward(new double[2], [], count));
        Assert.Equal("inputs", exception.ParamName);
        Assert.Contains("4294967298", exception.Message);
    }

    [Fact]
    public void ParametersStartFromTheInitializer()
    {
        var interpreter = new ReferenceInterpreter(Small, seed: 9);
        double[] expected = new double[Small.ParameterCount];
        ParameterInitializer.Initialize(Small, 9, expected);
        Assert.Equal(expected, interpreter.Parameters.ToArray());
    }
}
