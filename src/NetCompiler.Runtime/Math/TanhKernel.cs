using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetCompiler;

/// <summary>
/// tanh x for <see cref="float"/> and <see cref="double"/>, scalar and per vector lane.
/// <list type="bullet">
/// <item>float: one rational function, x·P(x²)/Q(x²) with P of degree 6 and Q of degree 3 (a
/// relative-error minimax fit on [0, 9.02], fit error 7e-9, about 0.1 ulp); from |x| = 8.06 on the
/// result is ±1 (whatever the polynomials give there, even ∞ or NaN, is discarded). Below 8.06 the
/// quotient never rounds above 1 in magnitude (checked for every float, with fused and with separate
/// multiply-adds: the first value above 1 is at 8.0655 and 8.1958), so no clamp is needed, and tanh
/// is within 3.4 ulp of 1 from 8.06 on (it rounds to 1 from 9.0109). No exponential, no branch: the
/// polynomials are evaluated in Estrin's scheme and the quotient as (x/Q)·P, so the division starts
/// as soon as Q is known, while P is still being evaluated; x/Q·P is already odd (x carries the
/// sign, x² does not), so no absolute value is taken and no sign put back. From x to tanh x is
/// about ten dependent operations, a third of the exponential formula's chain. Near 0 the relative
/// accuracy is kept (tanh(−0) = −0, tiny and subnormal x give x).</item>
/// <item>double, by one algorithm on |x| with the sign of x put back at the end: |x| &lt; 0.55:
/// |x| + |x|³·P(x²), P a Chebyshev fit of (tanh x − x)/x³ in x² of degree 10 (fit error below 0.1 ulp),
/// which keeps the relative accuracy near 0 where the formula below would cancel; otherwise
/// 1 − 2/(e^(2|x|) + 1), which reaches exactly 1 by rounding (from |x| ≈ 19) and stays 1 up to +∞.</item>
/// </list>
/// The vector forms run the same operations as the scalar forms (for double, both branches and a
/// select per lane), so every lane gets the scalar result's bits; the float form is written once
/// for <see cref="Vector{T}"/> and for <see cref="Vector128{T}"/>, a small layer's width.
/// </summary>
internal static class TanhKernel
{
    /// <summary>float: from here on the result is ±1 (tanh x is within 3.4 ulp of it).</summary>
    private const float SaturationSingle = 8.06f;

    // float: tanh x ≈ x·P(s)/Q(s), s = x², P(s) = Σ Pₖsᵏ, Q(s) = 1 + Σ Qₖsᵏ (minimax in relative error on [0, 9.02]).
    private const float P0 = 0.9999999933676322f;
    private const float P1 = 0.13083590354235364f;
    private const float P2 = 0.003103484987144259f;
    private const float P3 = 1.114930304649598e-05f;
    private const float P4 = -2.0204409715536533e-08f;
    private const float P5 = 5.267628954016497e-11f;
    private const float P6 = -8.461428985796266e-14f;
    private const float Q1 = 0.46416917418021775f;
    private const float Q2 = 0.02449330853957737f;
    private const float Q3 = 0.00025454546847512844f;

    /// <summary>double: where the polynomial hands over to the exponential formula.</summary>
    private const double SmallLimitDouble = 0.55;
    private const long SignBitDouble = long.MinValue;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float x)
    {
        float s = x * x;
        float s2 = s * s;
        float s4 = s2 * s2;
        float high = MulAdd.Of(P6, s2, MulAdd.Of(P5, s, P4));
        float low = MulAdd.Of(MulAdd.Of(P3, s, P2), s2, MulAdd.Of(P1, s, P0));
        float p = MulAdd.Of(high, s4, low);
        float q = MulAdd.Of(MulAdd.Of(Q3, s, Q2), s2, MulAdd.Of(Q1, s, 1f));
        float t = x / q * p;
        return MathF.Abs(x) >= SaturationSingle ? MathF.CopySign(1f, x) : t;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Tanh(Vector<float> x) => Tanh<Vector<float>, VectorOperations>(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> x) => Tanh<Vector128<float>, Vector128Operations>(x);

    /// <summary>The float form on the lanes of <typeparamref name="TVector"/>: the scalar form's operations, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Tanh<TVector, TOperations>(TVector x)
        where TVector : struct
        where TOperations : IFloatVectorOperations<TVector>
    {
        TVector s = TOperations.Multiply(x, x);
        TVector s2 = TOperations.Multiply(s, s);
        TVector s4 = TOperations.Multiply(s2, s2);
        // Estrin: P = (P0 + P1·s + (P2 + P3·s)·s²) + (P4 + P5·s + P6·s²)·s⁴, Q = 1 + Q1·s + (Q2 + Q3·s)·s²
        TVector high = TOperations.MultiplyAdd(TOperations.Create(P6), s2, TOperations.MultiplyAdd(TOperations.Create(P5), s, TOperations.Create(P4)));
        TVector low = TOperations.MultiplyAdd(TOperations.MultiplyAdd(TOperations.Create(P3), s, TOperations.Create(P2)), s2, TOperations.MultiplyAdd(TOperations.Create(P1), s, TOperations.Create(P0)));
        TVector p = TOperations.MultiplyAdd(high, s4, low);
        TVector q = TOperations.MultiplyAdd(TOperations.MultiplyAdd(TOperations.Create(Q3), s, TOperations.Create(Q2)), s2, TOperations.MultiplyAdd(TOperations.Create(Q1), s, TOperations.Create(1f)));
        TVector t = TOperations.Multiply(TOperations.Divide(x, q), p);
        // from |x| = 8.06 on: 1 with the sign of x
        return TOperations.WhereMagnitudeAtLeast(x, SaturationSingle, TOperations.SignedOne(x), t);
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
    private static double Large(double x) => 1.0 - (2.0 / (ExpKernel.Exp(2.0 * x) + 1.0));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Large(Vector<double> x) =>
        Vector<double>.One - (new Vector<double>(2.0) / (ExpKernel.Exp(x + x) + Vector<double>.One));
}
