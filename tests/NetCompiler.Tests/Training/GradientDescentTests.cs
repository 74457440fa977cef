using System;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace NetCompiler.Tests.Training;

/// <summary>
/// <see cref="GradientDescent"/>, the step every generated <c>Step</c> takes region by region: each
/// value against the scalar formula (the multiply-add by the runtime's scalar rule, which fuses
/// exactly when the vector form does), at every vector width, for region lengths with and without
/// a scalar tail; the gradients it used are cleared, and nothing outside the region is touched.
/// </summary>
public class GradientDescentTests
{
    private static readonly int[] Lengths = [0, 1, 7, 8, 15, 16, 17, 35];

    [Fact]
    public void FloatDescendTakesTheScalarStepOnVectorOfT() => AssertDescend<float, Vector<float>, Lanes<float>>(MulAdd.Of);

    [Fact]
    public void DoubleDescendTakesTheScalarStepOnVectorOfT() => AssertDescend<double, Vector<double>, Lanes<double>>(MulAdd.Of);

    [Fact]
    public void FloatDescendTakesTheScalarStepOn512BitVectors() => AssertDescend<float, Vector512<float>, Lanes512<float>>(MulAdd.Of);

    [Fact]
    public void DoubleDescendTakesTheScalarStepOn512BitVectors() => AssertDescend<double, Vector512<double>, Lanes512<double>>(MulAdd.Of);

    [Fact]
    public void FloatDescendWithDecayTakesTheScalarStepOnVectorOfT() => AssertDescendWithDecay<float, Vector<float>, Lanes<float>>();

    [Fact]
    public void DoubleDescendWithDecayTakesTheScalarStepOnVectorOfT() => AssertDescendWithDecay<double, Vector<double>, Lanes<double>>();

    [Fact]
    public void FloatDescendWithDecayTakesTheScalarStepOn512BitVectors() => AssertDescendWithDecay<float, Vector512<float>, Lanes512<float>>();

    [Fact]
    public void DoubleDescendWithDecayTakesTheScalarStepOn512BitVectors() => AssertDescendWithDecay<double, Vector512<double>, Lanes512<double>>();

    /// <summary>p := p − (α/m)·g by the scalar multiply-add, value by value.</summary>
    private static void AssertDescend<T, TVector, V>(Func<T, T, T, T> scalarMultiplyAdd)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where V : struct, ILanes<TVector, T>
    {
        T rate = T.CreateTruncating(0.0371);
        AssertStep<T>(
            (ref T parameters, ref T gradients, int count) => GradientDescent.Descend<T, TVector, V>(ref parameters, ref gradients, count, rate),
            (p, g) => scalarMultiplyAdd(-rate, g, p),
            typeof(V).Name + " Descend");
    }

    /// <summary>p := p − α(g/m + λp), rounded operation by operation, value by value.</summary>
    private static void AssertDescendWithDecay<T, TVector, V>()
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where V : struct, ILanes<TVector, T>
    {
        T inverseCount = T.One / T.CreateTruncating(3);
        T learningRate = T.CreateTruncating(0.05);
        T weightDecay = T.CreateTruncating(0.0013);
        AssertStep<T>(
            (ref T parameters, ref T gradients, int count) => GradientDescent.DescendWithDecay<T, TVector, V>(ref parameters, ref gradients, count, inverseCount, learningRate, weightDecay),
            (p, g) => p - (learningRate * ((g * inverseCount) + (weightDecay * p))),
            typeof(V).Name + " DescendWithDecay");
    }

    private delegate void Step<T>(ref T parameters, ref T gradients, int count);

    /// <summary>
    /// Runs <paramref name="step"/> on a region three values into each array, for every length in
    /// <see cref="Lengths"/>, and compares every value with <paramref name="expected"/>; values around
    /// the region keep their sentinels and the region's gradients are +0 afterwards.
    /// </summary>
    private static void AssertStep<T>(Step<T> step, Func<T, T, T> expected, string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int offset = 3;
        T sentinel = T.CreateTruncating(12345);
        foreach (int count in Lengths)
        {
            var parameters = new T[count + (2 * offset)];
            var gradients = new T[parameters.Length];
            Array.Fill(parameters, sentinel);
            Array.Fill(gradients, sentinel);
            var want = (T[])parameters.Clone();
            for (int i = offset; i < offset + count; i++)
            {
                parameters[i] = T.CreateTruncating(1.0 / (i + 2)) - T.CreateTruncating(0.07 * i);
                gradients[i] = T.CreateTruncating(-3.0 / (i + 5)) + T.CreateTruncating(0.011 * i * i);
                want[i] = expected(parameters[i], gradients[i]);
            }

            step(ref parameters[offset], ref gradients[offset], count);
            for (int i = 0; i < parameters.Length; i++)
            {
                bool inRegion = i >= offset && i < offset + count;
                Assert.True(want[i].Equals(parameters[i]), $"{name}, {count} values, parameter {i}: {parameters[i]} instead of {want[i]}");
                T gradient = inRegion ? T.Zero : sentinel;
                Assert.True(gradient.Equals(gradients[i]) && !T.IsNegative(gradients[i]), $"{name}, {count} values, gradient {i}: {gradients[i]} instead of {gradient}");
            }
        }
    }
}
