using System;
using System.Numerics;

namespace NetCompiler.Tests.ActivationsTests;

public class VectorMathTests
{
    [Fact]
    public void MultiplyAddIsFusedOrRoundedTwicePerLane()
    {
        var random = new Random(11);
        for (int n = 0; n < 1000; n++)
        {
            float a = (float)random.NextDouble(), b = (float)random.NextDouble(), c = (float)(random.NextDouble() - 0.5);
            float lane = VectorMath.MultiplyAdd(new Vector<float>(a), new Vector<float>(b), new Vector<float>(c))[0];
            Assert.True(lane == MathF.FusedMultiplyAdd(a, b, c) || lane == (a * b) + c, $"{a:R}·{b:R}+{c:R} gave {lane:R}");
            Assert.Equal((a * b) + c, VectorMath.MultiplyAdd(a, b, c));

            double x = random.NextDouble(), y = random.NextDouble(), w = random.NextDouble() - 0.5;
            double laned = VectorMath.MultiplyAdd(new Vector<double>(x), new Vector<double>(y), new Vector<double>(w))[Vector<double>.Count - 1];
            Assert.True(laned == Math.FusedMultiplyAdd(x, y, w) || laned == (x * y) + w, $"{x:R}·{y:R}+{w:R} gave {laned:R}");
            Assert.Equal((x * y) + w, VectorMath.MultiplyAdd(x, y, w));
        }
    }
}
