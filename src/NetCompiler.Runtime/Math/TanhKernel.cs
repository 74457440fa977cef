using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetCompiler;

/// <summary>
/// tanh x for <see cref="float"/> and <see cref="double"/>, scalar and per vector lane, by one algorithm
/// on |x|, with the sign of x put back at the end (so tanh(−0) = −0 and tanh is exactly odd):
/// <list type="bullet">
/// <item>|x| &lt; 0.55: |x| + |x|³·P(x²), P a Chebyshev fit of (tanh x − x)/x³ in x² (degree 4 for float,
/// 10 for double; fit error below 0.1 ulp). This keeps the relative accuracy near 0, where the formula
/// below would cancel.</item>
/// <item>otherwise: 1 − 2/(e^(2|x|) + 1). It reaches exactly 1 by rounding (from |x| ≈ 9 in float,
/// 19 in double) and stays 1 up to +∞, where e^(2|x|) = +∞.</item>
/// </list>
/// The vector form computes both and selects per lane; the scalar form computes only the one it needs,
/// which gives the same bits.
/// </summary>
internal static class TanhKernel
{
    /// <summary>Where the polynomial hands over to the exponential formula.</summary>
    private const float SmallLimitSingle = 0.55f;
    private const double SmallLimitDouble = 0.55;
    private const int SignBitSingle = int.MinValue;
    private const long SignBitDouble = long.MinValue;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float x)
    {
        float ax = MathF.Abs(x);
        float t = ax < SmallLimitSingle ? Small(ax) : Large(ax);
        return BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(t) | (BitConverter.SingleToInt32Bits(x) & SignBitSingle));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Tanh(Vector<float> x)
    {
        Vector<float> ax = Vector.Abs(x);
        Vector<float> t = Vector.ConditionalSelect(Vector.LessThan(ax, new Vector<float>(SmallLimitSingle)), Small(ax), Large(ax));
        return Vector.AsVectorSingle(Vector.AsVectorInt32(t) | (Vector.AsVectorInt32(x) & new Vector<int>(SignBitSingle)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Tanh(double x)
    {
        double ax = Math.Abs(x);
        double t = ax < SmallLimitDouble ? Small(ax) : Large(ax);
        return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(t) | (BitConverter.DoubleToInt64Bits(x) & SignBitDouble));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Tanh(Vector<double> x)
    {
        Vector<double> ax = Vector.Abs(x);
        Vector<double> t = Vector.ConditionalSelect(Vector.LessThan(ax, new Vector<double>(SmallLimitDouble)), Small(ax), Large(ax));
        return Vector.AsVectorDouble(Vector.AsVectorInt64(t) | (Vector.AsVectorInt64(x) & new Vector<long>(SignBitDouble)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Small(float x)
    {
        float s = x * x;
        float p = -0.00661022774875164f;
        p = MulAdd.Of(p, s, 0.021309388801455498f);
        p = MulAdd.Of(p, s, -0.05390942841768265f);
        p = MulAdd.Of(p, s, 0.13333113491535187f);
        p = MulAdd.Of(p, s, -0.3333333134651184f);
        return MulAdd.Of(x * s, p, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Small(Vector<float> x)
    {
        Vector<float> s = x * x;
        Vector<float> p = new(-0.00661022774875164f);
        p = MulAdd.Of(p, s, new Vector<float>(0.021309388801455498f));
        p = MulAdd.Of(p, s, new Vector<float>(-0.05390942841768265f));
        p = MulAdd.Of(p, s, new Vector<float>(0.13333113491535187f));
        p = MulAdd.Of(p, s, new Vector<float>(-0.3333333134651184f));
        return MulAdd.Of(x * s, p, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Small(double x)
    {
        double s = x * x;
        double p = -2.060276537636634e-05;
        p = MulAdd.Of(p, s, 8.511313685577672e-05);
        p = MulAdd.Of(p, s, -0.0002346347410887237);
        p = MulAdd.Of(p, s, 0.0005889360520074057);
        p = MulAdd.Of(p, s, -0.001455661830100716);
        p = MulAdd.Of(p, s, 0.003592110378689024);
        p = MulAdd.Of(p, s, -0.008863234397814355);
        p = MulAdd.Of(p, s, 0.021869488493666944);
        p = MulAdd.Of(p, s, -0.053968253967434016);
        p = MulAdd.Of(p, s, 0.13333333333332714);
        p = MulAdd.Of(p, s, -0.3333333333333333);
        return MulAdd.Of(x * s, p, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Small(Vector<double> x)
    {
        Vector<double> s = x * x;
        Vector<double> p = new(-2.060276537636634e-05);
        p = MulAdd.Of(p, s, new Vector<double>(8.511313685577672e-05));
        p = MulAdd.Of(p, s, new Vector<double>(-0.0002346347410887237));
        p = MulAdd.Of(p, s, new Vector<double>(0.0005889360520074057));
        p = MulAdd.Of(p, s, new Vector<double>(-0.001455661830100716));
        p = MulAdd.Of(p, s, new Vector<double>(0.003592110378689024));
        p = MulAdd.Of(p, s, new Vector<double>(-0.008863234397814355));
        p = MulAdd.Of(p, s, new Vector<double>(0.021869488493666944));
        p = MulAdd.Of(p, s, new Vector<double>(-0.053968253967434016));
        p = MulAdd.Of(p, s, new Vector<double>(0.13333333333332714));
        p = MulAdd.Of(p, s, new Vector<double>(-0.3333333333333333));
        return MulAdd.Of(x * s, p, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Large(float x) => 1f - (2f / (ExpKernel.Exp(2f * x) + 1f));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Large(Vector<float> x) =>
        Vector<float>.One - (new Vector<float>(2f) / (ExpKernel.Exp(x + x) + Vector<float>.One));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Large(double x) => 1.0 - (2.0 / (ExpKernel.Exp(2.0 * x) + 1.0));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Large(Vector<double> x) =>
        Vector<double>.One - (new Vector<double>(2.0) / (ExpKernel.Exp(x + x) + Vector<double>.One));
}
