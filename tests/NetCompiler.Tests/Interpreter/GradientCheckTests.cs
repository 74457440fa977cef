using System.Collections.Generic;

namespace NetCompiler.Tests.Interpreter;

/// <summary>The interpreter's analytic gradients against central finite differences (relative error &lt; 1e-6).</summary>
public class GradientCheckTests
{
    private const double Tolerance = 1e-6;

    public static IEnumerable<object[]> DenseCases()
    {
        Activation[] elementwise = [Activation.Identity, Activation.Sigmoid, Activation.Tanh, Activation.ReLU, Activation.LeakyReLU];

        // Every elementwise activation as the hidden layers and as the output, with the squared error.
        foreach (Activation hidden in elementwise)
        {
            foreach (Activation last in elementwise)
            {
                yield return [hidden, last, LossFunction.MeanSquaredError];
            }

            // Softmax last: with the squared error (through the Jacobian) and with cross entropy (fused p − y).
            yield return [hidden, Activation.Softmax, LossFunction.MeanSquaredError];
            yield return [hidden, Activation.Softmax, LossFunction.CrossEntropy];
            yield return [hidden, Activation.Sigmoid, LossFunction.BinaryCrossEntropy];
        }
    }

    [Theory]
    [MemberData(nameof(DenseCases))]
    public void DenseStackMatchesFiniteDifferences(Activation hidden, Activation last, LossFunction loss)
    {
        NetworkSpec spec = GradientCheck.Dense(
            4,
            [new DenseLayerSpec(5, hidden), new DenseLayerSpec(3, hidden), new DenseLayerSpec(3, last)],
            loss);
        (double error, int checkedCount, int nonZero, int skipped) = GradientCheck.Check(spec, seed: 3);
        Assert.True(error < Tolerance, $"largest relative error {error:G3}");

        // Guards against a seed where every ReLU of the last layer is dead and zeros are compared with zeros.
        Assert.True(nonZero * 2 > checkedCount, $"only {nonZero} of {checkedCount} gradients are non-zero");
        Assert.True(skipped * 10 < checkedCount, $"{skipped} of {checkedCount + skipped} differences crossed a kink");
    }

    [Fact]
    public void CrossEntropyWithTargetsNotSummingToOneMatchesFiniteDifferences()
    {
        // δ = p·Σy − y is the derivative of J = −Σ yₖ(zₖ − logsumexp z) for any targets.
        NetworkSpec spec = GradientCheck.Dense(3, [new DenseLayerSpec(4, Activation.Tanh), new DenseLayerSpec(4, Activation.Softmax)], LossFunction.CrossEntropy);
        (double error, _, _, _) = GradientCheck.Check(spec, seed: 11, normalizedTargets: false);
        Assert.True(error < Tolerance, $"largest relative error {error:G3}");
    }

    public static IEnumerable<object[]> ConvolutionCases()
    {
        // Stride 1, padding 1, several channels, pooling, softmax + cross entropy.
        yield return
        [
            new NetworkSpec(
                TensorShape.Image(2, 6, 6),
                [new Conv2DLayerSpec(3, 3, Activation.Tanh, stride: 1, padding: 1), new MaxPool2DLayerSpec(2), new DenseLayerSpec(4, Activation.Softmax)],
                LossFunction.CrossEntropy),
        ];

        // Stride 2 without padding, then a padded convolution, ReLU/LeakyReLU, sigmoid + binary cross entropy.
        yield return
        [
            new NetworkSpec(
                TensorShape.Image(3, 7, 7),
                [new Conv2DLayerSpec(2, 3, Activation.ReLU, stride: 2), new Conv2DLayerSpec(2, 2, Activation.LeakyReLU, stride: 1, padding: 1), new DenseLayerSpec(3, Activation.Sigmoid)],
                LossFunction.BinaryCrossEntropy),
        ];

        // Stride 2 with padding 1, overlapping pooling (size 2, stride 1), squared error.
        yield return
        [
            new NetworkSpec(
                TensorShape.Image(2, 5, 5),
                [new Conv2DLayerSpec(4, 3, Activation.Sigmoid, stride: 2, padding: 1), new MaxPool2DLayerSpec(2, stride: 1), new DenseLayerSpec(2)],
                LossFunction.MeanSquaredError),
        ];

        // Pool 3×3, a convolution after pooling, image output into a dense tanh layer.
        yield return
        [
            new NetworkSpec(
                TensorShape.Image(1, 8, 8),
                [new Conv2DLayerSpec(2, 3), new MaxPool2DLayerSpec(3), new Conv2DLayerSpec(3, 2, Activation.Tanh), new DenseLayerSpec(2, Activation.Tanh)],
                LossFunction.MeanSquaredError),
        ];
    }

    [Theory]
    [MemberData(nameof(ConvolutionCases))]
    public void ConvolutionAndPoolingStacksMatchFiniteDifferences(NetworkSpec spec)
    {
        (double error, int checkedCount, int nonZero, int skipped) = GradientCheck.Check(spec, seed: 3);
        Assert.True(error < Tolerance, $"largest relative error {error:G3}");
        Assert.True(nonZero * 2 > checkedCount, $"only {nonZero} of {checkedCount} gradients are non-zero");
        Assert.True(skipped * 10 < checkedCount, $"{skipped} of {checkedCount + skipped} differences crossed a kink");
    }
}
