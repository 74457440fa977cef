using System;
using System.Numerics;

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
            Assert.Equal(BitConverter.SingleToInt32Bits(lane), BitConverter.SingleToInt32Bits(VectorMath.MultiplyAdd(a, b, c)));

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
}
