using System;
using System.Linq;

namespace NetCompiler.Tests.Networks;

/// <summary>Step, the mini-batch forms and Infer on every dense network.</summary>
public class TrainingTests
{
    /// <summary>
    /// Step after three examples is the formula bit for bit, with weight decay and without (plain
    /// gradient descent is one multiply-add per parameter); α = 0.3 and m = 3 are not powers of two,
    /// so every rounding shows.
    /// </summary>
    [Theory]
    [MemberData(nameof(DenseCases.All), MemberType = typeof(DenseCases))]
    public void StepIsExactlyGradientDescentWithAndWithoutWeightDecay(DenseCases.NamedFactory factory)
    {
        foreach (double lambda in new[] { 0.125, 0.0 })
        {
            NetworkUnderTest network = factory.Create();
            var random = new Random(21);
            for (int example = 0; example < 3; example++)
            {
                network.Backward(TestData.Uniform(random, network.Spec.InputSize), TestData.Target(random, network.Spec));
            }

            double[] before = network.Parameters;
            double[] gradients = network.Gradients;
            const double alpha = 0.3;
            network.Step(alpha, lambda);

            double[] expected = ExpectedStep(network, before, gradients, alpha, lambda, m: 3);
            Assert.Equal(expected, network.Parameters);
            Assert.All(network.Gradients, gradient => Assert.Equal(0, gradient));
            Assert.Equal(0, network.AccumulatedSamples);
        }
    }

