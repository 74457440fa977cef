using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace NetCompiler.Tests.ActivationsTests;

public class VectorMathTests
{
    /// <summary>Each lane is a·b + c fused or rounded twice, and the scalar form rounds as a lane does (the scalar tails of vector loops rely on it).</summary>
    [Fact]
    public void MultiplyAddIsFusedOrRoundedTwiceTheSameInLanesAndScalars()
    {
        var random = new Random(11);
        for (int n = 0; n < 1000; n++)
        {
            float a = (float)random.NextDouble(), b = (float)random.NextDouble(), c = (float)(random.NextDouble() - 0.5);
            float lane = VectorMath.MultiplyAdd(new Vector<float>(a), new Vector<float>(b), new Vector<float>(c))[0];
            Assert.True(lane == MathF.FusedMultiplyAdd(a, b, c) || lane == (a * b) + c, $"{a:R}·{b:R}+{c:R} gave {lane:R}");
            BitAssert.Equal(lane, VectorMath.MultiplyAdd(a, b, c));

            double x = random.NextDouble(), y = random.NextDouble(), w = random.NextDouble() - 0.5;
            double laned = VectorMath.MultiplyAdd(new Vector<double>(x), new Vector<double>(y), new Vector<double>(w))[Vector<double>.Count - 1];
            Assert.True(laned == Math.FusedMultiplyAdd(x, y, w) || laned == (x * y) + w, $"{x:R}·{y:R}+{w:R} gave {laned:R}");
            Assert.Equal(BitConverter.DoubleToInt64Bits(laned), BitConverter.DoubleToInt64Bits(VectorMath.MultiplyAdd(x, y, w)));
        }
    }

    /// <summary>
    /// MaxNative gives the larger of two different numbers, either argument first, in every form;
    /// equal magnitudes (±0) give one of them. NaN is left to the hardware, as documented.
    /// </summary>
    [Fact]
    public void MaxNativeGivesTheLargerNumber()
    {
        var random = new Random(12);
        for (int n = 0; n < 1000; n++)
        {
            float a = (float)(random.NextDouble() - 0.5) * 100, b = n % 10 == 0 ? a : (float)(random.NextDouble() - 0.5) * 100;
            float larger = Math.Max(a, b);
            Assert.Equal(larger, VectorMath.MaxNative(a, b));
            Assert.Equal(larger, VectorMath.MaxNative(b, a));
            Assert.Equal(larger, VectorMath.MaxNative(new Vector<float>(a), new Vector<float>(b))[Vector<float>.Count - 1]);
            Assert.Equal(larger, VectorMath.MaxNative(new Vector<float>(b), new Vector<float>(a))[0]);

            double x = a * 1.000000001, y = b;
            double largerd = Math.Max(x, y);
            Assert.Equal(largerd, VectorMath.MaxNative(x, y));
            Assert.Equal(largerd, VectorMath.MaxNative(y, x));
            Assert.Equal(largerd, VectorMath.MaxNative(new Vector<double>(x), new Vector<double>(y))[Vector<double>.Count - 1]);
            Assert.Equal(largerd, VectorMath.MaxNative(new Vector<double>(y), new Vector<double>(x))[0]);
        }

        Assert.Equal(0f, Math.Abs(VectorMath.MaxNative(-0f, 0f)));
        Assert.Equal(float.PositiveInfinity, VectorMath.MaxNative(float.NegativeInfinity, float.PositiveInfinity));
        Assert.Equal(-1e300, VectorMath.MaxNative(double.NegativeInfinity, -1e300));
    }

