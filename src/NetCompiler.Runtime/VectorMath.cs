using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetCompiler;

/// <summary>Multiply-add helpers for the inner loops of generated code.</summary>
public static class VectorMath
{
    /// <summary>
    /// a·b + c per lane. On .NET 9 and later this is <c>Vector.MultiplyAddEstimate</c>: one fused
    /// instruction where the hardware has FMA, a multiply and an add otherwise (never the slow
    /// software-emulated fused form). On .NET 8 it is a multiply and an add.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> MultiplyAdd(Vector<float> a, Vector<float> b, Vector<float> c)
    {
#if NET9_0_OR_GREATER
        return Vector.MultiplyAddEstimate(a, b, c);
#else
        return (a * b) + c;
#endif
    }

    /// <inheritdoc cref="MultiplyAdd(Vector{float}, Vector{float}, Vector{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> MultiplyAdd(Vector<double> a, Vector<double> b, Vector<double> c)
    {
#if NET9_0_OR_GREATER
        return Vector.MultiplyAddEstimate(a, b, c);
#else
        return (a * b) + c;
#endif
    }

    /// <summary>a·b + c, rounded after the multiply and after the add.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyAdd(float a, float b, float c) => (a * b) + c;

    /// <inheritdoc cref="MultiplyAdd(float, float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MultiplyAdd(double a, double b, double c) => (a * b) + c;
}
