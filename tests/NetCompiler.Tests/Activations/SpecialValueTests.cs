using System;
using System.Numerics;

namespace NetCompiler.Tests.ActivationsTests;

/// <summary>Infinities, NaN, signed zeros and huge arguments, in the scalar and the vector forms.</summary>
public class SpecialValueTests
{
    [Fact]
    public void ExpHandlesSpecialValues()
    {
        AssertBoth(Activations.Exp, Activations.Exp, 0f, 1f);
        AssertBoth(Activations.Exp, Activations.Exp, -0f, 1f);
        AssertBoth(Activations.Exp, Activations.Exp, float.PositiveInfinity, float.PositiveInfinity);
        AssertBoth(Activations.Exp, Activations.Exp, float.NegativeInfinity, 0f);
        AssertBoth(Activations.Exp, Activations.Exp, float.NaN, float.NaN);
        AssertBoth(Activations.Exp, Activations.Exp, 1e30f, float.PositiveInfinity);
        AssertBoth(Activations.Exp, Activations.Exp, -1e30f, 0f);
        AssertBoth(Activations.Exp, Activations.Exp, float.MaxValue, float.PositiveInfinity);
        AssertBoth(Activations.Exp, Activations.Exp, float.MinValue, 0f);
        AssertBoth(Activations.Exp, Activations.Exp, 0.0, 1.0);
        AssertBoth(Activations.Exp, Activations.Exp, -0.0, 1.0);
        AssertBoth(Activations.Exp, Activations.Exp, double.PositiveInfinity, double.PositiveInfinity);
        AssertBoth(Activations.Exp, Activations.Exp, double.NegativeInfinity, 0.0);
        AssertBoth(Activations.Exp, Activations.Exp, double.NaN, double.NaN);
        AssertBoth(Activations.Exp, Activations.Exp, 1e300, double.PositiveInfinity);
        AssertBoth(Activations.Exp, Activations.Exp, -1e300, 0.0);
    }

    [Fact]
    public void ExpOverflowsAndUnderflowsOnlyWhereTheTrueValueDoes()
    {
        Assert.True(Activations.Exp(88.7f) < float.PositiveInfinity);
        Assert.True(Activations.Exp(709.7) < double.PositiveInfinity);
        Assert.True(Activations.Exp(-103f) > 0f);
        Assert.True(Activations.Exp(-744.0) > 0.0);
    }

    /// <summary>
    /// Where e^x is below half the smallest subnormal it is +0, and above it is not: for every float
    /// from −104.5 to −103.5 and for doubles around −745.13, in the scalar form and in every lane.
    /// (The kernel gives that +0 without an underflowing multiplication where it can; this pins
    /// where.) The true value is Math.Exp's, away from the boundary by a relative 10⁻⁹.
    /// </summary>
    [Fact]
    public void ExpIsZeroExactlyWhereTheTrueValueRoundsToZero()
    {
        const double halfSmallestSingle = 7.006492321624085e-46; // 2^−150
        var floats = new float[Vector<float>.Count];
        int filled = 0;
        for (int bits = BitConverter.SingleToInt32Bits(-103.5f); bits <= BitConverter.SingleToInt32Bits(-104.5f); bits++)
        {
            float x = BitConverter.Int32BitsToSingle(bits);
            AssertZeroExactlyBelow(x, Activations.Exp(x), Math.Exp(x), halfSmallestSingle);
            floats[filled++] = x;
            if (filled == floats.Length)
            {
                Vector<float> lanes = Activations.Exp(new Vector<float>(floats));
                for (int lane = 0; lane < floats.Length; lane++)
                {
                    Assert.Equal(BitConverter.SingleToInt32Bits(Activations.Exp(floats[lane])), BitConverter.SingleToInt32Bits(lanes[lane]));
                }

                filled = 0;
            }
        }

        // 2^−1075 is no double, and Math.Exp is 0 below it: compare x with ln 2^−1075 instead
        double lnHalfSmallestDouble = -1075 * Math.Log(2);
        var doubles = new double[Vector<double>.Count];
        for (int step = 0; step < 200_000; step++)
        {
            double x = -745.2 + step * 1e-6;
            double value = Activations.Exp(x);
            doubles[step % doubles.Length] = x;
            if (step % doubles.Length == doubles.Length - 1)
            {
                Vector<double> lanes = Activations.Exp(new Vector<double>(doubles));
                for (int lane = 0; lane < doubles.Length; lane++)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(Activations.Exp(doubles[lane])), BitConverter.DoubleToInt64Bits(lanes[lane]));
                }
            }

