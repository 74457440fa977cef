using System;
using System.Numerics;

namespace NetCompiler.Tests.ActivationsTests;

/// <summary>
/// <see cref="SoftmaxTree"/>: for every count from 5 to 40 (held in registers up to 16, taken a vector at
/// a time past that) and a hundred, its Σ is the documented tree of the scalar exponentials, bit for bit
/// (terms of very different sizes, so another order would round differently; CI runs this at every width
/// of <c>Vector&lt;T&gt;</c> and without hardware intrinsics), each pₖ is eₖ / Σ, exactly the outputs are
/// written, whatever the padding holds, every lane of a block of examples gets its example's bits, and a
/// count below 5 is refused by name.
/// </summary>
public class SoftmaxTreeTests
{
    public static TheoryData<int> Counts()
    {
        var counts = new TheoryData<int>();
        for (int count = SoftmaxTree.MinOutputs; count <= 40; count++)
        {
            counts.Add(count);
        }

        counts.Add(100);

        return counts;
    }

    [Theory]
    [MemberData(nameof(Counts))]
    public void TheSumIsTheTreeOfTheScalarExponentials(int count)
    {
        var random = new Random(40 + count);
        for (int trial = 0; trial < 200; trial++)
        {
            float[] z = PaddedWithNaN(RandomOutputs(random, count));
            float sum = SoftmaxTree.SumOfShiftedExponentials(ref z[0], count, out float max);

            float expectedMax = float.NegativeInfinity;
            for (int k = 0; k < count; k++)
            {
                expectedMax = MathF.Max(expectedMax, z[k]);
            }

            BitAssert.Equal(expectedMax, max);
            BitAssert.Equal(TreeSum(ShiftedExponentials(z, count, expectedMax)), sum);
            BitAssert.Equal(expectedMax + MathF.Log(sum), SoftmaxTree.LogSumExp(ref z[0], count));
        }
    }

    [Theory]
    [MemberData(nameof(Counts))]
    public void EachOutputIsItsExponentialOverTheTreeSumAndNothingElseIsWritten(int count)
    {
        var random = new Random(60 + count);
        const float sentinel = -123.25f;
        for (int trial = 0; trial < 100; trial++)
        {
            float[] z = PaddedWithNaN(RandomOutputs(random, count));
            float[] p = new float[count + 8];
            Array.Fill(p, sentinel);
            SoftmaxTree.Softmax(ref z[0], ref p[0], count);

            float max = float.NegativeInfinity;
            for (int k = 0; k < count; k++)
            {
                max = MathF.Max(max, z[k]);
            }

            float[] e = ShiftedExponentials(z, count, max);
            float sum = TreeSum(e);
            for (int k = 0; k < count; k++)
            {
                BitAssert.Equal(e[k] / sum, p[k]);
            }

            for (int k = count; k < p.Length; k++)
            {
                BitAssert.Equal(sentinel, p[k]);
            }
        }
    }

    [Fact]
    public void ItAgreesWithTheGeneralSoftmax()
    {
        var random = new Random(7);
        float[] z = PaddedWithNaN(RandomOutputs(random, 10));
        float[] tree = new float[10];
        float[] general = new float[10];
        SoftmaxTree.Softmax(ref z[0], ref tree[0], 10);
        Activations.Softmax(z.AsSpan(0, 10), general);
        for (int k = 0; k < 10; k++)
        {
            Assert.Equal(general[k], tree[k], general[k] * 1e-6f);
        }
    }

    [Theory]
    [MemberData(nameof(Counts))]
    public void EveryLaneOfABlockGetsItsExamplesBits(int count)
    {
        int lanes = Vector<float>.Count;
        var random = new Random(80 + count);
        float[][] examples = new float[lanes][];
        float[] z = new float[count * lanes];
        for (int e = 0; e < lanes; e++)
        {
            examples[e] = PaddedWithNaN(RandomOutputs(random, count));
            for (int k = 0; k < count; k++)
            {
                z[k * lanes + e] = examples[e][k];
            }
        }

        float[] p = new float[count * lanes];
        SoftmaxTree.SoftmaxLanes(ref z[0], ref p[0], count);
        Vector<float> logSumExp = SoftmaxTree.LogSumExpLanes(ref z[0], count);
        for (int e = 0; e < lanes; e++)
        {
            float[] alone = new float[count];
            SoftmaxTree.Softmax(ref examples[e][0], ref alone[0], count);
            BitAssert.Equal(SoftmaxTree.LogSumExp(ref examples[e][0], count), logSumExp[e]);
            for (int k = 0; k < count; k++)
            {
                BitAssert.Equal(alone[k], p[k * lanes + e]);
            }
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(0)]
    [InlineData(-1)]
    public void ACountBelowFiveIsRefused(int count)
    {
        float[] z = new float[32];
        float[] p = new float[32];
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxTree.Softmax(ref z[0], ref p[0], count)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxTree.SumOfShiftedExponentials(ref z[0], count, out _)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxTree.SoftmaxLanes(ref z[0], ref p[0], count)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxTree.LogSumExp(ref z[0], count)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxTree.LogSumExpLanes(ref z[0], count)).ParamName);
    }

    /// <summary>Σ = u₀ + u₁ with uⱼ = tⱼ + tⱼ₊₂, tⱼ = sⱼ + sⱼ₊₄, sⱼ = eⱼ + eⱼ₊₈ + eⱼ₊₁₆ + … in output order (+0 past the outputs).</summary>
    private static float TreeSum(float[] e)
    {
        float[] level = new float[8];
        for (int k = 0; k < e.Length; k++)
        {
            level[k % 8] += e[k];
        }

        for (int half = 4; half >= 1; half /= 2)
        {
            for (int k = 0; k < half; k++)
            {
                level[k] += level[k + half];
            }
        }

        return level[0];
    }

    private static float[] ShiftedExponentials(float[] z, int count, float max)
    {
        float[] e = new float[count];
        for (int k = 0; k < count; k++)
        {
            e[k] = Activations.Exp(z[k] - max);
        }

        return e;
    }

    /// <summary>Outputs spread over ±40, so their exponentials span many binades and the order of their sum shows.</summary>
    private static float[] RandomOutputs(Random random, int count)
    {
        float[] z = new float[count];
        for (int k = 0; k < count; k++)
        {
            z[k] = (float)((random.NextDouble() - 0.5) * 80);
        }

        return z;
    }

    /// <summary>The outputs in a region padded to a multiple of sixteen values (a whole vector at any width), the padding NaN: it must not reach any result.</summary>
    private static float[] PaddedWithNaN(float[] outputs)
    {
        float[] region = new float[(outputs.Length + 15) / 16 * 16];
        Array.Fill(region, float.NaN);
        outputs.CopyTo(region, 0);
        return region;
    }

}
