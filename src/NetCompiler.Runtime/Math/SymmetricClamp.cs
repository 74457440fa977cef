using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetCompiler;

/// <summary>
/// x clamped to [−limit, limit] (limit &gt; 0), for the kernels: x itself where |x| ≤ limit, otherwise
/// limit with the sign of x; −0 stays −0 and NaN stays NaN. From .NET 9 on a vector is clamped by the
/// CPU's own max and min (one instruction each), x as their second operand: x86's MAXPS/MINPS return
/// the second operand when either is NaN, and Arm's FMAX/FMIN return NaN. On .NET 8 by two
/// compare-and-selects. Every form gives the same bits, the scalar form too.
/// </summary>
internal static class SymmetricClamp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Of(float x, float limit) => x > limit ? limit : x < -limit ? -limit : x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Of(double x, double limit) => x > limit ? limit : x < -limit ? -limit : x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Of(Vector<float> x, float limit)
    {
        Vector<float> bound = new(limit);
#if NET9_0_OR_GREATER
        return Vector.MinNative(bound, Below(x, limit));
#else
        return Vector.ConditionalSelect(Vector.GreaterThan(x, bound), bound, Below(x, limit));
#endif
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Of(Vector<double> x, double limit)
    {
        Vector<double> bound = new(limit);
#if NET9_0_OR_GREATER
        return Vector.MinNative(bound, Below(x, limit));
#else
        return Vector.ConditionalSelect(Vector.GreaterThan(x, bound), bound, Below(x, limit));
#endif
    }

    /// <summary>max(−limit, x) per lane, NaN passing: the lower half of <see cref="Of(Vector{float}, float)"/>, alone for arguments never above the limit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Below(Vector<float> x, float limit)
    {
        Vector<float> bound = new(-limit);
#if NET9_0_OR_GREATER
        return Vector.MaxNative(bound, x);
#else
        return Vector.ConditionalSelect(Vector.LessThan(x, bound), bound, x);
#endif
    }

    /// <inheritdoc cref="Below(Vector{float}, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Below(Vector<double> x, double limit)
    {
        Vector<double> bound = new(-limit);
#if NET9_0_OR_GREATER
        return Vector.MaxNative(bound, x);
#else
        return Vector.ConditionalSelect(Vector.LessThan(x, bound), bound, x);
#endif
    }
}
