using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetCompiler;

/// <summary>Multiply-add helpers for the inner loops of generated code.</summary>
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

    /// <summary>a·b + c, rounded after the multiply and after the add.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyAdd(float a, float b, float c) => (a * b) + c;

    /// <inheritdoc cref="MultiplyAdd(float, float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MultiplyAdd(double a, double b, double c) => (a * b) + c;
}
