using System;
using System.Linq;

namespace NetCompiler.Tests.Networks;

/// <summary>Step, the mini-batch forms and Infer on every dense network.</summary>
public class TrainingTests
{
    [Theory]
    [MemberData(nameof(DenseCases.All), MemberType = typeof(DenseCases))]
    public void StepIsExactlyGradientDescentWithWeightDecay(DenseCases.NamedFactory factory)
    {
        NetworkUnderTest network = factory.Create();
        var random = new Random(21);
        for (int example = 0; example < 3; example++)
        {
            network.Backward(TestData.Uniform(random, network.Spec.InputSize), TestData.Target(random, network.Spec));
        }

        double[] before = network.Parameters;
        double[] gradients = network.Gradients;
        const double alpha = 0.25;
        const double lambda = 0.125;
        network.Step(alpha, lambda);

        double[] expected = ExpectedStep(network, before, gradients, alpha, lambda, m: 3);
        Assert.Equal(expected, network.Parameters);
        Assert.All(network.Gradients, gradient => Assert.Equal(0, gradient));
        Assert.Equal(0, network.AccumulatedSamples);
    }

    [Theory]
    [MemberData(nameof(DenseCases.All), MemberType = typeof(DenseCases))]
    public void BatchFormsEqualOneExampleAtATime(DenseCases.NamedFactory factory)
    {
        NetworkUnderTest single = factory.Create();
        NetworkUnderTest batch = factory.Create();
        var random = new Random(22);
        const int count = 37; // more than one block of the batch path (32)
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
                double decay = i < biases ? lambda : 0;
                expected[i] = network.IsDouble
                    ? parameters[i] - (alpha * ((gradients[i] * (1.0 / m)) + (decay * parameters[i])))
                    : (float)parameters[i] - ((float)alpha * (((float)gradients[i] * (1f / m)) + ((float)decay * (float)parameters[i])));
            }
        }

        return expected;
    }
}
