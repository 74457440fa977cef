using System;
using System.Collections.Generic;

namespace NetCompiler.Tests.Networks;

/// <summary>
/// The pending example: a network with large dense layers keeps the first example's δ and a after a
/// step instead of adding δaᵀ to ∇W, and a plain step takes W −= (α/m)·δaᵀ straight from them. Every
/// sequence of calls must leave the parameters and gradients with the bits of a twin that never keeps
/// one: a twin whose <c>Gradients</c> were handed out before it trained (from then on a network adds
/// every example to ∇W at once, since ∇W may be written from outside). On networks without large layers
/// both are the same code, and the tests hold trivially.
/// </summary>
public class PendingExampleTests
{
    /// <summary>Backward then Step, example after example, at learning rates that skip zero gradients and at rates that may not.</summary>
    [Theory]
    [MemberData(nameof(DenseCases.All), MemberType = typeof(DenseCases))]
    public void OneExampleAtATimeStepsAsIfItsGradientHadBeenAdded(DenseCases.NamedFactory factory) =>
        CheckOneExampleAtATime(factory, weightDecay: 0, 0.3, -0.25, 0.0, double.PositiveInfinity);

    /// <summary>With weight decay, W −= α[(1/m)·δaᵀ + λW] from the pending example is the usual formula's step too (every row moves).</summary>
    [Theory]
    [MemberData(nameof(DenseCases.All), MemberType = typeof(DenseCases))]
    public void StepsWithWeightDecayAreTheUsualFormula(DenseCases.NamedFactory factory) =>
        CheckOneExampleAtATime(factory, weightDecay: 0.125, 0.3, -0.25);

    /// <summary>
    /// Forward, then Backpropagate of a given ∂J/∂output, then Step, example after example (a custom loss
    /// or a policy gradient): the first since a step is kept pending as a Backward would be, and the
    /// gradients with respect to the inputs are the twin's too.
    /// </summary>
    [Theory]
    [MemberData(nameof(DenseCases.All), MemberType = typeof(DenseCases))]
    public void BackpropagateThenStepStepsAsIfItsGradientHadBeenAdded(DenseCases.NamedFactory factory)
    {
        foreach ((double rate, double weightDecay) in new[] { (0.3, 0.0), (-0.25, 0.0), (0.0, 0.0), (double.PositiveInfinity, 0.0), (0.3, 0.125) })
        {
            var inputGradients = new List<double[]>[2];
            int run = 0;
            CheckSameAsTwin(factory, (network, random) =>
            {
                var written = new List<double[]>();
                for (int example = 0; example < 3; example++)
                {
                    network.Forward(Input(random, network));
                    written.Add(network.Backpropagate(TestData.Uniform(random, network.Spec.OutputSize)));
                    network.Step(rate, weightDecay);
                }

                inputGradients[run++] = written;
            });

            for (int example = 0; example < 3; example++)
            {
                Assert.True(SameBits(inputGradients[1][example], inputGradients[0][example]), $"{factory}: ∂J/∂input of example {example} at α = {rate}, λ = {weightDecay}");
            }
        }
    }

    /// <summary>
    /// Whatever follows the first example — another, a batch, Backpropagate, Forward, a reading of
    /// Gradients — sees its gradient in ∇W, whether that example came through Backward or through
    /// Forward and Backpropagate.
    /// </summary>
    [Theory]
    [MemberData(nameof(DenseCases.All), MemberType = typeof(DenseCases))]
    public void WhatFollowsTheFirstExampleSeesItsGradient(DenseCases.NamedFactory factory)
    {
        Action<NetworkUnderTest, Random>[] first =
        [
            (network, random) => network.Backward(Input(random, network), Target(random, network)),
            (network, random) =>
            {
                network.Forward(Input(random, network));
                network.Backpropagate(TestData.Uniform(random, network.Spec.OutputSize));
            },
        ];
        Action<NetworkUnderTest, Random>[] following =
        [
            (network, random) => network.Backward(Input(random, network), Target(random, network)),
            (network, random) => network.Operations.BackwardBatch(Input(random, network, count: 3), Target(random, network, count: 3), count: 3),
            (network, random) => network.Backpropagate(TestData.Uniform(random, network.Spec.OutputSize)),
            (network, random) => network.Forward(Input(random, network)),
            (network, random) => _ = network.Gradients,
        ];
        foreach (Action<NetworkUnderTest, Random> start in first)
        {
            foreach (Action<NetworkUnderTest, Random> next in following)
            {
                CheckSameAsTwin(factory, (network, random) =>
                {
                    start(network, random);
                    next(network, random);
                    network.Step(0.3, 0);
                });
            }
        }
    }

