using System;
using System.Numerics;
using System.Runtime.InteropServices;
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

    [Fact]
    public void FloatDescendSkippingZeroGradientsTakesTheScalarStepOnVectorOfT() => AssertDescend<float, Vector<float>, Lanes<float>>(MulAdd.Of, skipping: true);

    [Fact]
    public void DoubleDescendSkippingZeroGradientsTakesTheScalarStepOn512BitVectors() => AssertDescend<double, Vector512<double>, Lanes512<double>>(MulAdd.Of, skipping: true);

    [Fact]
    public void FloatDescendSkipsOnlyVectorsOfPositiveZeroGradientsOnVectorOfT() => AssertSkipsPositiveZeroVectors<float, Vector<float>, Lanes<float>>();

    [Fact]
    public void DoubleDescendSkipsOnlyVectorsOfPositiveZeroGradientsOn512BitVectors() => AssertSkipsPositiveZeroVectors<double, Vector512<double>, Lanes512<double>>();

    /// <summary>
    /// <see cref="GradientDescent.DescendSkippingZeroGradients"/> over four vectors and a scalar tail:
    /// a vector of +0 gradients, one of −0 gradients, one with a single non-zero lane, an ordinary
    /// one, and a tail of +0 gradients (not a whole vector). Every parameter ends as the scalar step
    /// gives it (NaN as NaN) and every gradient as +0, and the skipping shows in the one place it can:
    /// a signaling NaN parameter, which a step would quiet, keeps its bits in the vector of +0
    /// gradients (α/m = 0.0371) and nowhere else; with α/m = −0.25, where (−α/m)·(+0) is +0 and
    /// would turn a −0 parameter into +0, nothing is skipped.
    /// </summary>
    private static void AssertSkipsPositiveZeroVectors<T, TVector, V>()
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where V : struct, ILanes<TVector, T>
    {
        int n = V.Count;
        int count = (4 * n) + 3;
        // written as bits: a signaling NaN made by BitConverter from a constant can reach the array quieted
        long signalingNaN = typeof(T) == typeof(float) ? 0x7FA0_0001 : 0x7FF4_0000_0000_0001;
        foreach (double rate in new[] { 0.0371, -0.25 })
        {
            var parameters = new T[count];
            var gradients = new T[count];
            for (int i = 0; i < count; i++)
            {
                parameters[i] = i % 4 == 2 ? T.NegativeZero : T.CreateTruncating(0.25 * (i + 1));
                if (i % 4 == 1)
                {
                    Span<byte> bytes = MemoryMarshal.AsBytes(parameters.AsSpan(i, 1));
                    if (typeof(T) == typeof(float))
                    {
                        MemoryMarshal.Write(bytes, (int)signalingNaN);
                    }
                    else
                    {
                        MemoryMarshal.Write(bytes, signalingNaN);
                    }
                }

                gradients[i] = (i / n) switch
                {
                    1 => T.NegativeZero,
                    2 => i == (2 * n) + 1 ? T.One : T.Zero,
                    3 => T.CreateTruncating(0.5),
                    _ => T.Zero,
                };
            }

            var before = (T[])parameters.Clone();
            var given = (T[])gradients.Clone();
            T r = T.CreateTruncating(rate);

            GradientDescent.DescendSkippingZeroGradients<T, TVector, V>(ref parameters[0], ref gradients[0], count, r);

            for (int i = 0; i < count; i++)
            {
                T expected = MulAdd.OfScalar(-r, given[i], before[i]);
                bool skipped = rate > 0 && i < n;
                Assert.True(
                    T.IsNaN(expected) ? T.IsNaN(parameters[i]) : Bits(expected) == Bits(parameters[i]),
                    $"{typeof(V).Name}, α/m = {rate}, parameter {i}: {parameters[i]} instead of {expected}");
                if (Bits(before[i]) == signalingNaN)
                {
                    Assert.True(
                        skipped == (Bits(parameters[i]) == signalingNaN),
                        $"{typeof(V).Name}, α/m = {rate}, parameter {i}: the signaling NaN was {(skipped ? "written although its gradients were all +0" : "left, so the step skipped it")}");
                }

                Assert.True(T.IsZero(gradients[i]) && !T.IsNegative(gradients[i]), $"{typeof(V).Name}, α/m = {rate}, gradient {i}: {gradients[i]} instead of +0");
            }
        }
    }

    private static long Bits<T>(T value)
        where T : unmanaged
    {
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value));
        return bytes.Length == sizeof(int) ? MemoryMarshal.Read<int>(bytes) : MemoryMarshal.Read<long>(bytes);
    }

    /// <summary>p := p − (α/m)·g by the scalar multiply-add, value by value.</summary>
    private static void AssertDescend<T, TVector, V>(Func<T, T, T, T> scalarMultiplyAdd, bool skipping = false)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where V : struct, ILanes<TVector, T>
    {
        T rate = T.CreateTruncating(0.0371);
        AssertStep<T>(
            skipping
                ? (ref T parameters, ref T gradients, int count) => GradientDescent.DescendSkippingZeroGradients<T, TVector, V>(ref parameters, ref gradients, count, rate)
                : (ref T parameters, ref T gradients, int count) => GradientDescent.Descend<T, TVector, V>(ref parameters, ref gradients, count, rate),
            (p, g) => scalarMultiplyAdd(-rate, g, p),
            typeof(V).Name + (skipping ? " DescendSkippingZeroGradients" : " Descend"));
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
