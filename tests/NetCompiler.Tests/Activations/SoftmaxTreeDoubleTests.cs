using System;
using System.Numerics;

namespace NetCompiler.Tests.ActivationsTests;

/// <summary>
/// <see cref="SoftmaxTree"/>'s double form: for every count from 5 to 40 and a hundred, log Σ e^z is max z
/// plus the log of the documented tree of the scalar exponentials, bit for bit, each pₖ is eₖ / Σ with
/// exactly the outputs written whatever the padding holds, and every lane of a block of examples gets its
/// example's bits (CI runs this at every width of <c>Vector&lt;T&gt;</c> and without hardware intrinsics).
/// </summary>
public class SoftmaxTreeDoubleTests
{
    public static TheoryData<int> Counts() => SoftmaxTreeTests.Counts();

    [Theory]
    [MemberData(nameof(Counts))]
    public void OneExampleIsTheTreeOfTheScalarExponentials(int count)
    {
        var random = new Random(140 + count);
        const double sentinel = -123.25;
        for (int trial = 0; trial < 50; trial++)
        {
            double[] z = PaddedWithNaN(RandomOutputs(random, count));
            double[] p = new double[count + 8];
            Array.Fill(p, sentinel);
            SoftmaxTree.Softmax(ref z[0], ref p[0], count);

            double max = z[0];
            double[] level = new double[8];
            double[] e = new double[count];
            for (int k = 1; k < count; k++)
            {
                max = Math.Max(max, z[k]);
            }

            for (int k = 0; k < count; k++)
            {
                e[k] = Activations.Exp(z[k] - max);
                level[k % 8] += e[k];
            }

            // tⱼ = sⱼ + sⱼ₊₄, uⱼ = tⱼ + tⱼ₊₂, Σ = u₀ + u₁
            double sum = ((level[0] + level[4]) + (level[2] + level[6])) + ((level[1] + level[5]) + (level[3] + level[7]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(max + Math.Log(sum)), BitConverter.DoubleToInt64Bits(SoftmaxTree.LogSumExp(ref z[0], count)));
            for (int k = 0; k < p.Length; k++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(k < count ? e[k] / sum : sentinel), BitConverter.DoubleToInt64Bits(p[k]));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Counts))]
    public void EveryLaneOfABlockGetsItsExamplesBits(int count)
    {
        int lanes = Vector<double>.Count;
        var random = new Random(180 + count);
        double[][] examples = new double[lanes][];
        double[] z = new double[count * lanes];
        for (int e = 0; e < lanes; e++)
        {
            examples[e] = PaddedWithNaN(RandomOutputs(random, count));
            for (int k = 0; k < count; k++)
            {
                z[k * lanes + e] = examples[e][k];
            }
        }

        double[] p = new double[count * lanes];
        SoftmaxTree.SoftmaxLanes(ref z[0], ref p[0], count);
        Vector<double> logSumExp = SoftmaxTree.LogSumExpLanes(ref z[0], count);
        for (int e = 0; e < lanes; e++)
        {
            double[] alone = new double[count];
            SoftmaxTree.Softmax(ref examples[e][0], ref alone[0], count);
            Assert.Equal(BitConverter.DoubleToInt64Bits(SoftmaxTree.LogSumExp(ref examples[e][0], count)), BitConverter.DoubleToInt64Bits(logSumExp[e]));
            for (int k = 0; k < count; k++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(alone[k]), BitConverter.DoubleToInt64Bits(p[k * lanes + e]));
            }
        }
    }

    [Fact]
    public void ACountBelowFiveIsRefused()
    {
        double[] z = new double[16];
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxTree.Softmax(ref z[0], ref z[8], 4)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxTree.LogSumExp(ref z[0], 4)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxTree.SoftmaxLanes(ref z[0], ref z[8], 0)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxTree.LogSumExpLanes(ref z[0], -1)).ParamName);
    }

    /// <summary>Outputs spread over ±300, so their exponentials span many binades and the order of their sum shows.</summary>
    private static double[] RandomOutputs(Random random, int count)
    {
        double[] z = new double[count];
        for (int k = 0; k < count; k++)
        {
            z[k] = (random.NextDouble() - 0.5) * 600;
        }

        return z;
    }

    /// <summary>The outputs in a region padded to a multiple of eight values (a whole vector at any width), the padding NaN.</summary>
    private static double[] PaddedWithNaN(double[] outputs)
    {
        double[] region = new double[(outputs.Length + 7) / 8 * 8];
        Array.Fill(region, double.NaN);
        outputs.CopyTo(region, 0);
        return region;
    }
}
