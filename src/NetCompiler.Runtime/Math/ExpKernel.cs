using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetCompiler;

/// <summary>
/// eˣ for <see cref="float"/> and <see cref="double"/>, scalar and per vector lane, by one algorithm:
/// <list type="number">
/// <item>Clamp x to [−limit, limit] so that n below stays small (beyond the limit the result is
/// already 0 or +∞; <see cref="SymmetricClamp"/>); NaN passes.</item>
/// <item>n = round(x·log₂e), found by adding 1.5·2^(mantissa bits) so that the rounded integer
/// lands in the low bits of the sum (no float-to-int conversion, whose overflow behaviour differs
/// between .NET versions).</item>
/// <item>r = x − n·ln2 with ln2 split in two (Cody–Waite), so |r| ≤ ln2/2 almost exactly.</item>
/// <item>eʳ by its Taylor polynomial (degree 7 for float, 13 for double: truncation error below
/// 0.1 ulp on |r| ≤ ln2/2); float evaluates it in Estrin's scheme (pairs of terms joined by r² and
/// r⁴: four multiply-adds deep instead of seven, for the short chains of small networks), double by
/// Horner's rule.</item>
/// <item>Multiply by 2ⁿ: on AVX-512 hardware by one instruction (VSCALEFPS/PD, one rounding);
/// elsewhere as 2^⌊n/2⌉ · 2^(n − ⌊n/2⌉), two normal powers of two built in the exponent bits, of which
/// the first product is exact, so the same single rounding. Either way large x overflows to +∞ and
/// very negative x underflows gradually through the subnormals to +0.</item>
/// </list>
/// Every step is a plain arithmetic, compare or bit operation, so the vector form has no branch and
/// the scalar form computes the same bits as a vector lane.
/// </summary>
internal static class ExpKernel
{
    private const float LimitSingle = 105f;           // e^105 > float.MaxValue: +∞; e^−105 < 2^−150: rounds to +0
    private const float Log2ESingle = 1.44269504f;
    private const float Ln2HiSingle = 0.693359375f;   // 9 significant bits: n·Ln2Hi is exact
    private const float Ln2LoSingle = -2.12194440e-4f;
    private const float RoundSingle = 12582912f;      // 1.5·2^23
    private const int MantissaBitsSingle = 23;
    private const int OneBitsSingle = 127 << MantissaBitsSingle;

