using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
#if NET9_0_OR_GREATER
using System.Runtime.Intrinsics.X86;
#endif

namespace NetCompiler;

/// <summary>
/// Multiply-add, maximum and lane helpers for the inner loops of generated code.
/// Public only because generated code lives in the user's assembly; not meant to be used directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class VectorMath
{
    /// <summary>
    /// a·b + c per lane: on .NET 9 and later one fused instruction where the hardware has one (x86
    /// FMA3, Arm64), a multiply and an add otherwise (never the slow software-emulated fused form);
    /// on .NET 8 a multiply and an add. The same choice as the activation kernels make.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> MultiplyAdd(Vector<float> a, Vector<float> b, Vector<float> c) => MulAdd.Of(a, b, c);

    /// <inheritdoc cref="MultiplyAdd(Vector{float}, Vector{float}, Vector{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> MultiplyAdd(Vector<double> a, Vector<double> b, Vector<double> c) => MulAdd.Of(a, b, c);

    /// <summary>a·b + c as a lane of <see cref="MultiplyAdd(Vector{float}, Vector{float}, Vector{float})"/> computes it (fused exactly when that is), for the scalar tail of a vector loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyAdd(float a, float b, float c) => MulAdd.Of(a, b, c);

    /// <inheritdoc cref="MultiplyAdd(float, float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MultiplyAdd(double a, double b, double c) => MulAdd.Of(a, b, c);

    /// <summary>
    /// The larger of a and b by the CPU's own maximum, one instruction (from .NET 9 on; on .NET 8
    /// <see cref="MathF.Max(float, float)"/>): for a softmax's shift z − max z, where only which of two
    /// different numbers is larger matters. Which of −0 and +0 it returns, and whether a NaN argument
    /// comes back, is the hardware's choice (x86 returns b when either is NaN); the shifted
    /// exponentials are the same either way, and a NaN in z makes them NaN either way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
#if NET9_0_OR_GREATER
    public static float MaxNative(float a, float b) => float.MaxNative(a, b);
#else
    public static float MaxNative(float a, float b) => MathF.Max(a, b);
#endif

    /// <inheritdoc cref="MaxNative(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
#if NET9_0_OR_GREATER
    public static double MaxNative(double a, double b) => double.MaxNative(a, b);
#else
    public static double MaxNative(double a, double b) => Math.Max(a, b);
#endif

    /// <summary>The larger of a and b per lane, as <see cref="MaxNative(float, float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
#if NET9_0_OR_GREATER
    public static Vector<float> MaxNative(Vector<float> a, Vector<float> b) => Vector.MaxNative(a, b);
#else
    public static Vector<float> MaxNative(Vector<float> a, Vector<float> b) => Vector.Max(a, b);
#endif

    /// <inheritdoc cref="MaxNative(Vector{float}, Vector{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
#if NET9_0_OR_GREATER
    public static Vector<double> MaxNative(Vector<double> a, Vector<double> b) => Vector.MaxNative(a, b);
#else
    public static Vector<double> MaxNative(Vector<double> a, Vector<double> b) => Vector.Max(a, b);
#endif

    /// <summary>
    /// The maximum of the first <paramref name="count"/> lanes (1 to 4), in each of those lanes: a softmax's
    /// max z where zᴸ is one vector, ready for zₖ − max z without a broadcast. Lane 0 is
    /// max(max(v₀, v₁), v₂) … by <see cref="MaxNative(float, float)"/>, in that order; lane k takes the same
    /// values from vₖ on, so it can differ from lane 0 only where <see cref="MaxNative(float, float)"/>'s
    /// choice depends on the order: between −0 and +0, or with a NaN among the values (both leave every
    /// e^(zₖ − max z) as they are, or make them NaN either way). The other lanes are unspecified. For float
    /// on x86 from .NET 9 on (where MaxNative is the CPU's maximum, as the vector maximum is), one
    /// rotation of the low four lanes and one maximum per further lane, all side by side
    /// (measured on W2's forward pass: 2 % faster than the scalar maximum and a broadcast, and indexing
    /// the lanes one by one, which made the JIT copy the vector for each, cost 5 % more again).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not 1 to 4.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MaxOverLanes(Vector256<float> v, int count)
    {
        CheckLeadingLanes(count);
#if NET9_0_OR_GREATER
        if (Avx.IsSupported)
        {
            // rotations of lanes 0 … count − 1 (within each 128-bit half): [v₁, v₂, …, v₀], then [v₂, …, v₀, v₁], …
            return count switch
            {
                1 => v,
                2 => Avx.Max(v, Avx.Permute(v, 0b11_10_00_01)),
                3 => Avx.Max(Avx.Max(v, Avx.Permute(v, 0b11_00_10_01)), Avx.Permute(v, 0b11_01_00_10)),
                _ => Avx.Max(Avx.Max(Avx.Max(v, Avx.Permute(v, 0b00_11_10_01)), Avx.Permute(v, 0b01_00_11_10)), Avx.Permute(v, 0b10_01_00_11)),
            };
        }
#endif

        return Vector256.Create(MaxOfFirstLanes(v.GetLower(), count));
    }

    /// <summary>
    /// The same on a 128-bit vector, where <c>Vector&lt;T&gt;</c> is one (ARM64, x64 without AVX2): lane 0
    /// is max(max(v₀, v₁), v₂) … by <see cref="MaxNative(float, float)"/>, in that order, and so on as for
    /// 256 bits; on x86 by the same rotations and maxima (SSE), elsewhere by the scalar maximum. (The
    /// 256-bit form keeps its own rotations: written as this one on its low half, the JIT copied the
    /// register first, one instruction more on W2's one-example path, which BenchmarkDotNet could not
    /// tell apart from noise: 19.0 / 19.2 against 19.0 / 18.9 ns.)
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not 1 to 4.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MaxOverLanes(Vector128<float> v, int count)
    {
        CheckLeadingLanes(count);
#if NET9_0_OR_GREATER
        if (Sse.IsSupported)
        {
            return count switch
            {
                1 => v,
                2 => Sse.Max(v, Sse.Shuffle(v, v, 0b11_10_00_01)),
                3 => Sse.Max(Sse.Max(v, Sse.Shuffle(v, v, 0b11_00_10_01)), Sse.Shuffle(v, v, 0b11_01_00_10)),
                _ => Sse.Max(Sse.Max(Sse.Max(v, Sse.Shuffle(v, v, 0b00_11_10_01)), Sse.Shuffle(v, v, 0b01_00_11_10)), Sse.Shuffle(v, v, 0b10_01_00_11)),
            };
        }
#endif

        return Vector128.Create(MaxOfFirstLanes(v, count));
    }

    /// <summary>max(max(v₀, v₁), v₂) … over the first <paramref name="count"/> lanes, one by one.</summary>
    private static float MaxOfFirstLanes(Vector128<float> v, int count)
    {
        float max = v[0];
        for (int k = 1; k < count; k++)
        {
            max = MaxNative(max, v[k]);
        }

        return max;
    }

    /// <inheritdoc cref="MaxOverLanes(Vector256{float}, int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MaxOverLanes(Vector256<double> v, int count)
    {
        CheckLeadingLanes(count);
        double max = v[0];
        for (int k = 1; k < count; k++)
        {
            max = MaxNative(max, v[k]);
        }

        return Vector256.Create(max);
    }

    /// <summary>
    /// ((v₀ + v₁) + v₂) … over the first <paramref name="count"/> lanes (1 to 4), in that order: a softmax's Σₖ eₖ
    /// where the eₖ are one vector. For float on x86 (from .NET 9 on) from the low half in place, by a
    /// shuffle and a scalar addition per lane, where indexing the lanes one by one made the JIT copy the
    /// vector for each.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not 1 to 4.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SumOfLanes(Vector256<float> v, int count) => SumOfLanes(v.GetLower(), count);

    /// <inheritdoc cref="SumOfLanes(Vector256{float}, int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SumOfLanes(Vector128<float> low, int count)
    {
        CheckLeadingLanes(count);
#if NET9_0_OR_GREATER
        if (Sse3.IsSupported)
        {
            Vector128<float> sum = count == 1 ? low : Sse.AddScalar(low, Sse3.MoveHighAndDuplicate(low));
            sum = count >= 3 ? Sse.AddScalar(sum, Sse.MoveHighToLow(low, low)) : sum;
            return (count == 4 ? Sse.AddScalar(sum, Sse.Shuffle(low, low, 0xFF)) : sum).ToScalar();
        }
#endif

        float result = low[0];
        for (int k = 1; k < count; k++)
        {
            result += low[k];
        }

        return result;
    }

    /// <inheritdoc cref="SumOfLanes(Vector256{float}, int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SumOfLanes(Vector256<double> v, int count)
    {
        CheckLeadingLanes(count);
        double result = v[0];
        for (int k = 1; k < count; k++)
        {
            result += v[k];
        }

        return result;
    }

    /// <summary>The first <paramref name="count"/> lanes of <paramref name="v"/> (0 to 8), the other lanes +0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> FirstLanes(Vector256<float> v, int count) => v & LaneMask(count);

    /// <summary>The first <paramref name="count"/> lanes of <paramref name="v"/> (0 to 4), the other lanes +0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> FirstLanes(Vector128<float> v, int count) => v & LaneMask128(count);

    /// <summary>
    /// All bits set in lanes 0 … <paramref name="count"/> − 1, none in the others (none at all for a count
    /// of 0 or less, all for 8 or more): a float compare, which AVX has without AVX2.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> LaneMask(int count) =>
        Vector256.LessThan(Vector256.Create(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f), Vector256.Create((float)count));

    /// <summary>The same for the four lanes of a 128-bit vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> LaneMask128(int count) =>
        Vector128.LessThan(Vector128.Create(0f, 1f, 2f, 3f), Vector128.Create((float)count));

    /// <inheritdoc cref="FirstLanes(Vector256{float}, int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> FirstLanes(Vector256<double> v, int count) =>
        v & Vector256.LessThan(Vector256.Create(0.0, 1.0, 2.0, 3.0), Vector256.Create((double)count));

    /// <summary>
    /// Writes the first <paramref name="count"/> lanes of <paramref name="v"/> (1 to 8) to
    /// <paramref name="destination"/> and nothing past them: a small network's output straight from the
    /// register its activation ends in (copying it from memory just after it was stored would wait for
    /// the store). A half, a pair and a single lane at most, so at most three stores; with a constant
    /// count the JIT keeps only those, and having no calls of its own, it is cheap to inline even into
    /// a large pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreFirstLanes(Vector256<float> v, ref float destination, int count)
    {
        if ((uint)(count - 1) > 7)
        {
            ThrowLaneCount(count, 8);
        }

        if (count == 8)
        {
            v.StoreUnsafe(ref destination);
            return;
        }

        Vector128<float> rest = v.GetLower();
        if (count >= 4)
        {
            rest.StoreUnsafe(ref destination);
            destination = ref Unsafe.Add(ref destination, 4);
            rest = v.GetUpper();
            count -= 4;
        }

        if (count >= 2)
        {
            Unsafe.WriteUnaligned(ref Unsafe.As<float, byte>(ref destination), rest.AsDouble().ToScalar());
        }

        if (count is 1 or 3)
        {
            Unsafe.Add(ref destination, count - 1) = rest.GetElement(count - 1);
        }
    }

    /// <inheritdoc cref="StoreFirstLanes(Vector256{float}, ref float, int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreFirstLanes(Vector256<double> v, ref double destination, int count)
    {
        CheckLeadingLanes(count);

        // a double's bits as two floats': the same stores
        StoreFirstLanes(v.AsSingle(), ref Unsafe.As<double, float>(ref destination), 2 * count);
    }

    [DoesNotReturn]
    private static void ThrowLaneCount(int count, int lanes) =>
        throw new ArgumentOutOfRangeException(nameof(count), count, "Expected 1 to " + lanes.ToString(System.Globalization.CultureInfo.InvariantCulture) + " lanes.");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckLeadingLanes(int count)
    {
        if ((uint)(count - 1) > 3)
        {
            ThrowLaneCount(count, 4);
        }
    }
}
