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
/// The multiply-add of the activation kernels: a·b + c, fused (one rounding) exactly when the
/// hardware fuses it in one instruction, for the scalar and the vector form alike. Both forms
/// make the same choice, so a kernel gives bit-identical results whether an element is computed
/// in a vector lane or in a scalar tail.
/// </summary>
internal static class MulAdd
{
    /// <summary>
    /// True when a fused multiply-add is one instruction for both scalars and vectors (x86 FMA3,
    /// Arm64). On .NET 8, <see cref="Vector{T}"/> has no fused multiply-add, so it is false.
    /// The JIT folds it to a constant.
    /// </summary>
    private static bool IsFused
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
#if NET9_0_OR_GREATER
        get => Fma.IsSupported || AdvSimd.Arm64.IsSupported;
#else
        get => false;
#endif
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Of(float a, float b, float c) => IsFused ? MathF.FusedMultiplyAdd(a, b, c) : (a * b) + c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Of(double a, double b, double c) => IsFused ? Math.FusedMultiplyAdd(a, b, c) : (a * b) + c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Of(Vector<float> a, Vector<float> b, Vector<float> c)
    {
#if NET9_0_OR_GREATER
        return IsFused ? Vector.FusedMultiplyAdd(a, b, c) : (a * b) + c;
#else
        return (a * b) + c;
#endif
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Of(Vector<double> a, Vector<double> b, Vector<double> c)
    {
#if NET9_0_OR_GREATER
        return IsFused ? Vector.FusedMultiplyAdd(a, b, c) : (a * b) + c;
#else
        return (a * b) + c;
#endif
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Of(Vector512<float> a, Vector512<float> b, Vector512<float> c)
    {
#if NET9_0_OR_GREATER
        return IsFused ? Vector512.FusedMultiplyAdd(a, b, c) : (a * b) + c;
#else
        return (a * b) + c;
#endif
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Of(Vector512<double> a, Vector512<double> b, Vector512<double> c)
    {
#if NET9_0_OR_GREATER
        return IsFused ? Vector512.FusedMultiplyAdd(a, b, c) : (a * b) + c;
#else
        return (a * b) + c;
#endif
    }
}
