using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
#if NET9_0_OR_GREATER
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
#endif

namespace NetCompiler;

/// <summary>
/// The multiply-add of the kernels: a·b + c, fused (one rounding) exactly when the hardware fuses
/// it in one instruction (x86 FMA3, Arm64), for the scalar and the vector forms alike, so a kernel
/// gives bit-identical results whether an element is computed in a vector lane or in a scalar tail.
/// On .NET 8, <see cref="Vector{T}"/> has no fused multiply-add, so nothing is fused there.
/// </summary>
/// <remarks>
/// Each method tests <c>Fma.IsSupported || AdvSimd.Arm64.IsSupported</c> itself, in an <c>if</c>:
/// the JIT folds those constants as it reads the method, so only one <c>return</c> is left. The same
/// test in a shared property (or a conditional expression) is folded only later, after the result
/// has gone through a temporary: every loop then paid a register copy per multiply-add, and the
/// load of W no longer folded into the instruction (seen in the disassembly of the dense kernels).
/// </remarks>
internal static class MulAdd
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Of(float a, float b, float c)
    {
#if NET9_0_OR_GREATER
        if (Fma.IsSupported || AdvSimd.Arm64.IsSupported)
        {
            return MathF.FusedMultiplyAdd(a, b, c);
        }
#endif

        return (a * b) + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Of(double a, double b, double c)
    {
#if NET9_0_OR_GREATER
        if (Fma.IsSupported || AdvSimd.Arm64.IsSupported)
        {
            return Math.FusedMultiplyAdd(a, b, c);
        }
#endif

        return (a * b) + c;
    }

    /// <summary>
    /// a·b + c for a kernel generic over its element type: <see cref="Of(float, float, float)"/> or
    /// <see cref="Of(double, double, double)"/>, whichever <typeparamref name="T"/> is (the JIT keeps
    /// only that branch); any other type is not fused.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T OfScalar<T>(T a, T b, T c)
        where T : unmanaged, INumberBase<T>
    {
        if (typeof(T) == typeof(float))
        {
            float result = Of(Unsafe.As<T, float>(ref a), Unsafe.As<T, float>(ref b), Unsafe.As<T, float>(ref c));
            return Unsafe.As<float, T>(ref result);
        }

        if (typeof(T) == typeof(double))
        {
            double result = Of(Unsafe.As<T, double>(ref a), Unsafe.As<T, double>(ref b), Unsafe.As<T, double>(ref c));
            return Unsafe.As<double, T>(ref result);
        }

        return (a * b) + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Of(Vector<float> a, Vector<float> b, Vector<float> c)
    {
#if NET9_0_OR_GREATER
        if (Fma.IsSupported || AdvSimd.Arm64.IsSupported)
        {
            return Vector.FusedMultiplyAdd(a, b, c);
        }
#endif

        return (a * b) + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Of(Vector<double> a, Vector<double> b, Vector<double> c)
    {
#if NET9_0_OR_GREATER
        if (Fma.IsSupported || AdvSimd.Arm64.IsSupported)
        {
            return Vector.FusedMultiplyAdd(a, b, c);
        }
#endif

        return (a * b) + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Of(Vector128<float> a, Vector128<float> b, Vector128<float> c)
    {
#if NET9_0_OR_GREATER
        if (Fma.IsSupported || AdvSimd.Arm64.IsSupported)
        {
            return Vector128.FusedMultiplyAdd(a, b, c);
        }
#endif

        return (a * b) + c;
    }

    /// <summary>
    /// a·b + c on 256-bit vectors for a helper generic over its element type, fused for float and
    /// double as the other forms (the JIT keeps only the branch of <typeparamref name="T"/>); any other type is not fused.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> OfVector256<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c)
        where T : unmanaged
    {
#if NET9_0_OR_GREATER
        if (Fma.IsSupported || AdvSimd.Arm64.IsSupported)
        {
            if (typeof(T) == typeof(float))
            {
                return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
            }

            if (typeof(T) == typeof(double))
            {
                return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
            }
        }
#endif

        return (a * b) + c;
    }

    /// <summary>The same on 128-bit vectors (<see cref="OfVector256{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> OfVector128<T>(Vector128<T> a, Vector128<T> b, Vector128<T> c)
        where T : unmanaged
    {
#if NET9_0_OR_GREATER
        if (Fma.IsSupported || AdvSimd.Arm64.IsSupported)
        {
            if (typeof(T) == typeof(float))
            {
                return Vector128.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
            }

            if (typeof(T) == typeof(double))
            {
                return Vector128.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
            }
        }
#endif

        return (a * b) + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Of(Vector512<float> a, Vector512<float> b, Vector512<float> c)
    {
#if NET9_0_OR_GREATER
        if (Fma.IsSupported || AdvSimd.Arm64.IsSupported)
        {
            return Vector512.FusedMultiplyAdd(a, b, c);
        }
#endif

        return (a * b) + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Of(Vector512<double> a, Vector512<double> b, Vector512<double> c)
    {
#if NET9_0_OR_GREATER
        if (Fma.IsSupported || AdvSimd.Arm64.IsSupported)
        {
            return Vector512.FusedMultiplyAdd(a, b, c);
        }
#endif

        return (a * b) + c;
    }
}
