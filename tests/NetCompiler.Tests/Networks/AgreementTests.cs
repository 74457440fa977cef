using System;
using System.Linq;

namespace NetCompiler.Tests.Networks;

/// <summary>
/// Every generated dense network against the reference interpreter run on the same parameters:
/// outputs, losses, parameter gradients and input gradients, plus finite differences.
/// </summary>
public class AgreementTests
{
    private const int Examples = 6;

    [Theory]
    [MemberData(nameof(DenseCases.All), MemberType = typeof(DenseCases))]
    public void ForwardEqualsInterpreter(DenseCases.NamedFactory factory)
    {
        NetworkUnderTest network = factory.Create();
        ReferenceInterpreter interpreter = network.CreateInterpreter();
        var random = new Random(11);
        for (int example = 0; example < Examples; example++)
        {
            double[] input = TestData.Uniform(random, network.Spec.InputSize, -2, 2);
            var expected = new double[network.Spec.OutputSize];
            interpreter.Forward(input, expected);
            TestData.AssertClose(expected, network.Forward(input), ForwardTolerance(network), network.Name + " output");
        }
    }

    [Theory]
    [MemberData(nameof(DenseCases.All), MemberType = typeof(DenseCases))]
    public void BackwardGradientsEqualInterpreter(DenseCases.NamedFactory factory)
    {
        NetworkUnderTest network = factory.Create();
        ReferenceInterpreter interpreter = network.CreateInterpreter();
        var random = new Random(12);
        for (int example = 0; example < Examples; example++)
        {
            double[] input = TestData.Uniform(random, network.Spec.InputSize);
            double[] target = TestData.Target(random, network.Spec);
            double expectedLoss = interpreter.Backward(input, target);
            double loss = network.Backward(input, target);
            TestData.AssertClose([expectedLoss], [loss], ForwardTolerance(network), network.Name + " loss");
        }

        Assert.Equal(Examples, network.AccumulatedSamples);
        TestData.AssertClose(interpreter.Gradients.ToArray(), network.Gradients, GradientTolerance(network), network.Name + " gradient");
    }

    [Theory]
    [MemberData(nameof(DenseCases.All), MemberType = typeof(DenseCases))]
    public void BackpropagateGivesInputGradientOfInterpreter(DenseCases.NamedFactory factory)
    {
        NetworkUnderTest network = factory.Create();
        ReferenceInterpreter interpreter = network.CreateInterpreter();
        var random = new Random(13);
        double[] input = TestData.Uniform(random, network.Spec.InputSize);
        double[] outputGradient = TestData.Uniform(random, network.Spec.OutputSize);

        interpreter.Forward(input, new double[network.Spec.OutputSize]);
        var expected = new double[network.Spec.InputSize];
        interpreter.Backpropagate(outputGradient, expected);
        network.Forward(input);
        double[] actual = network.Backpropagate(outputGradient);

        TestData.AssertClose(expected, actual, GradientTolerance(network), network.Name + " dJ/dinput");
        TestData.AssertClose(interpreter.Gradients.ToArray(), network.Gradients, GradientTolerance(network), network.Name + " gradient");
        Assert.Equal(1, network.AccumulatedSamples);
    }

    [Theory]
    [MemberData(nameof(DenseCases.DoublePrecision), MemberType = typeof(DenseCases))]
    public void GradientsMatchCentralFiniteDifferences(DenseCases.NamedFactory factory)
    {
        NetworkUnderTest network = factory.Create();
        var random = new Random(14);
        double[] input = TestData.Uniform(random, network.Spec.InputSize);
        double[] target = TestData.Target(random, network.Spec);
        network.Backward(input, target);
        double[] analytic = network.Gradients;
        double[] parameters = network.Parameters;

        // The five-point central stencil: truncation error O(h⁴), so h can be large enough that
        // rounding in J (≈ ε·|J|/h) stays far below 1e-6 of even the smallest gradients.
        const double h = 1e-4;
        double worst = 0;
        string worstAt = string.Empty;
        for (int i = 0; i < parameters.Length; i++)
        {
            double numeric = ((8 * (LossAt(network, parameters, i, +h, input, target) - LossAt(network, parameters, i, -h, input, target)))
                - (LossAt(network, parameters, i, +2 * h, input, target) - LossAt(network, parameters, i, -2 * h, input, target))) / (12 * h);
            double error = TestData.RelativeError(analytic[i], numeric);
            if (error > worst)
            {
                worst = error;
                worstAt = $"parameter {i}: analytic {analytic[i]:R}, numeric {numeric:R}";
            }
        }

        Assert.True(worst < 1e-6, $"{network.Name}: largest relative error {worst:E2} at {worstAt}");
    }

