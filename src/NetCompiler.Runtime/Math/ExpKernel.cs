using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetCompiler;

/// <summary>
/// eˣ for <see cref="float"/> and <see cref="double"/>, scalar and per vector lane:
/// <list type="number">
/// <item>Clamp x to [−limit, limit] so that n below stays small (beyond the limit the result is
/// already 0 or +∞; <see cref="SymmetricClamp"/>); NaN passes.</item>
/// <item>n = round(x·log₂e) for double, round(8x·log₂e) for float, found by adding 1.5·2^(mantissa
/// bits) so that the rounded integer lands in the low bits of the sum t (no float-to-int conversion,
/// whose overflow behaviour differs between .NET versions).</item>
/// <item>r = x − n·ln2 (double) or x − n·ln2/8 (float), ln2 split in two (Cody–Waite), so |r| is at
/// most ln2/2 or ln2/16.</item>
/// <item>double: eʳ by its Taylor polynomial of degree 13 (truncation error below 0.1 ulp), as
/// 1 + r(1 + r·u) with u = 1/2! + r/3! + … + r¹¹/13! in Estrin's scheme (pairs, then r², r⁴ and r⁸):
/// six operations deep after r where Horner's rule took fourteen; u's rounding, scaled by r²,
/// stays far below that of the last two steps. float: eˣ = 2^⌊n/8⌋ · 2^(j/8) · eʳ with j = n mod 8,
/// the low three bits of t: 2^(j/8) from an eight-entry table as a high and a low float (<see cref="EighthPowers"/>, one permute per
/// vector), eʳ − 1 = r·u with u = 1 + r/2 + r²(1/6 + r/24) (truncation error 0.01 ulp on |r| ≤ ln2/16),
/// and the product as high + (high·r·u + low), so that only the last addition rounds at the result's
/// scale: at most 0.79 ulp (measured), three multiply-adds after r.</item>
/// <item>Multiply by 2ⁿ (double) or 2^⌊n/8⌋ (float): on AVX-512 hardware by one instruction
/// (VSCALEFPS/PD, which floors its exponent, one rounding); elsewhere, for that exponent e, as
/// 2ʰ · 2^(e − h) with h about e/2, two normal powers of two built in the exponent bits, of which
/// the first product is exact, so the same single rounding. Either way large x overflows to +∞ and
/// very negative x underflows gradually through the subnormals to +0. Where the result is sure to
/// round to +0 (n at most −1201 for float, −1076 for double) the second power is +0 instead, which
/// gives the same +0 without an underflowing multiplication: x86 cores without AVX-512 take a slow
/// microcode assist for one, and the small softmax runs its padding lanes, e^−∞, through this on
/// every call (W2's one-example Forward 54 → 20 ns on a Zen 4 core with AVX-512 switched off).</item>
/// </list>
/// Every step is a plain arithmetic, compare, bit or table operation, so the vector form has no branch
/// and the scalar form computes the same bits as a vector lane.
/// </summary>
internal static class ExpKernel
{
    private const float LimitSingle = 105f;           // e^105 > float.MaxValue: +∞; e^−105 < 2^−150: rounds to +0
    private const float EightLog2ESingle = 11.5415602f; // 8·log₂e
    private const float Ln2HiSingle = 0.693359375f;   // 9 significant bits: n·Ln2Hi/8 is exact
    private const float Ln2LoSingle = -2.12194440e-4f;
    private const float RoundSingle = 12582912f;      // 1.5·2^23
    private const int RoundBitsSingle = 0x4B400000;   // its bits: the bits of t are these plus n
    private const int MantissaBitsSingle = 23;
    private const int OneBitsSingle = 127 << MantissaBitsSingle;
    private const float LastNonZeroSingle = -1201f;   // n ≤ −1201: 2^⌊n/8⌋ ≤ 2^−151 and the result, below 2^−150, rounds to +0

