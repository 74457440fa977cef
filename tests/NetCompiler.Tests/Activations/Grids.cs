using System;
using System.Collections.Generic;

namespace NetCompiler.Tests.ActivationsTests;

/// <summary>Test inputs: dense uniform and random grids, every binade down to the subnormals, and special values.</summary>
internal static class Grids
{
    public static readonly float[] SpecialSingles =
    [
        0f, -0f, float.Epsilon, -float.Epsilon, 1e-30f, -1e-30f, 1f, -1f, 1e30f, -1e30f,
        float.MaxValue, float.MinValue, float.PositiveInfinity, float.NegativeInfinity, float.NaN,
    ];

    public static readonly double[] SpecialDoubles =
    [
        0.0, -0.0, double.Epsilon, -double.Epsilon, 1e-300, -1e-300, 1.0, -1.0, 1e300, -1e300,
        double.MaxValue, double.MinValue, double.PositiveInfinity, double.NegativeInfinity, double.NaN,
    ];

    /// <summary>
    /// Every multiple of 2^−10 in [−limit, limit], a million seeded random values in it, 64 evenly
    /// spaced values of each sign in every binade from the smallest subnormal up to the limit, and the
    /// special values.
    /// </summary>
    public static float[] Singles(float limit)
    {
        var values = new List<float>();
        for (double x = -limit; x <= limit; x += 1.0 / 1024)
        {
            values.Add((float)x);
        }

        var random = new Random(12345);
        for (int i = 0; i < 1_000_000; i++)
        {
            values.Add((float)(((2 * random.NextDouble()) - 1) * limit));
        }

        for (int exponent = -149; Math.ScaleB(1.0, exponent) <= limit; exponent++)
        {
            for (int step = 0; step < 64; step++)
            {
                float x = (float)Math.ScaleB(1.0 + (step / 64.0), exponent);
                values.Add(x);
                values.Add(-x);
            }
        }

        values.AddRange(SpecialSingles);
        return [.. values];
    }

    /// <inheritdoc cref="Singles(float)"/>
    public static double[] Doubles(double limit)
    {
        var values = new List<double>();
        for (double x = -limit; x <= limit; x += 1.0 / 1024)
        {
            values.Add(x);
        }

        var random = new Random(12345);
        for (int i = 0; i < 1_000_000; i++)
        {
            values.Add(((2 * random.NextDouble()) - 1) * limit);
        }

        for (int exponent = -1074; Math.ScaleB(1.0, exponent) <= limit; exponent++)
        {
            for (int step = 0; step < 64; step++)
            {
                double x = Math.ScaleB(1.0 + (step / 64.0), exponent);
                values.Add(x);
                values.Add(-x);
            }
        }

        values.AddRange(SpecialDoubles);
        return [.. values];
    }
}
