using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetCompiler;

/// <summary>
/// Softmax over five to sixteen float outputs (a ten-class head), for the generated code:
/// pₖ = eₖ / Σⱼ eⱼ with eₖ = e^(zₖ − max z), the outputs held as two 256-bit halves (outputs 0–7
/// and 8–15) whatever the width of <c>Vector&lt;T&gt;</c>, and Σ added in one fixed tree:
/// sₖ = eₖ + eₖ₊₈, then tₖ = sₖ + sₖ₊₄, uₖ = tₖ + tₖ₊₂ and Σ = u₀ + u₁ (a term past the last output is
/// +0, which changes no sum). The generated code's examples in lanes add the same tree a vector per
/// output, so one example, a batch and every width give the same bits; the exponentials are
/// <see cref="ExpKernel"/>'s, whose lanes have the scalar function's bits. The maximum only shifts
/// the exponents, and which of several equal maxima (or of +0 and −0) it returns changes no eₖ.
/// Public only because generated code lives in the user's assembly; not meant to be used directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SoftmaxTree
{
    /// <summary>The fewest outputs this softmax is for (fewer are written out value by value).</summary>
    public const int MinOutputs = 5;

    /// <summary>The most outputs this softmax is for: two 256-bit vectors.</summary>
    public const int MaxOutputs = 16;

    /// <summary>
    /// p = softmax(z) over <paramref name="count"/> outputs. <paramref name="z"/> is read a whole
    /// <c>Vector&lt;T&gt;</c> at a time (a region padded to whole vectors, as the generated state's are);
    /// exactly <paramref name="count"/> values of <paramref name="p"/> are written.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not 5 to 16.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Softmax(ref float z, ref float p, int count)
    {
        float sum = ShiftedExponentials(ref z, count, out _, out Vector256<float> low, out Vector256<float> high);
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
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not 5 to 16.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SumOfShiftedExponentials(ref float z, int count, out float max) =>
        ShiftedExponentials(ref z, count, out max, out _, out _);

    /// <summary>max z, eₖ in <paramref name="low"/> and <paramref name="high"/> (+0 past the last output), and Σₖ eₖ in the tree.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float ShiftedExponentials(ref float z, int count, out float max, out Vector256<float> low, out Vector256<float> high)
    {
        if ((uint)(count - MinOutputs) > MaxOutputs - MinOutputs)
        {
            ThrowOutputCount(count);
        }

        // the outputs' z, −∞ past the last output (a padded region's other lanes may hold anything)
        Vector256<float> negativeInfinity = Vector256.Create(float.NegativeInfinity);
        low = Vector256.ConditionalSelect(LeadingLanes(count), Vector256.LoadUnsafe(ref z), negativeInfinity);
        high = count <= 8 ? negativeInfinity
            : count <= 12 ? Vector256.Create(Vector128.LoadUnsafe(ref z, 8), Vector128.Create(float.NegativeInfinity))
            : Vector256.LoadUnsafe(ref z, 8);
        high = Vector256.ConditionalSelect(LeadingLanes(count - 8), high, negativeInfinity);

        // max z in every lane: the halves', then pairs of lanes
        Vector256<float> halves = MaxNative(low, high);
        Vector128<float> maxima = MaxNative(halves.GetLower(), halves.GetUpper());
        maxima = MaxNative(maxima, Vector128.Shuffle(maxima, Vector128.Create(2, 3, 0, 1)));
        maxima = MaxNative(maxima, Vector128.Shuffle(maxima, Vector128.Create(1, 0, 3, 2)));
        max = maxima.ToScalar();
        Vector256<float> shift = Vector256.Create(maxima, maxima);

        // eₖ = e^(zₖ − max z): e^−∞ = +0 past the last output
        (low, high) = ExpOfNonPositive(low - shift, high - shift, count > 8);

        // sₖ = eₖ + eₖ₊₈, tₖ = sₖ + sₖ₊₄, uₖ = tₖ + tₖ₊₂, Σ = u₀ + u₁
        Vector256<float> s = count > 8 ? low + high : low;
        Vector128<float> t = s.GetLower() + s.GetUpper();
        Vector128<float> u = t + Vector128.Shuffle(t, Vector128.Create(2, 3, 2, 3));
        return u.ToScalar() + u.GetElement(1);
    }

    /// <summary>
    /// e^x of both halves on <c>Vector&lt;T&gt;</c>, whatever its width: as they are (256 bits), a
    /// quarter at a time (128), or joined (512); the high half only where it holds outputs (else +0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Low, Vector256<float> High) ExpOfNonPositive(Vector256<float> low, Vector256<float> high, bool hasHigh)
    {
        if (Vector<float>.Count == 16)
        {
            Vector512<float> both = ExpOfNonPositive(Vector512.Create(low, high));
            return (both.GetLower(), both.GetUpper());
        }

        return (ExpOfNonPositive(low), hasHigh ? ExpOfNonPositive(high) : Vector256<float>.Zero);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ExpOfNonPositive(Vector256<float> x) =>
        Vector<float>.Count == 8
            ? Activations.ExpOfNonPositive(x.AsVector()).AsVector256()
            : Vector256.Create(
                Activations.ExpOfNonPositive(x.GetLower().AsVector()).AsVector128(),
                Activations.ExpOfNonPositive(x.GetUpper().AsVector()).AsVector128());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExpOfNonPositive(Vector512<float> x) => Activations.ExpOfNonPositive(x.AsVector()).AsVector512();

    /// <summary>All bits set in lanes 0 … <paramref name="count"/> − 1 (none for a count of 0 or less, all for 8 or more).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> LeadingLanes(int count) =>
        Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(count)).AsSingle();

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
        throw new ArgumentOutOfRangeException(nameof(count), count, "Expected 5 to 16 outputs.");
}
