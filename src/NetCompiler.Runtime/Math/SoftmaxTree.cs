using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetCompiler;

/// <summary>
/// Softmax over five or more outputs (a ten-class head, a hundred-class one), for the generated code:
/// pₖ = eₖ / Σⱼ eⱼ with eₖ = e^(zₖ − max z), and Σ added in one fixed tree: sⱼ = eⱼ + eⱼ₊₈ + eⱼ₊₁₆ + … for
/// j = 0 … 7 (every eighth output, in output order), then tⱼ = sⱼ + sⱼ₊₄, uⱼ = tⱼ + tⱼ₊₂ and Σ = u₀ + u₁
/// (a term past the last output is +0, which changes no sum). Up to sixteen float outputs are held in
/// registers, as two 256-bit halves (outputs 0–7 and 8–15), or four 128-bit quarters where
/// <c>Vector&lt;T&gt;</c> is 128 bits; more, and double ones, are taken a <c>Vector&lt;T&gt;</c> at a time,
/// each sⱼ kept in its lane. The examples in lanes (<see cref="SoftmaxLanes(ref float, ref float, int)"/>,
/// or the generated code's own for up to sixteen float outputs) add the same tree a vector per output,
/// so one example, a batch and every width give the same bits; the exponentials are
/// <see cref="ExpKernel"/>'s, whose lanes have the scalar function's bits. The maximum only shifts the
/// exponents, and which of several equal maxima (or of +0 and −0) it returns changes no eₖ.
/// Public only because generated code lives in the user's assembly; not meant to be used directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class SoftmaxTree
{
    /// <summary>The fewest outputs this softmax is for (fewer are written out value by value).</summary>
    public const int MinOutputs = 5;

    /// <summary>The most outputs held in registers: two 256-bit vectors.</summary>
    private const int OutputsInRegisters = 16;

    /// <summary>
    /// p = softmax(z) over <paramref name="count"/> outputs. <paramref name="z"/> is read a whole
    /// <c>Vector&lt;T&gt;</c> at a time (a region padded to whole vectors, as the generated state's are);
    /// exactly <paramref name="count"/> values of <paramref name="p"/> are written.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 5.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Softmax(ref float z, ref float p, int count)
    {
        if (count > OutputsInRegisters)
        {
            WideSoftmax(ref z, ref p, count);
            return;
        }

        if (Vector<float>.Count == 4)
        {
            float quarterSum = QuarterExponentials(ref z, count, out _, out Vector128<float> e0, out Vector128<float> e1, out Vector128<float> e2, out Vector128<float> e3);
            Vector128<float> quarterDivisor = Vector128.Create(quarterSum);
            VectorMath.StoreFirstLanes(Vector256.Create(e0 / quarterDivisor, e1 / quarterDivisor), ref p, Math.Min(count, 8));
            if (count > 8)
            {
                VectorMath.StoreFirstLanes(Vector256.Create(e2 / quarterDivisor, e3 / quarterDivisor), ref Unsafe.Add(ref p, 8), count - 8);
            }

            return;
        }

        float sum = HalfExponentials(ref z, count, out _, out Vector256<float> low, out Vector256<float> high);
        Vector256<float> divisor = Vector256.Create(sum);
        VectorMath.StoreFirstLanes(low / divisor, ref p, Math.Min(count, 8));
        if (count > 8)
        {
            VectorMath.StoreFirstLanes(high / divisor, ref Unsafe.Add(ref p, 8), count - 8);
        }
    }

    /// <summary>
    /// Σₖ e^(zₖ − max z) in the tree, with <paramref name="max"/> = max z: the sum the softmax divides
    /// by and the loss takes log Σ e^z = max z + log Σ e^(z − max z) from.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 5.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SumOfShiftedExponentials(ref float z, int count, out float max) =>
        count > OutputsInRegisters ? WideSum(ref z, count, out max)
            : Vector<float>.Count == 4 ? QuarterExponentials(ref z, count, out max, out _, out _, out _, out _)
            : HalfExponentials(ref z, count, out max, out _, out _);

    /// <summary>
    /// log Σₖ e^zₖ = max z + log Σₖ e^(zₖ − max z), from <see cref="SumOfShiftedExponentials"/> (an infinite
    /// max the answer itself): the cross-entropy's term, taken first, so a loss that then adds over its
    /// outputs keeps no value across the logarithm's call.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 5.</exception>
    public static float LogSumExp(ref float z, int count)
    {
        float sum = SumOfShiftedExponentials(ref z, count, out float max);
        return LogOfShiftedSum(max, sum);
    }

    /// <summary>max + log Σ, or max itself where it is infinite (log Σₖ e^zₖ is then that infinity).</summary>
    private static T LogOfShiftedSum<T>(T max, T sum)
        where T : IFloatingPointIeee754<T> => T.IsInfinity(max) ? max : max + T.Log(sum);

    /// <summary>
    /// max z, eₖ in <paramref name="low"/> and <paramref name="high"/> (outputs 0–7 and 8–15, +0 past the
    /// last), and Σₖ eₖ in the tree, on 256-bit vectors, where <c>Vector&lt;T&gt;</c> is 256 or 512 bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float HalfExponentials(ref float z, int count, out float max, out Vector256<float> low, out Vector256<float> high)
    {
        CheckCount(count);

        // the outputs' z, −∞ past the last output (a padded region's other lanes may hold anything)
        Vector256<float> negativeInfinity = Vector256.Create(float.NegativeInfinity);
        low = Vector256.ConditionalSelect(VectorMath.LaneMask(count), Vector256.LoadUnsafe(ref z), negativeInfinity);
        high = count <= 8 ? negativeInfinity
            : count <= 12 ? Vector256.Create(Vector128.LoadUnsafe(ref z, 8), Vector128.Create(float.NegativeInfinity))
            : Vector256.LoadUnsafe(ref z, 8);
        high = Vector256.ConditionalSelect(VectorMath.LaneMask(count - 8), high, negativeInfinity);

        // max z in every lane: the halves', then pairs of lanes
        Vector256<float> halves = MaxNative(low, high);
        Vector128<float> maxima = MaxOfLanes(MaxNative(halves.GetLower(), halves.GetUpper()));
        max = maxima.ToScalar();
        Vector256<float> shift = Vector256.Create(maxima, maxima);

        // eₖ = e^(zₖ − max z) (e^−∞ = +0 past the last output), on Vector<T> as it is or joined to 512 bits
        if (Vector<float>.Count == 16)
        {
            Vector512<float> both = Activations.ExpOfNonPositive(Vector512.Create(low - shift, high - shift).AsVector()).AsVector512();
            (low, high) = (both.GetLower(), both.GetUpper());
        }
        else
        {
            low = Activations.ExpOfNonPositive((low - shift).AsVector()).AsVector256();
            high = count > 8 ? Activations.ExpOfNonPositive((high - shift).AsVector()).AsVector256() : Vector256<float>.Zero;
        }

        // sₖ = eₖ + eₖ₊₈, tₖ = sₖ + sₖ₊₄, then the quarter's tree
        Vector256<float> s = count > 8 ? low + high : low;
        return SumOfQuarter(s.GetLower() + s.GetUpper());
    }

    /// <summary>
    /// The same on four 128-bit quarters (outputs 0–3, 4–7, 8–11 and 12–15, +0 past the last), where
    /// <c>Vector&lt;T&gt;</c> is 128 bits (ARM64, x64 without AVX2: there 256-bit vectors are only emulated),
    /// a quarter wholly past the outputs left out.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float QuarterExponentials(
        ref float z, int count, out float max, out Vector128<float> e0, out Vector128<float> e1, out Vector128<float> e2, out Vector128<float> e3)
    {
        CheckCount(count);

        // the outputs' z, −∞ past the last output (count ≥ 5, so the first quarter is whole)
        Vector128<float> negativeInfinity = Vector128.Create(float.NegativeInfinity);
        e0 = Vector128.LoadUnsafe(ref z);
        e1 = Vector128.ConditionalSelect(VectorMath.LaneMask128(count - 4), Vector128.LoadUnsafe(ref z, 4), negativeInfinity);
        e2 = count > 8 ? Vector128.ConditionalSelect(VectorMath.LaneMask128(count - 8), Vector128.LoadUnsafe(ref z, 8), negativeInfinity) : negativeInfinity;
        e3 = count > 12 ? Vector128.ConditionalSelect(VectorMath.LaneMask128(count - 12), Vector128.LoadUnsafe(ref z, 12), negativeInfinity) : negativeInfinity;

        Vector128<float> maxima = MaxOfLanes(MaxNative(MaxNative(e0, e1), MaxNative(e2, e3)));
        max = maxima.ToScalar();

        e0 = Exp(e0 - maxima);
        e1 = Exp(e1 - maxima);
        e2 = count > 8 ? Exp(e2 - maxima) : Vector128<float>.Zero;
        e3 = count > 12 ? Exp(e3 - maxima) : Vector128<float>.Zero;

        // sₖ = eₖ + eₖ₊₈ in the low and high quarters, tₖ = sₖ + sₖ₊₄, then the quarter's tree
        return SumOfQuarter((count > 8 ? e0 + e2 : e0) + (count > 12 ? e1 + e3 : e1));

        static Vector128<float> Exp(Vector128<float> x) => Activations.ExpOfNonPositive(x.AsVector()).AsVector128();
    }

    /// <summary>The maximum of the four lanes in every lane: pairs of lanes two apart, then one apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> MaxOfLanes(Vector128<float> v)
    {
        v = MaxNative(v, Vector128.Shuffle(v, Vector128.Create(2, 3, 0, 1)));
        return MaxNative(v, Vector128.Shuffle(v, Vector128.Create(1, 0, 3, 2)));
    }

    /// <summary>The tree's last two levels on the four tₖ: uₖ = tₖ + tₖ₊₂, Σ = u₀ + u₁.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float SumOfQuarter(Vector128<float> t)
    {
        Vector128<float> u = t + Vector128.Shuffle(t, Vector128.Create(2, 3, 2, 3));
        return u.ToScalar() + u.GetElement(1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckCount(int count)
    {
        if (count < MinOutputs)
        {
            ThrowOutputCount(count);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> MaxNative(Vector256<float> a, Vector256<float> b) =>
#if NET9_0_OR_GREATER
        Vector256.MaxNative(a, b);
#else
        Vector256.Max(a, b);
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> MaxNative(Vector128<float> a, Vector128<float> b) =>
#if NET9_0_OR_GREATER
        Vector128.MaxNative(a, b);
#else
        Vector128.Max(a, b);
#endif

    [DoesNotReturn]
    private static void ThrowOutputCount(int count) =>
        throw new ArgumentOutOfRangeException(nameof(count), count, "Expected at least 5 outputs.");
}
