using System;
using System.Linq;

namespace NetCompiler.Tests.Networks;

/// <summary>Seeded inputs and targets that suit each loss.</summary>
public static class TestData
{
    public static double[] Uniform(Random random, int count, double low = -1, double high = 1) =>
        Enumerable.Range(0, count).Select(_ => low + ((high - low) * random.NextDouble())).ToArray();

    public static double[] Target(Random random, NetworkSpec spec)
    {
        int size = spec.OutputSize;
        switch (spec.Loss)
        {
            case LossFunction.CrossEntropy:
                double[] weights = Uniform(random, size, 0.05, 1);
                double sum = weights.Sum();
                return weights.Select(weight => weight / sum).ToArray();
            case LossFunction.BinaryCrossEntropy:
                return Uniform(random, size, 0, 1);
            default:
                return Uniform(random, size);
        }
    }

    /// <summary>|a − b| relative to the larger magnitude, with a floor so exact zeros compare absolutely.</summary>
    public static double RelativeError(double a, double b, double floor = 1e-8) =>
        Math.Abs(a - b) / Math.Max(Math.Abs(a) + Math.Abs(b), floor);

    /// <summary>Asserts every pair agrees within <paramref name="tolerance"/> × max(1, |expected|), naming the first index that does not.</summary>
    public static void AssertClose(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double allowed = tolerance * Math.Max(1, Math.Abs(expected[i]));
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= allowed,
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (difference {Math.Abs(expected[i] - actual[i]):E2}, allowed {allowed:E2})");
        }
    }
}