    /// <summary>
    /// MaxOverLanes (on 256 and on 128 bits) puts max(max(v₀, v₁), v₂) … by MaxNative into lane 0, bit for bit as the generated
    /// softmax's scalar form computes it (equal values, ±0, ±∞ and NaN among them), and the same maximum
    /// into every other of the first count lanes wherever the order cannot matter (no NaN among them);
    /// whatever lies in the lanes after them (NaN included) is not read.
    /// </summary>
    [Fact]
    public void MaxOverLanesIsTheNestedMaxNativeOfTheLeadingLanes()
    {
        foreach ((float[] values, int count, float expected, double expectedDouble) in LeadingLaneCases(13, VectorMath.MaxNative, VectorMath.MaxNative))
        {
            Vector256<float> maxima = VectorMath.MaxOverLanes(Vector256.Create(values), count);
            Vector128<float> maxima128 = VectorMath.MaxOverLanes(Vector128.Create(values[..4]), count);
            Vector256<double> maximaDouble = VectorMath.MaxOverLanes(LowLanesAsDoubles(values), count);
            BitAssert.Equal(expected, maxima[0]);
            BitAssert.Equal(expected, maxima128[0]);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expectedDouble), BitConverter.DoubleToInt64Bits(maximaDouble[0]));
            bool hasNaN = Array.Exists(values[..count], float.IsNaN);
            for (int k = 1; k < count; k++)
            {
                Assert.True(hasNaN || maxima[k] == expected, $"lane {k} of {count}: {maxima[k]:R}, not {expected:R}");
                Assert.True(hasNaN || maxima128[k] == expected, $"lane {k} of {count} (128 bits): {maxima128[k]:R}, not {expected:R}");
                Assert.True(hasNaN || maximaDouble[k] == expectedDouble, $"lane {k} of {count}: {maximaDouble[k]:R}, not {expectedDouble:R}");
            }
        }
    }

    /// <summary>SumOfLanes (on 256 and on 128 bits) is ((v₀ + v₁) + v₂) + v₃ over the first count lanes, in that order, bit for bit (the values are chosen so that the order shows), the lanes after them not read.</summary>
    [Fact]
    public void SumOfLanesAddsTheLeadingLanesInOrder()
    {
        foreach ((float[] values, int count, float expected, double expectedDouble) in LeadingLaneCases(14, (a, b) => a + b, (a, b) => a + b))
        {
            BitAssert.Equal(expected, VectorMath.SumOfLanes(Vector256.Create(values), count));
            BitAssert.Equal(expected, VectorMath.SumOfLanes(Vector128.Create(values[..4]), count));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expectedDouble), BitConverter.DoubleToInt64Bits(VectorMath.SumOfLanes(LowLanesAsDoubles(values), count)));
        }

        // rounded left to right: (1e8 + 1) + (−1e8) = 0 in float, where 1 + (1e8 − 1e8) would be 1
        Assert.Equal(0f, VectorMath.SumOfLanes(Vector256.Create(1e8f, 1f, -1e8f, 0f, 5f, 5f, 5f, 5f), 3));
    }

    /// <summary>
    /// 4000 seeded random vectors of eight lanes (<see cref="RandomLanes"/>), each with every count from 1
    /// to 4 and its first count lanes folded left to right by <paramref name="fold"/>, in float and in double.
    /// </summary>
    private static IEnumerable<(float[] Values, int Count, float Expected, double ExpectedDouble)> LeadingLaneCases(
        int seed, Func<float, float, float> fold, Func<double, double, double> foldDouble)
    {
        var random = new Random(seed);
        for (int n = 0; n < 4000; n++)
        {
            float[] values = RandomLanes(random, 8);
            for (int count = 1; count <= 4; count++)
            {
                float expected = values[0];
                double expectedDouble = values[0];
                for (int k = 1; k < count; k++)
                {
                    expected = fold(expected, values[k]);
                    expectedDouble = foldDouble(expectedDouble, values[k]);
                }

                yield return (values, count, expected, expectedDouble);
            }
        }
    }

    /// <summary>The first four lanes as a vector of doubles (exactly: every float is a double).</summary>
    private static Vector256<double> LowLanesAsDoubles(float[] values) => Vector256.Create((double)values[0], values[1], values[2], values[3]);

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-1)]
    public void LeadingLaneCountsOutsideOneToFourAreRejected(int count)
    {
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => VectorMath.MaxOverLanes(Vector256<float>.Zero, count)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => VectorMath.MaxOverLanes(Vector256<double>.Zero, count)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => VectorMath.MaxOverLanes(Vector128<float>.Zero, count)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => VectorMath.SumOfLanes(Vector128<float>.Zero, count)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => VectorMath.SumOfLanes(Vector256<float>.Zero, count)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => VectorMath.SumOfLanes(Vector256<double>.Zero, count)).ParamName);
    }

    /// <summary>FirstLanes (256 and 128 bits) keeps the first count lanes bit for bit and makes every other +0, whatever it held (NaN, −0, ∞ included).</summary>
    [Fact]
    public void FirstLanesKeepsTheLeadingLanesAndClearsTheRest()
    {
        var random = new Random(15);
        for (int n = 0; n < 200; n++)
        {
            float[] values = RandomLanes(random, 8);
            for (int count = 0; count <= 8; count++)
            {
                Vector256<float> kept = VectorMath.FirstLanes(Vector256.Create(values), count);
                Vector256<double> keptDouble = VectorMath.FirstLanes(LowLanesAsDoubles(values), Math.Min(count, 4));
                Vector128<float> kept128 = VectorMath.FirstLanes(Vector128.Create(values[..4]), Math.Min(count, 4));
                for (int k = 0; k < 8; k++)
                {
                    BitAssert.Equal(k < count ? values[k] : 0f, kept[k]);
                }

                for (int k = 0; k < 4; k++)
                {
                    Assert.Equal(k < count ? BitConverter.DoubleToInt64Bits(values[k]) : 0, BitConverter.DoubleToInt64Bits(keptDouble[k]));
                    BitAssert.Equal(k < count ? values[k] : 0f, kept128[k]);
                }
            }
        }
    }

    /// <summary>StoreFirstLanes writes the first count lanes bit for bit (NaN payloads, −0, ∞ included) and leaves every value before and after them as it was.</summary>
    [Fact]
    public void StoreFirstLanesWritesTheLeadingLanesAndNothingElse()
    {
        const float sentinel = -12345f;
        var random = new Random(16);
        for (int n = 0; n < 100; n++)
        {
            float[] values = RandomLanes(random, 8);
            for (int count = 1; count <= 8; count++)
            {
                var written = new float[10];
                Array.Fill(written, sentinel);
                VectorMath.StoreFirstLanes(Vector256.Create(values), ref written[1], count);
                var writtenDoubles = new double[6];
                Array.Fill(writtenDoubles, sentinel);
                int doubles = Math.Min(count, 4);
                VectorMath.StoreFirstLanes(LowLanesAsDoubles(values), ref writtenDoubles[1], doubles);
                for (int k = 0; k < written.Length; k++)
                {
                    int lane = k - 1;
                    BitAssert.Equal(lane >= 0 && lane < count ? values[lane] : sentinel, written[k]);
                }

                for (int k = 0; k < writtenDoubles.Length; k++)
                {
                    int lane = k - 1;
                    Assert.Equal(BitConverter.DoubleToInt64Bits(lane >= 0 && lane < doubles ? values[lane] : sentinel), BitConverter.DoubleToInt64Bits(writtenDoubles[k]));
                }
            }
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(9, 5)]
    [InlineData(-1, -1)]
    public void StoredLaneCountsOutsideTheVectorAreRejected(int count, int doubles)
    {
        var destination = new float[16];
        var doubleDestination = new double[8];
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => VectorMath.StoreFirstLanes(Vector256<float>.Zero, ref destination[0], count)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => VectorMath.StoreFirstLanes(Vector256<double>.Zero, ref doubleDestination[0], doubles)).ParamName);
        Assert.All(destination, value => Assert.Equal(0f, value));
        Assert.All(doubleDestination, value => Assert.Equal(0.0, value));
    }

    /// <summary>Lane values that make order and ties matter: small integers (ties, sums that cancel), ±0, ±∞, NaN, and large and small magnitudes mixed.</summary>
    private static float[] RandomLanes(Random random, int count)
    {
        float[] special = [0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 1e8f, -1e8f, 1f, -1f, 3f];
        var values = new float[count];
        for (int k = 0; k < count; k++)
        {
            values[k] = random.Next(3) switch
            {
                0 => special[random.Next(special.Length)],
                1 => random.Next(-3, 4),
                _ => (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 9))),
            };
        }

        return values;
    }
}