            if (x < lnHalfSmallestDouble - 1e-9)
            {
                Assert.True(value == 0.0 && !double.IsNegative(value), $"e^{x:R} = {value:R}, expected +0");
            }
            else if (x > lnHalfSmallestDouble + 1e-9)
            {
                Assert.True(value > 0.0, $"e^{x:R} = {value:R}, expected a subnormal");
            }
        }
    }

    private static void AssertZeroExactlyBelow(float x, float value, double trueValue, double half)
    {
        if (trueValue < half * (1 - 1e-9))
        {
            Assert.True(value == 0f && !float.IsNegative(value), $"e^{x:R} = {value:R}, expected +0");
        }
        else if (trueValue > half * (1 + 1e-9))
        {
            Assert.True(value > 0f, $"e^{x:R} = {value:R}, expected a subnormal");
        }
    }

    [Fact]
    public void SigmoidHandlesSpecialValues()
    {
        AssertBoth(Activations.Sigmoid, Activations.Sigmoid, 0f, 0.5f);
        AssertBoth(Activations.Sigmoid, Activations.Sigmoid, -0f, 0.5f);
        AssertBoth(Activations.Sigmoid, Activations.Sigmoid, float.PositiveInfinity, 1f);
        AssertBoth(Activations.Sigmoid, Activations.Sigmoid, float.NegativeInfinity, 0f);
        AssertBoth(Activations.Sigmoid, Activations.Sigmoid, float.NaN, float.NaN);
        AssertBoth(Activations.Sigmoid, Activations.Sigmoid, 1e30f, 1f);
        AssertBoth(Activations.Sigmoid, Activations.Sigmoid, -1e30f, 0f);
        AssertBoth(Activations.Sigmoid, Activations.Sigmoid, 0.0, 0.5);
        AssertBoth(Activations.Sigmoid, Activations.Sigmoid, double.PositiveInfinity, 1.0);
        AssertBoth(Activations.Sigmoid, Activations.Sigmoid, double.NegativeInfinity, 0.0);
        AssertBoth(Activations.Sigmoid, Activations.Sigmoid, double.NaN, double.NaN);
        AssertBoth(Activations.Sigmoid, Activations.Sigmoid, 1e300, 1.0);
        AssertBoth(Activations.Sigmoid, Activations.Sigmoid, -1e300, 0.0);
        Assert.True(Activations.Sigmoid(-100f) > 0f, "σ(−100) ≈ 3.7e−44 is a float subnormal, not 0");
    }

    [Fact]
    public void TanhHandlesSpecialValues()
    {
        AssertBoth(Activations.Tanh, Activations.Tanh, 0f, 0f);
        AssertBoth(Activations.Tanh, Activations.Tanh, -0f, -0f);
        AssertBoth(Activations.Tanh, Activations.Tanh, float.PositiveInfinity, 1f);
        AssertBoth(Activations.Tanh, Activations.Tanh, float.NegativeInfinity, -1f);
        AssertBoth(Activations.Tanh, Activations.Tanh, float.NaN, float.NaN);
        AssertBoth(Activations.Tanh, Activations.Tanh, 1e30f, 1f);
        AssertBoth(Activations.Tanh, Activations.Tanh, -20f, -1f);
        AssertBoth(Activations.Tanh, Activations.Tanh, float.Epsilon, float.Epsilon);
        AssertBoth(Activations.Tanh, Activations.Tanh, 0.0, 0.0);
        AssertBoth(Activations.Tanh, Activations.Tanh, -0.0, -0.0);
        AssertBoth(Activations.Tanh, Activations.Tanh, double.PositiveInfinity, 1.0);
        AssertBoth(Activations.Tanh, Activations.Tanh, double.NegativeInfinity, -1.0);
        AssertBoth(Activations.Tanh, Activations.Tanh, double.NaN, double.NaN);
        AssertBoth(Activations.Tanh, Activations.Tanh, -1e300, -1.0);
        AssertBoth(Activations.Tanh, Activations.Tanh, double.Epsilon, double.Epsilon);
    }

    /// <summary>
    /// Float tanh has no clamp: its quotient must not round above 1 in magnitude below the saturation
    /// at 8.06, which holds for fused and for separate multiply-adds alike. Every float from 7 (where
    /// tanh is 28 ulp below 1) to 9.5, both signs, scalar and vector, is checked; and the saturation
    /// gives exactly ±1.
    /// </summary>
    [Fact]
    public void TanhStaysWithinMinusOneAndOne()
    {
        var values = new float[Vector<float>.Count];
        for (float x = 7f; x <= 9.5f; x = MathF.BitIncrement(x))
        {
            float t = Activations.Tanh(x);
            Assert.True(t <= 1f && Activations.Tanh(-x) == -t, $"tanh({x:R}) = {t:R}");
            Array.Fill(values, -x);
            values[0] = x;
            Vector<float> lanes = Activations.Tanh(new Vector<float>(values));
            Assert.True(lanes[0] == t && lanes[Vector<float>.Count - 1] == -t, $"vector tanh({x:R}) = {lanes[0]:R}, scalar {t:R}");
        }

        Assert.Equal(1f, Activations.Tanh(8.06f));
        Assert.True(Activations.Tanh(MathF.BitDecrement(8.06f)) < 1f);
    }

    [Fact]
    public void PiecewiseLinearUnitsHandleSpecialValues()
    {
        AssertBoth(Activations.ReLU, Activations.ReLU, -0f, 0f);
        AssertBoth(Activations.ReLU, Activations.ReLU, float.NegativeInfinity, 0f);
        AssertBoth(Activations.ReLU, Activations.ReLU, float.PositiveInfinity, float.PositiveInfinity);
        AssertBoth(Activations.ReLU, Activations.ReLU, float.NaN, float.NaN);
        AssertBoth(Activations.ReLU, Activations.ReLU, -0.0, 0.0);
        AssertBoth(Activations.ReLU, Activations.ReLU, double.NaN, double.NaN);
        AssertBoth(Activations.LeakyReLU, Activations.LeakyReLU, -100f, -1f);
        AssertBoth(Activations.LeakyReLU, Activations.LeakyReLU, float.NegativeInfinity, float.NegativeInfinity);
        AssertBoth(Activations.LeakyReLU, Activations.LeakyReLU, float.NaN, float.NaN);
        AssertBoth(Activations.LeakyReLU, Activations.LeakyReLU, -100.0, -1.0);
        AssertBoth(Activations.Step, Activations.Step, 0f, 0f);
        AssertBoth(Activations.Step, Activations.Step, float.Epsilon, 1f);
        AssertBoth(Activations.Step, Activations.Step, float.NaN, 0f);
        AssertBoth(Activations.Step, Activations.Step, -0.0, 0.0);
        AssertBoth(Activations.Step, Activations.Step, double.PositiveInfinity, 1.0);
    }

    [Fact]
    public void NoFunctionGivesNaNForANonNaNArgument()
    {
        foreach (float z in Grids.Singles(110f))
        {
            if (!float.IsNaN(z))
            {
                Assert.False(float.IsNaN(Activations.Exp(z)) || float.IsNaN(Activations.Sigmoid(z)) || float.IsNaN(Activations.Tanh(z)), $"NaN at {z:R}");
            }
        }

        foreach (double z in Grids.SpecialDoubles)
        {
            if (!double.IsNaN(z))
            {
                Assert.False(double.IsNaN(Activations.Exp(z)) || double.IsNaN(Activations.Sigmoid(z)) || double.IsNaN(Activations.Tanh(z)), $"NaN at {z:R}");
            }
        }
    }

    private static void AssertBoth(Func<float, float> scalar, Func<Vector<float>, Vector<float>> vector, float z, float expected)
    {
        Assert.True(Same(expected, scalar(z)), $"scalar at {z:R}: {scalar(z):R}, expected {expected:R}");
        Assert.True(Same(expected, vector(new Vector<float>(z))[Vector<float>.Count - 1]), $"vector at {z:R}: expected {expected:R}");
    }

    private static void AssertBoth(Func<double, double> scalar, Func<Vector<double>, Vector<double>> vector, double z, double expected)
    {
        Assert.True(Same(expected, scalar(z)), $"scalar at {z:R}: {scalar(z):R}, expected {expected:R}");
        Assert.True(Same(expected, vector(new Vector<double>(z))[Vector<double>.Count - 1]), $"vector at {z:R}: expected {expected:R}");
    }

    private static bool Same(float expected, float actual) =>
        float.IsNaN(expected) ? float.IsNaN(actual) : BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual);

    private static bool Same(double expected, double actual) =>
        double.IsNaN(expected) ? double.IsNaN(actual) : BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual);
}