    /// <summary>
    /// Step is the formula bit for bit (NaN as NaN) at its edges too: runs of gradients that are all
    /// +0 (a whole vector of them, at any width) or −0, parameters of ±0, ±∞ and NaN, learning
    /// rates that are negative, zero, infinite or not a power of two, weight decay of ±0 — so no shortcut (such as
    /// leaving alone what a zero gradient would not change) may slip in where it is not exact.
    /// </summary>
    [Theory]
    [MemberData(nameof(DenseCases.All), MemberType = typeof(DenseCases))]
    public void StepIsExactlyTheFormulaAtItsEdges(DenseCases.NamedFactory factory)
    {
        double[] special = [0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN];
        foreach (double alpha in new[] { 0.3, -0.25, 0.0, -0.0, double.PositiveInfinity })
        {
            foreach (double lambda in new[] { 0.0, -0.0, 0.125 })
            {
                NetworkUnderTest network = factory.Create();
                var random = new Random(24);
                double[] parameters = network.Parameters;
                var gradients = new double[parameters.Length];
                for (int i = 0; i < parameters.Length; i++)
                {
                    // Runs of 16 values (a 512-bit vector of floats), every third one all +0.
                    int run = i / 16;
                    gradients[i] = run % 3 == 0 ? 0.0 : run % 3 == 1 && i % 5 == 0 ? -0.0 : random.NextDouble() - 0.5;
                    if (i % 7 == 3)
                    {
                        parameters[i] = special[(i / 7) % special.Length];
                    }
                }

                network.Parameters = parameters;
                network.Gradients = gradients;
                double[] before = network.Parameters;
                double[] given = network.Gradients;
                network.Step(alpha, lambda);

                double[] expected = ExpectedStep(network, before, given, alpha, lambda, m: 1);
                double[] actual = network.Parameters;
                for (int i = 0; i < expected.Length; i++)
                {
                    bool same = (double.IsNaN(expected[i]) && double.IsNaN(actual[i]))
                        || BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]);
                    Assert.True(same, $"α = {alpha}, λ = {lambda}, parameter {i} (was {before[i]}, gradient {given[i]}): {actual[i]} instead of {expected[i]}");
                }

                Assert.All(network.Gradients, gradient => Assert.Equal(0L, BitConverter.DoubleToInt64Bits(gradient)));
            }
        }
    }

    /// <summary>
    /// Backward leaves its example's activations in the state, as Forward does, for a Backpropagate
    /// that follows (the training pass in registers stores each of them on the way).
    /// </summary>
    [Theory]
    [MemberData(nameof(DenseCases.All), MemberType = typeof(DenseCases))]
    public void BackpropagateAfterBackwardUsesItsExample(DenseCases.NamedFactory factory)
    {
        NetworkUnderTest afterForward = factory.Create();
        NetworkUnderTest afterBackward = factory.Create();
        var random = new Random(23);
        double[] earlier = TestData.Uniform(random, afterForward.Spec.InputSize);
        double[] input = TestData.Uniform(random, afterForward.Spec.InputSize);
        double[] target = TestData.Target(random, afterForward.Spec);
        double[] outputGradient = TestData.Uniform(random, afterForward.Spec.OutputSize);

        afterForward.Forward(earlier);
        afterForward.Forward(input);
        afterBackward.Forward(earlier);
        afterBackward.Backward(input, target);

        Assert.Equal(afterForward.Backpropagate(outputGradient), afterBackward.Backpropagate(outputGradient));
    }

    [Theory]
    [MemberData(nameof(DenseCases.All), MemberType = typeof(DenseCases))]
    public void BatchFormsEqualOneExampleAtATime(DenseCases.NamedFactory factory)
    {
        CheckBatchFormsOf(factory, count: 37); // more than one block of the batch path (32), and a few examples one at a time after the blocks in vector lanes
        CheckBatchFormsOf(factory, count: 32); // the last example in a block of vector lanes
    }

    private static void CheckBatchFormsOf(DenseCases.NamedFactory factory, int count)
    {
        NetworkUnderTest single = factory.Create();
        NetworkUnderTest batch = factory.Create();
        var random = new Random(22);
        double[][] inputs = Enumerable.Range(0, count).Select(_ => TestData.Uniform(random, single.Spec.InputSize)).ToArray();
        double[][] targets = Enumerable.Range(0, count).Select(_ => TestData.Target(random, single.Spec)).ToArray();

        double[] expectedOutputs = inputs.SelectMany(single.Forward).ToArray();
        double expectedLoss = inputs.Zip(targets).Sum(pair => single.Backward(pair.First, pair.Second));

        Assert.Equal(expectedOutputs, batch.Operations.ForwardBatch(inputs.SelectMany(x => x).ToArray(), count));

        double loss = batch.Operations.BackwardBatch(inputs.SelectMany(x => x).ToArray(), targets.SelectMany(y => y).ToArray(), count);
        Assert.Equal(expectedLoss, loss, batch.IsDouble ? 1e-12 : 1e-4);
        Assert.Equal(single.Gradients, batch.Gradients);
        Assert.Equal(count, batch.AccumulatedSamples);

        // A batch Forward leaves the last example's activations for Backpropagate, as the one-example form does.
        double[] outputGradient = TestData.Uniform(random, single.Spec.OutputSize);
        single.Forward(inputs[^1]);
        batch.Operations.ForwardBatch(inputs.SelectMany(x => x).ToArray(), count);
        Assert.Equal(single.Backpropagate(outputGradient), batch.Backpropagate(outputGradient));

        // So does a batch Backward.
        single.Forward(inputs[^1]);
        batch.Operations.BackwardBatch(inputs.SelectMany(x => x).ToArray(), targets.SelectMany(y => y).ToArray(), count);
        Assert.Equal(single.Backpropagate(outputGradient), batch.Backpropagate(outputGradient));
    }

    [Theory]
    [MemberData(nameof(DenseCases.All), MemberType = typeof(DenseCases))]
    public void InferEqualsForward(DenseCases.NamedFactory factory)
    {
        NetworkUnderTest network = factory.Create();
        var random = new Random(23);
        for (int example = 0; example < 4; example++)
        {
            double[] input = TestData.Uniform(random, network.Spec.InputSize);
            Assert.Equal(network.Forward(input), network.Operations.Infer(network.Parameters, input));
        }
    }

    /// <summary>W := W − α[(1/m)ΔW + λW], b := b − α(1/m)Δb, in the network's own precision.</summary>
    private static double[] ExpectedStep(NetworkUnderTest network, double[] parameters, double[] gradients, double alpha, double lambda, int m)
    {
        var expected = (double[])parameters.Clone();
        for (int layer = 0; layer < network.Spec.Layers.Count; layer++)
        {
            int weights = network.Spec.GetParameterOffset(layer);
            int biases = weights + network.Spec.GetWeightCount(layer);
            for (int i = weights; i < biases + network.Spec.GetBiasCount(layer); i++)
            {
                bool decays = i < biases && lambda != 0;
                expected[i] = (network.IsDouble, decays) switch
                {
                    // with weight decay: p − α(g·(1/m) + λp), rounded after each operation
                    (true, true) => parameters[i] - (alpha * ((gradients[i] * (1.0 / m)) + (lambda * parameters[i]))),
                    (false, true) => (float)parameters[i] - ((float)alpha * (((float)gradients[i] * (1f / m)) + ((float)lambda * (float)parameters[i]))),
                    // without: p − (α·(1/m))·g, one multiply-add as the runtime does it (fused where the hardware fuses)
                    (true, false) => MulAdd.Of(-(alpha * (1.0 / m)), gradients[i], parameters[i]),
                    (false, false) => MulAdd.Of(-((float)alpha * (1f / m)), (float)gradients[i], (float)parameters[i]),
                };
            }
        }

        return expected;
    }
}