    private const double LimitDouble = 760.0;         // e^760 > double.MaxValue: +∞; e^−760 < 2^−1075: rounds to +0
    private const double Log2EDouble = 1.4426950408889634;
    private const double Ln2HiDouble = 0.6931471803691238;     // 32 significant bits: n·Ln2Hi is exact
    private const double Ln2LoDouble = 1.9082149292705877e-10;
    private const double RoundDouble = 6755399441055744.0;     // 1.5·2^52
    private const int MantissaBitsDouble = 52;
    private const long OneBitsDouble = 1023L << MantissaBitsDouble;
    private const double LastNonZeroDouble = -1076.0; // n ≤ −1076: eʳ·2ⁿ < √2·2^−1076, below 2^−1075, rounds to +0

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float x)
    {
        x = SymmetricClamp.Of(x, LimitSingle);
        float t = MulAdd.Of(EightLog2ESingle, x, RoundSingle);
        float n = t + -RoundSingle;
        float r = MulAdd.Of(-Ln2HiSingle / 8, n, x);
        r = MulAdd.Of(-Ln2LoSingle / 8, n, r);

        // eʳ − 1 = r·u, u = 1 + r/2 + r²·(1/6 + r/24)
        float u = MulAdd.Of(MulAdd.Of(1f / 24, r, 1f / 6), r * r, MulAdd.Of(0.5f, r, 1f));
        int tBits = BitConverter.SingleToInt32Bits(t);
        float high = EighthPowers.High(tBits);
        float p = high + MulAdd.Of(high * r, u, EighthPowers.Low(tBits));

        int m = (tBits - RoundBitsSingle) >> 3;
        int half = m >> 1;
        float scale1 = BitConverter.Int32BitsToSingle((half << MantissaBitsSingle) + OneBitsSingle);
        float scale2 = n > LastNonZeroSingle ? BitConverter.Int32BitsToSingle(((m - half) << MantissaBitsSingle) + OneBitsSingle) : 0f;
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
        // into a value used for the last time, instead of copying a value it still needs.
        Vector<float> t = MulAdd.Of(new Vector<float>(EightLog2ESingle), x, new Vector<float>(RoundSingle));
        Vector<float> n = t + new Vector<float>(-RoundSingle);
        Vector<float> r = MulAdd.Of(new Vector<float>(-Ln2HiSingle / 8), n, x);
        r = MulAdd.Of(new Vector<float>(-Ln2LoSingle / 8), n, r);

        Vector<float> u = MulAdd.Of(
            MulAdd.Of(new Vector<float>(1f / 24), r, new Vector<float>(1f / 6)),
            r * r,
            MulAdd.Of(new Vector<float>(0.5f), r, Vector<float>.One));
        Vector<int> tBits = Vector.AsVectorInt32(t);
        Vector<float> high = EighthPowers.High(tBits);
        Vector<float> p = high + MulAdd.Of(high * r, u, EighthPowers.Low(tBits));

        if (Vector<float>.Count == Vector256<float>.Count && Avx512F.VL.IsSupported)
        {
            return Avx512F.VL.Scale(p.AsVector256(), (n * 0.125f).AsVector256()).AsVector();
        }

        if (Vector<float>.Count == Vector512<float>.Count && Avx512F.IsSupported)
        {
            return Avx512F.Scale(p.AsVector512(), (n * 0.125f).AsVector512()).AsVector();
        }

        Vector<int> m = Vector.ShiftRightArithmetic(tBits - new Vector<int>(RoundBitsSingle), 3);
        Vector<int> half = Vector.ShiftRightArithmetic(m, 1);
        Vector<int> one = new(OneBitsSingle);
        Vector<float> scale1 = Vector.AsVectorSingle(Vector.ShiftLeft(half, MantissaBitsSingle) + one);
        Vector<float> scale2 = Vector.AsVectorSingle(Vector.ShiftLeft(m - half, MantissaBitsSingle) + one);
        scale2 = Vector.ConditionalSelect(Vector.GreaterThan(n, new Vector<float>(LastNonZeroSingle)), scale2, Vector<float>.Zero);
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

        // u = 1/2! + r/3! + … + r¹¹/13! in Estrin's scheme, then eʳ = 1 + r(1 + r·u)
        double r2 = r * r;
        double r4 = r2 * r2;
        double s0 = MulAdd.Of(MulAdd.Of(1.0 / 120, r, 1.0 / 24), r2, MulAdd.Of(1.0 / 6, r, 0.5));
        double s1 = MulAdd.Of(MulAdd.Of(1.0 / 362880, r, 1.0 / 40320), r2, MulAdd.Of(1.0 / 5040, r, 1.0 / 720));
        double s2 = MulAdd.Of(MulAdd.Of(1.0 / 6227020800, r, 1.0 / 479001600), r2, MulAdd.Of(1.0 / 39916800, r, 1.0 / 3628800));
        double u = MulAdd.Of(s2, r4 * r4, MulAdd.Of(s1, r4, s0));
        double p = MulAdd.Of(MulAdd.Of(u, r, 1.0), r, 1.0);

        long nBits = BitConverter.DoubleToInt64Bits(t);
        long halfBits = BitConverter.DoubleToInt64Bits((n * 0.5) + RoundDouble);
        double scale1 = BitConverter.Int64BitsToDouble((halfBits << MantissaBitsDouble) + OneBitsDouble);
        double scale2 = n > LastNonZeroDouble ? BitConverter.Int64BitsToDouble(((nBits - halfBits) << MantissaBitsDouble) + OneBitsDouble) : 0.0;
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

        // u = 1/2! + r/3! + … + r¹¹/13! in Estrin's scheme, then eʳ = 1 + r(1 + r·u), as the scalar form
        Vector<double> r2 = r * r;
        Vector<double> r4 = r2 * r2;
        Vector<double> s0 = MulAdd.Of(MulAdd.Of(new Vector<double>(1.0 / 120), r, new Vector<double>(1.0 / 24)), r2, MulAdd.Of(new Vector<double>(1.0 / 6), r, new Vector<double>(0.5)));
        Vector<double> s1 = MulAdd.Of(MulAdd.Of(new Vector<double>(1.0 / 362880), r, new Vector<double>(1.0 / 40320)), r2, MulAdd.Of(new Vector<double>(1.0 / 5040), r, new Vector<double>(1.0 / 720)));
        Vector<double> s2 = MulAdd.Of(MulAdd.Of(new Vector<double>(1.0 / 6227020800), r, new Vector<double>(1.0 / 479001600)), r2, MulAdd.Of(new Vector<double>(1.0 / 39916800), r, new Vector<double>(1.0 / 3628800)));
        Vector<double> u = MulAdd.Of(s2, r4 * r4, MulAdd.Of(s1, r4, s0));
        Vector<double> p = MulAdd.Of(MulAdd.Of(u, r, Vector<double>.One), r, Vector<double>.One);

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
        scale2 = Vector.ConditionalSelect(Vector.GreaterThan(n, new Vector<double>(LastNonZeroDouble)), scale2, Vector<double>.Zero);
        return p * scale1 * scale2;
    }
}
