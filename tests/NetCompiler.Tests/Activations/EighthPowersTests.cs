using System;
using System.Numerics;

namespace NetCompiler.Tests.ActivationsTests;

/// <summary>
/// <see cref="EighthPowers"/>, the table behind the float exponential: high + low is 2^(j/8) to well
/// beyond float precision, the high part is 2^(j/8) rounded to float, and the vector lookup gives
/// every lane the scalar lookup of its index's low three bits, whatever the other bits hold.
/// </summary>
public class EighthPowersTests
{
    [Fact]
    public void HighPlusLowIsTwoToTheEighthPower()
    {
        for (int j = 0; j < 8; j++)
        {
            double exact = Math.Pow(2, j / 8.0);
            Assert.Equal((float)exact, EighthPowers.High(j));
            double error = Math.Abs((double)EighthPowers.High(j) + EighthPowers.Low(j) - exact);
            Assert.True(error <= Math.ScaleB(1.0, -46), $"2^({j}/8): high + low is off by {error:E3}");
        }
    }

    [Fact]
    public void EveryLaneLooksUpTheLowThreeBitsOfItsIndex()
    {
        var random = new Random(5);
        var indices = new int[Vector<int>.Count];
        for (int trial = 0; trial < 100; trial++)
        {
            for (int lane = 0; lane < indices.Length; lane++)
            {
                indices[lane] = random.Next(int.MinValue, int.MaxValue);
            }

            var bits = new Vector<int>(indices);
            Vector<float> high = EighthPowers.High(bits);
            Vector<float> low = EighthPowers.Low(bits);
            for (int lane = 0; lane < indices.Length; lane++)
            {
                Assert.Equal(EighthPowers.High(indices[lane] & 7), high[lane]);
                Assert.Equal(EighthPowers.Low(indices[lane] & 7), low[lane]);
            }
        }
    }
}
