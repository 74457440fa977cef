using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetCompiler;

/// <summary>Multiply-add and maximum helpers for the inner loops of generated code.</summary>
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
}