    /// <summary>ZeroGradients drops the pending example: the next example is the first again.</summary>
    [Theory]
    [MemberData(nameof(DenseCases.All), MemberType = typeof(DenseCases))]
    public void ZeroGradientsDropsThePendingExample(DenseCases.NamedFactory factory) =>
        CheckSameAsTwin(factory, (network, random) =>
        {
            network.Backward(Input(random, network), Target(random, network));
            network.ZeroGradients();
            network.Backward(Input(random, network), Target(random, network));
            network.Step(0.3, 0);
        });

    /// <summary>
    /// Gradients written through <c>Gradients</c> before the first example of a step are part of that step:
    /// the network that wrote them keeps no example pending, as the twin that reads them back in between does not.
    /// </summary>
    [Theory]
    [MemberData(nameof(DenseCases.All), MemberType = typeof(DenseCases))]
    public void GradientsWrittenBeforeTheFirstExampleArePartOfTheStep(DenseCases.NamedFactory factory)
    {
        NetworkUnderTest writer = factory.Create();
        NetworkUnderTest reader = factory.Create();
        var random = new Random(31);
        double[] written = TestData.Uniform(random, writer.Parameters.Length);
        double[] input = Input(random, writer);
        double[] target = Target(random, writer);

        writer.Gradients = written;
        writer.Backward(input, target);
        writer.Step(0.3, 0);
        reader.Gradients = written;
        reader.Backward(input, target);
        _ = reader.Gradients;
        reader.Step(0.3, 0);

        Assert.True(SameBits(reader.Parameters, writer.Parameters), writer.Name + ": parameters");
    }

    /// <summary>
    /// Networks whose large dense layer follows a convolution and pooling (the digits sample's shape, both
    /// precisions): the convolution's parameters descend from their gradients, the dense layer's from the
    /// pending example, at rates that skip zero gradients and at one that may not.
    /// </summary>
    [Fact]
    public void ConvolutionalNetworksStepAsIfTheGradientHadBeenAdded()
    {
        var factories = new[]
        {
            new DenseCases.NamedFactory(() => NetworkUnderTest.Of(new Convolution.DigitsShapeFloat(seed: 14), Convolution.DigitsShapeFloat.Infer)),
            new DenseCases.NamedFactory(() => NetworkUnderTest.OfDouble(new Convolution.DigitsShapeDouble(seed: 14), Convolution.DigitsShapeDouble.Infer)),
        };
        foreach (DenseCases.NamedFactory factory in factories)
        {
            CheckOneExampleAtATime(factory, weightDecay: 0, 0.3, -0.25);
        }
    }

    /// <summary>At each learning rate, Backward then Step (with <paramref name="weightDecay"/>) on three examples in turn, against the twin.</summary>
    private static void CheckOneExampleAtATime(DenseCases.NamedFactory factory, double weightDecay, params double[] rates)
    {
        foreach (double rate in rates)
        {
            CheckSameAsTwin(factory, (network, random) =>
            {
                for (int example = 0; example < 3; example++)
                {
                    network.Backward(Input(random, network), Target(random, network));
                    network.Step(rate, weightDecay);
                }
            });
        }
    }

    /// <summary>
    /// Runs <paramref name="train"/> on a fresh network and on a twin whose gradients were handed out first
    /// (with the same random examples), then compares their parameters and gradients bit for bit (NaN as NaN).
    /// </summary>
    private static void CheckSameAsTwin(DenseCases.NamedFactory factory, Action<NetworkUnderTest, Random> train)
    {
        NetworkUnderTest network = factory.Create();
        NetworkUnderTest twin = factory.Create();
        _ = twin.Gradients;

        train(network, new Random(29));
        train(twin, new Random(29));

        Assert.True(SameBits(twin.Parameters, network.Parameters), network.Name + ": parameters");
        Assert.True(SameBits(twin.Gradients, network.Gradients), network.Name + ": gradients");
        Assert.Equal(twin.AccumulatedSamples, network.AccumulatedSamples);
    }

    private static double[] Input(Random random, NetworkUnderTest network, int count = 1) =>
        TestData.Uniform(random, count * network.Spec.InputSize);

    private static double[] Target(Random random, NetworkUnderTest network, int count = 1)
    {
        var targets = new double[count * network.Spec.OutputSize];
        for (int n = 0; n < count; n++)
        {
            TestData.Target(random, network.Spec).CopyTo(targets, n * network.Spec.OutputSize);
        }

        return targets;
    }

    private static bool SameBits(double[] expected, double[] actual)
    {
        if (expected.Length != actual.Length)
        {
            return false;
        }

        for (int i = 0; i < expected.Length; i++)
        {
            bool same = double.IsNaN(expected[i])
                ? double.IsNaN(actual[i])
                : BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]);
            if (!same)
            {
                return false;
            }
        }

        return true;
    }
}