    [Theory]
    [MemberData(nameof(DenseCases.All), MemberType = typeof(DenseCases))]
    public void VerifierPasses(DenseCases.NamedFactory factory)
    {
        NetworkUnderTest network = factory.Create();
        VerificationReport report = network.Verify();
        Assert.True(report.Passed, report.ToString());
    }

    private static double LossAt(NetworkUnderTest network, double[] parameters, int index, double offset, double[] input, double[] target)
    {
        double[] shifted = (double[])parameters.Clone();
        shifted[index] += offset;
        network.Parameters = shifted;
        network.ZeroGradients();
        double loss = network.Backward(input, target);
        network.Parameters = parameters;
        return loss;
    }

    /// <summary>
    /// An infinite input that switches off every ReLU unit of a first layer computed by W's columns:
    /// each z is −∞, so the output is the second layer's biases, as the interpreter says. The padding
    /// lanes of that layer's vector hold b's neighbours plus W's first weight times each input, +∞
    /// here, and the next layer reads all eight lanes of the register (against zero weights), so it
    /// would give NaN were they not cleared. One example, a batch and <c>Infer</c> alike.
    /// </summary>
    [Fact]
    public void AnInfiniteInputThatSwitchesEveryUnitOffGivesTheInterpretersOutput()
    {
        NetworkUnderTest network = NetworkUnderTest.Of(new ReluColumnsSingle(seed: 15), ReluColumnsSingle.Infer);
        double[] parameters = network.Parameters;
        for (int j = 0; j < 5; j++)
        {
            parameters[2 * j] = 0.5 + (0.1 * j);       // W¹ⱼ₀ > 0: the padding lanes take W¹₀₀ · (+∞) = +∞
            parameters[(2 * j) + 1] = -(0.3 + (0.1 * j)); // W¹ⱼ₁ < 0: every unit's z is −∞
        }

        network.Parameters = parameters;
        double[] input = [0.25, double.PositiveInfinity];
        var expected = new double[network.Spec.OutputSize];
        network.CreateInterpreter().Forward(input, expected);

        Assert.All(expected, value => Assert.True(double.IsFinite(value)));
        TestData.AssertClose(expected, network.Forward(input), ForwardTolerance(network), "Forward");
        TestData.AssertClose(expected, network.Operations.ForwardBatch([.. input, .. input], 2)[..2], ForwardTolerance(network), "batch Forward");
        TestData.AssertClose(expected, network.Operations.Infer(network.Parameters, input), ForwardTolerance(network), "Infer");
    }

    /// <summary>
    /// An infinite weight in a folded row (its whole vectors plus its last, which ends where the row
    /// ends): in a row of twelve, weight 5 lies in the first vector and in the last; in a row of 31,
    /// weight 23 in the third vector and in the last. The last vector's copy must be cleared with its
    /// input, or +∞ · 0 would make the unit's z NaN. The interpreter's z is +∞ and tanh makes it 1, so
    /// the output is finite. One example, a batch in lanes and <c>Infer</c> alike.
    /// </summary>
    [Theory]
    [InlineData(nameof(TailFoldedRowsSingle), 5)]
    [InlineData(nameof(ThirtyOneInputRowsSingle), 23)]
    public void AnInfiniteWeightInAFoldedRowGivesTheInterpretersOutput(string name, int weight)
    {
        NetworkUnderTest network = name == nameof(TailFoldedRowsSingle)
            ? NetworkUnderTest.Of(new TailFoldedRowsSingle(seed: 21), TailFoldedRowsSingle.Infer)
            : NetworkUnderTest.Of(new ThirtyOneInputRowsSingle(seed: 21), ThirtyOneInputRowsSingle.Infer);
        double[] parameters = network.Parameters;
        parameters[weight] = double.PositiveInfinity; // W¹ of the first unit
        network.Parameters = parameters;
        double[] input = Enumerable.Range(0, network.Spec.InputSize).Select(i => 0.25 + (0.05 * i)).ToArray();
        var expected = new double[network.Spec.OutputSize];
        network.CreateInterpreter().Forward(input, expected);

        Assert.All(expected, value => Assert.True(double.IsFinite(value)));
        TestData.AssertClose(expected, network.Forward(input), ForwardTolerance(network), "Forward");
        // sixteen examples: a block in vector lanes at every width
        double[] batch = Enumerable.Repeat(input, 16).SelectMany(example => example).ToArray();
        TestData.AssertClose(expected, network.Operations.ForwardBatch(batch, 16)[..network.Spec.OutputSize], ForwardTolerance(network), "batch Forward");
        TestData.AssertClose(expected, network.Operations.Infer(network.Parameters, input), ForwardTolerance(network), "Infer");
    }

    private static double ForwardTolerance(NetworkUnderTest network) => network.IsDouble ? 1e-12 : 2e-6;

    private static double GradientTolerance(NetworkUnderTest network) => network.IsDouble ? 1e-11 : 2e-5;
}
