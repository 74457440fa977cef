using System;

namespace NetCompiler.Tests.Convolution;

/// <summary>Small layers against values worked out by hand from the formulas, independently of the interpreter.</summary>
public class HandComputedTests
{
    [Fact]
    public void ConvolutionIsCrossCorrelationWithWeightsInFilterChannelRowColumnOrder()
    {
        var network = new HandConvDouble();
        double[] parameters = [1, 2, 3, 4, 0.5]; // W[0, 0] = [[1, 2], [3, 4]], b = 0.5
        parameters.AsSpan().CopyTo(network.Parameters);
        double[] image = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        var z = new double[4];
        network.Forward(image, z);

        // z[y, x] = 0.5 + 1·a[y, x] + 2·a[y, x + 1] + 3·a[y + 1, x] + 4·a[y + 1, x + 1]
        Assert.Equal([37.5, 47.5, 67.5, 77.5], z);
    }

    [Fact]
    public void ConvolutionGradientsByHand()
    {
        var network = new HandConvDouble();
        double[] parameters = [1, 2, 3, 4, 0.5];
        parameters.AsSpan().CopyTo(network.Parameters);
        double[] image = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        network.Forward(image, new double[4]);
        double[] g = [1, -1, 2, 0.5]; // dJ/dz
        var inputGradient = new double[9];
        network.Backpropagate(g, inputGradient);

        // ∇W[ky, kx] = Σ g[y, x]·a[y + ky, x + kx]; ∇b = Σ g
        Assert.Equal(
            [
                (1 * 1) - (1 * 2) + (2 * 4) + (0.5 * 5),
                (1 * 2) - (1 * 3) + (2 * 5) + (0.5 * 6),
                (1 * 4) - (1 * 5) + (2 * 7) + (0.5 * 8),
                (1 * 5) - (1 * 6) + (2 * 8) + (0.5 * 9),
                2.5,
            ],
            network.Gradients.ToArray());

        // dJ/da[i, j] = Σ W[i − y, j − x]·g[y, x] over the outputs whose window covers (i, j)
        Assert.Equal(
            [
                1 * 1, (2 * 1) + (1 * -1), 2 * -1,
                (3 * 1) + (1 * 2), (4 * 1) + (3 * -1) + (2 * 2) + (1 * 0.5), (4 * -1) + (2 * 0.5),
                3 * 2, (4 * 2) + (3 * 0.5), 4 * 0.5,
            ],
            inputGradient);
    }

    [Fact]
    public void ZeroPaddingAddsNothing()
    {
        var network = new HandPaddedConvFloat();
        float[] parameters = [1, 1, 1, 1, 1, 1, 1, 1, 1, 0];
        parameters.AsSpan().CopyTo(network.Parameters);
        var z = new float[4];
        network.Forward([1, 2, 3, 4], z);

        // Every 3×3 window around a pixel of a 2×2 image covers the whole image and five zeros.
        Assert.Equal([10f, 10f, 10f, 10f], z);
        float[] weights = [0, 0, 0, 0, 1, 0, 0, 0, 0.5f, 0]; // the centre and the bottom-right tap
        weights.AsSpan().CopyTo(network.Parameters);
        network.Forward([1, 2, 3, 4], z);
        Assert.Equal([1 + (0.5f * 4), 2, 3, 4], z);
    }

    [Fact]
    public void PoolingTakesTheMaximumAndRoutesToTheFirstOfEqualMaxima()
    {
        var network = new HandPoolDouble();
        double[] image =
        [
            1, 5, 2, 2,
            3, 4, 2, 2,
            -1, -2, 0, 7,
            -3, -1, 7, 6,
        ];
        var z = new double[4];
        network.Forward(image, z);
        Assert.Equal([5, 2, -1, 7], z);

        var inputGradient = new double[16];
        network.Backpropagate([10, 20, 30, 40], inputGradient);
        Assert.Equal(
            [
                0, 10, 20, 0,   // the 2s tie: the first (row-major) takes it
                0, 0, 0, 0,
                30, 0, 0, 40,   // 7 at (2, 3) comes before 7 at (3, 2)
                0, 0, 0, 0,
            ],
            inputGradient);
    }
}