    private const double LimitDouble = 760.0;         // e^760 > double.MaxValue: +∞; e^−760 < 2^−1075: rounds to +0
    private const double Log2EDouble = 1.4426950408889634;
    private const double Ln2HiDouble = 0.6931471803691238;     // 32 significant bits: n·Ln2Hi is exact
    private const double Ln2LoDouble = 1.9082149292705877e-10;
    private const double RoundDouble = 6755399441055744.0;     // 1.5·2^52
    private const int MantissaBitsDouble = 52;
    private const long OneBitsDouble = 1023L << MantissaBitsDouble;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float x)
    {
        x = SymmetricClamp.Of(x, LimitSingle);
        float t = MulAdd.Of(x, Log2ESingle, RoundSingle);
        float n = t - RoundSingle;
        float r = MulAdd.Of(n, -Ln2HiSingle, x);
        r = MulAdd.Of(n, -Ln2LoSingle, r);

        // eʳ = 1 + r·(1 + r·q), q = 1/2 + r/6 + (1/24 + r/120)·r² + (1/720 + r/5040)·r⁴ in Estrin's
        // scheme; the last two steps are Horner's, so the result has the same two final roundings
        float r2 = r * r;
        float r4 = r2 * r2;
        float q = MulAdd.Of(MulAdd.Of(r, (float)(1.0 / 5040), (float)(1.0 / 720)), r4, MulAdd.Of(MulAdd.Of(r, (float)(1.0 / 120), (float)(1.0 / 24)), r2, MulAdd.Of(r, (float)(1.0 / 6), 0.5f)));
        float p = MulAdd.Of(MulAdd.Of(q, r, 1f), r, 1f);

        int nBits = BitConverter.SingleToInt32Bits(t);
        int halfBits = BitConverter.SingleToInt32Bits((n * 0.5f) + RoundSingle);
        float scale1 = BitConverter.Int32BitsToSingle((halfBits << MantissaBitsSingle) + OneBitsSingle);
        float scale2 = BitConverter.Int32BitsToSingle(((nBits - halfBits) << MantissaBitsSingle) + OneBitsSingle);
        return p * scale1 * scale2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Exp(Vector<float> x) => OfClamped(SymmetricClamp.Of(x, LimitSingle));

    /// <summary>As <see cref="Exp(Vector{float})"/> for x ≤ limit, clamped from below only (for x ≤ 0 the clamp from above changes nothing).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> ExpOfNonPositive(Vector<float> x) => OfClamped(SymmetricClamp.Below(x, LimitSingle));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> OfClamped(Vector<float> x)
    {
        // Each constant comes first in its product and n = t + (−1.5·2²³) rather than t − 1.5·2²³ (the
        // same bits either way): so the JIT writes every multiply-add into a constant's register or
        // into a value used for the last time, instead of copying a value it still needs (measured:
        // 30 → 25 vector instructions, which a small network's forward pass waits on).
        Vector<float> t = MulAdd.Of(new Vector<float>(Log2ESingle), x, new Vector<float>(RoundSingle));
        Vector<float> n = t + new Vector<float>(-RoundSingle);
        Vector<float> r = MulAdd.Of(new Vector<float>(-Ln2HiSingle), n, x);
        r = MulAdd.Of(new Vector<float>(-Ln2LoSingle), n, r);

        Vector<float> r2 = r * r;
        Vector<float> r4 = r2 * r2;
        Vector<float> q = MulAdd.Of(
            MulAdd.Of(new Vector<float>((float)(1.0 / 5040)), r, new Vector<float>((float)(1.0 / 720))),
            r4,
            MulAdd.Of(MulAdd.Of(new Vector<float>((float)(1.0 / 120)), r, new Vector<float>((float)(1.0 / 24))), r2, MulAdd.Of(new Vector<float>((float)(1.0 / 6)), r, new Vector<float>(0.5f))));
        Vector<float> p = MulAdd.Of(MulAdd.Of(q, r, Vector<float>.One), r, Vector<float>.One);

        if (Vector<float>.Count == Vector256<float>.Count && Avx512F.VL.IsSupported)
        {
            return Avx512F.VL.Scale(p.AsVector256(), n.AsVector256()).AsVector();
        }

        if (Vector<float>.Count == Vector512<float>.Count && Avx512F.IsSupported)
        {
            return Avx512F.Scale(p.AsVector512(), n.AsVector512()).AsVector();
        }

        Vector<int> nBits = Vector.AsVectorInt32(t);
        Vector<int> halfBits = Vector.AsVectorInt32((n * 0.5f) + new Vector<float>(RoundSingle));
        Vector<int> one = new(OneBitsSingle);
        Vector<float> scale1 = Vector.AsVectorSingle(Vector.ShiftLeft(halfBits, MantissaBitsSingle) + one);
        Vector<float> scale2 = Vector.AsVectorSingle(Vector.ShiftLeft(nBits - halfBits, MantissaBitsSingle) + one);
        return p * scale1 * scale2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exp(double x)
    {
        x = SymmetricClamp.Of(x, LimitDouble);
        double t = MulAdd.Of(x, Log2EDouble, RoundDouble);
        double n = t - RoundDouble;
        double r = MulAdd.Of(n, -Ln2HiDouble, x);
        r = MulAdd.Of(n, -Ln2LoDouble, r);

        double p = 1.0 / 6227020800;
        p = MulAdd.Of(p, r, 1.0 / 479001600);
        p = MulAdd.Of(p, r, 1.0 / 39916800);
        p = MulAdd.Of(p, r, 1.0 / 3628800);
        p = MulAdd.Of(p, r, 1.0 / 362880);
        p = MulAdd.Of(p, r, 1.0 / 40320);
        p = MulAdd.Of(p, r, 1.0 / 5040);
        p = MulAdd.Of(p, r, 1.0 / 720);
        p = MulAdd.Of(p, r, 1.0 / 120);
        p = MulAdd.Of(p, r, 1.0 / 24);
        p = MulAdd.Of(p, r, 1.0 / 6);
        p = MulAdd.Of(p, r, 0.5);
        p = MulAdd.Of(p, r, 1.0);
        p = MulAdd.Of(p, r, 1.0);

        long nBits = BitConverter.DoubleToInt64Bits(t);
        long halfBits = BitConverter.DoubleToInt64Bits((n * 0.5) + RoundDouble);
        double scale1 = BitConverter.Int64BitsToDouble((halfBits << MantissaBitsDouble) + OneBitsDouble);
        double scale2 = BitConverter.Int64BitsToDouble(((nBits - halfBits) << MantissaBitsDouble) + OneBitsDouble);
        return p * scale1 * scale2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Exp(Vector<double> x) => OfClamped(SymmetricClamp.Of(x, LimitDouble));

    /// <summary>As <see cref="Exp(Vector{double})"/> for x ≤ limit, clamped from below only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> ExpOfNonPositive(Vector<double> x) => OfClamped(SymmetricClamp.Below(x, LimitDouble));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> OfClamped(Vector<double> x)
    {
        // constants first and t + (−1.5·2⁵²), as in the float form
        Vector<double> t = MulAdd.Of(new Vector<double>(Log2EDouble), x, new Vector<double>(RoundDouble));
        Vector<double> n = t + new Vector<double>(-RoundDouble);
        Vector<double> r = MulAdd.Of(new Vector<double>(-Ln2HiDouble), n, x);
        r = MulAdd.Of(new Vector<double>(-Ln2LoDouble), n, r);

        Vector<double> p = new(1.0 / 6227020800);
        p = MulAdd.Of(p, r, new Vector<double>(1.0 / 479001600));
        p = MulAdd.Of(p, r, new Vector<double>(1.0 / 39916800));
        p = MulAdd.Of(p, r, new Vector<double>(1.0 / 3628800));
        p = MulAdd.Of(p, r, new Vector<double>(1.0 / 362880));
        p = MulAdd.Of(p, r, new Vector<double>(1.0 / 40320));
        p = MulAdd.Of(p, r, new Vector<double>(1.0 / 5040));
        p = MulAdd.Of(p, r, new Vector<double>(1.0 / 720));
        p = MulAdd.Of(p, r, new Vector<double>(1.0 / 120));
        p = MulAdd.Of(p, r, new Vector<double>(1.0 / 24));
        p = MulAdd.Of(p, r, new Vector<double>(1.0 / 6));
        p = MulAdd.Of(p, r, new Vector<double>(0.5));
        p = MulAdd.Of(p, r, Vector<double>.One);
        p = MulAdd.Of(p, r, Vector<double>.One);

        if (Vector<double>.Count == Vector256<double>.Count && Avx512F.VL.IsSupported)
        {
            return Avx512F.VL.Scale(p.AsVector256(), n.AsVector256()).AsVector();
        }

        if (Vector<double>.Count == Vector512<double>.Count && Avx512F.IsSupported)
        {
            return Avx512F.Scale(p.AsVector512(), n.AsVector512()).AsVector();
        }

        Vector<long> nBits = Vector.AsVectorInt64(t);
        Vector<long> halfBits = Vector.AsVectorInt64((n * 0.5) + new Vector<double>(RoundDouble));
        Vector<long> one = new(OneBitsDouble);
        Vector<double> scale1 = Vector.AsVectorDouble(Vector.ShiftLeft(halfBits, MantissaBitsDouble) + one);
        Vector<double> scale2 = Vector.AsVectorDouble(Vector.ShiftLeft(nBits - halfBits, MantissaBitsDouble) + one);
        return p * scale1 * scale2;
    }
}
