using System;
using System.Linq;

namespace NetCompiler.Tests.Initialization;

public class DeterministicRandomTests
{
    [Fact]
    public void PortableLogAgreesWithMathLogToAFewUlps()
    {
        var random = new Random(1);
        for (int i = 0; i < 100_000; i++)
        {
            // Spread over many binades, including the (0, 1) range the polar method uses.
            double x = Math.Pow(2, random.Next(-1074, 1024)) * (1 + random.NextDouble());
            if (double.IsInfinity(x) || x == 0)
            {
                continue;
            }

            double expected = Math.Log(x);
            double actual = DeterministicRandom.Log(x);
            Assert.True(Math.Abs(actual - expected) <= 4e-16 * Math.Max(1, Math.Abs(expected)), $"Log({x:R}) = {actual:R}, Math.Log gives {expected:R}");
        }

        Assert.Equal(0, DeterministicRandom.Log(1));
        Assert.Equal(Math.Log(2), DeterministicRandom.Log(2), 15);
        Assert.Equal(Math.Log(double.Epsilon), DeterministicRandom.Log(double.Epsilon), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => DeterministicRandom.Log(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DeterministicRandom.Log(-1));
    }

    [Fact]
    public void UniformDoublesAreInRangeAndUniform()
    {
        var random = new DeterministicRandom(99);
        double[] u = Enumerable.Range(0, 200_000).Select(_ => random.NextDouble()).ToArray();
        Assert.All(u, v => Assert.InRange(v, 0, 1 - 1e-17));
        Assert.InRange(u.Average(), 0.498, 0.502);
        for (int bucket = 0; bucket < 10; bucket++)
        {
            Assert.InRange(u.Count(v => (int)(v * 10) == bucket), 19_400, 20_600);
        }
    }

    [Fact]
    public void NormalsHaveMeanZeroAndVarianceOne()
    {
        var random = new DeterministicRandom(5);
        double[] n = Enumerable.Range(0, 200_000).Select(_ => random.NextNormal()).ToArray();
        Assert.InRange(n.Average(), -0.01, 0.01);
        Assert.InRange(n.Select(v => v * v).Average(), 0.99, 1.01);
    }

    [Fact]
    public void StreamsDiffer()
    {
        Assert.NotEqual(DeterministicRandom.ForStream(1, 0).NextUInt64(), DeterministicRandom.ForStream(1, 1).NextUInt64());
        Assert.NotEqual(DeterministicRandom.ForStream(1, 0).NextUInt64(), DeterministicRandom.ForStream(2, 0).NextUInt64());
        Assert.Equal(DeterministicRandom.ForStream(3, 4).NextUInt64(), DeterministicRandom.ForStream(3, 4).NextUInt64());
    }
}
