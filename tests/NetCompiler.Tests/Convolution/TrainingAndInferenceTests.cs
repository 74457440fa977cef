using System;

namespace NetCompiler.Tests.Convolution;

/// <summary>Step against the interpreter over several rounds of training, and Infer against Forward.</summary>
public class TrainingAndInferenceTests
{
    [Fact]
    public void StepsFollowTheInterpreter()
    {
        var network = new StridedPaddedDouble(seed: 4);
        var interpreter = new ReferenceInterpreter(StridedPaddedDouble.Spec);
        network.Parameters.CopyTo(interpreter.Parameters);
        var random = new Random(4);
        const int Batch = 5;
        for (int round = 0; round < 4; round++)
        {
            double[] inputs = RandomValues(random, Batch * StridedPaddedDouble.InputSize);
            double[] targets = RandomValues(random, Batch * StridedPaddedDouble.OutputSize);
            double loss = network.Backward(inputs, targets, Batch);
            double expectedLoss = interpreter.Backward(inputs, targets, Batch);
            Assert.Equal(expectedLoss, loss, 1e-10);
            network.Step(0.05, 0.01);
            interpreter.Step(0.05, 0.01);
            Assert.Equal(0, network.AccumulatedSamples);
            for (int i = 0; i < StridedPaddedDouble.ParameterCount; i++)
            {
                Assert.True(
                    Math.Abs(interpreter.Parameters[i] - network.Parameters[i]) <= 1e-12 * Math.Max(1, Math.Abs(interpreter.Parameters[i])),
                    "round " + round + ", parameter " + i + ": expected " + interpreter.Parameters[i] + ", got " + network.Parameters[i]);
                Assert.Equal(0, network.Gradients[i]);
            }
        }
    }

    [Fact]
    public void InferGivesForwardsOutputInDouble()
    {
        AssertInferEqualsForward(new DigitsShapeDouble(), DigitsShapeDouble.Infer);
        AssertInferEqualsForward(new StridedPaddedDouble(), StridedPaddedDouble.Infer);
        AssertInferEqualsForward(new LargeKernelDouble(), LargeKernelDouble.Infer);
        AssertInferEqualsForward(new PaddingOnlyTapsDouble(), PaddingOnlyTapsDouble.Infer);
        AssertInferEqualsForward(new PoolFirstConvLastDouble(), PoolFirstConvLastDouble.Infer);
        AssertInferEqualsForward(new PoolLastDouble(), PoolLastDouble.Infer);
    }

    [Fact]
    public void InferGivesForwardsOutputInFloat()
    {
        AssertInferEqualsForward(new DigitsShapeFloat(), DigitsShapeFloat.Infer);
        AssertInferEqualsForward(new StridedOverlapFloat(), StridedOverlapFloat.Infer);
        AssertInferEqualsForward(new WideRowsFloat(), WideRowsFloat.Infer);
    }

    private delegate void Inference<T>(ReadOnlySpan<T> parameters, ReadOnlySpan<T> input, Span<T> output);

    private static void AssertInferEqualsForward<T>(INetwork<T> network, Inference<T> infer)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        NetworkSpec spec = network.GetType().GetProperty("Spec")!.GetValue(null) as NetworkSpec ?? throw new InvalidOperationException();
        var random = new Random(11);
        var input = new T[spec.InputSize];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = T.CreateTruncating(random.NextDouble() * 2 - 1);
        }

        var expected = new T[spec.OutputSize];
        var actual = new T[spec.OutputSize];
        network.Forward(input, expected);
        infer(network.Parameters, input, actual);
        Assert.Equal(expected, actual);
    }

    private static double[] RandomValues(Random random, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = random.NextDouble() * 2 - 1;
        }

        return values;
    }
}
