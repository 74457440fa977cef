using System;
using System.Numerics;

namespace NetCompiler;

/// <summary>
/// A pseudo-random generator whose every output is bit-identical on every run, operating system
/// and CPU: xoshiro256** (Blackman and Vigna) seeded through SplitMix64, uniform doubles from the
/// top 53 bits, and normal deviates by the Marsaglia polar method with a natural logarithm
/// (<see cref="Log"/>) built from +, −, ×, ÷ only, because the last bits of <c>Math.Log</c> differ
/// between platforms. <c>Math.Sqrt</c> is used: IEEE 754 requires it to be correctly rounded.
/// </summary>
internal sealed class DeterministicRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double _spareNormal;
    private bool _hasSpareNormal;

    /// <summary>Seeds the four state words with four successive SplitMix64 outputs of <paramref name="seed"/>.</summary>
    public DeterministicRandom(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>
    /// The stream for (<paramref name="seed"/>, <paramref name="stream"/>): distinct pairs give distinct
    /// SplitMix64 seeds, so, for example, every layer of a network gets its own stream.
    /// </summary>
    public static DeterministicRandom ForStream(int seed, int stream) =>
        new(((ulong)(uint)seed << 32) | (uint)stream);

    /// <summary>The next 64 random bits (xoshiro256**).</summary>
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1): the top 53 bits times 2⁻⁵³ (exact).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double NextDouble(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>) (multiply-high, negligible bias).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)Math.BigMul(NextUInt64(), (ulong)maxExclusive, out _);
    }

    /// <summary>
    /// A standard normal deviate by the Marsaglia polar method: draw u, v uniform in (−1, 1) until
    /// 0 &lt; s = u² + v² &lt; 1; then u·√(−2 ln s / s) and v·√(−2 ln s / s) are independent N(0, 1).
    /// The second is kept for the next call.
    /// </summary>
    public double NextNormal()
    {
        if (_hasSpareNormal)
        {
            _hasSpareNormal = false;
            return _spareNormal;
        }

        double u, v, s;
        do
        {
            u = 2.0 * NextDouble() - 1.0;
            v = 2.0 * NextDouble() - 1.0;
            s = u * u + v * v;
        }
        while (s >= 1.0 || s == 0.0);

        double factor = Math.Sqrt(-2.0 * Log(s) / s);
        _spareNormal = v * factor;
        _hasSpareNormal = true;
        return u * factor;
    }

    /// <summary>
    /// The natural logarithm of a positive finite <paramref name="x"/> from +, −, ×, ÷ only, hence the
    /// same bits everywhere. Write x = m·2ᵉ with m in [√½, √2) (exact bit manipulation); then
    /// ln x = e·ln 2 + ln m and ln m = 2·atanh(t) = 2(t + t³/3 + t⁵/5 + …) with t = (m − 1)/(m + 1),
    /// |t| ≤ 0.1716, so t² ≤ 0.0295 and 15 terms leave a truncation error below 10⁻²³.
    /// ln 2 is split into a high part (exact when multiplied by e) and a low part, as in fdlibm.
    /// </summary>
    public static double Log(double x)
    {
        if (!(x > 0.0) || double.IsInfinity(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "The logarithm needs a positive finite number.");
        }

        const double Ln2High = 6.93147180369123816490e-01; // fdlibm ln2_hi: trailing zeros make e·Ln2High exact
        const double Ln2Low = 1.90821492927058770002e-10;  // ln 2 − Ln2High
        const double Sqrt2 = 1.4142135623730951;

        long bits = BitConverter.DoubleToInt64Bits(x);
        int biasedExponent = (int)((bits >> 52) & 0x7FF);
        int exponentAdjustment = 0;
        if (biasedExponent == 0)
        {
            // Subnormal: scale by 2⁵⁴ (exact) to make it normal.
            x *= 18014398509481984.0;
            bits = BitConverter.DoubleToInt64Bits(x);
            biasedExponent = (int)((bits >> 52) & 0x7FF);
            exponentAdjustment = -54;
        }

        int e = biasedExponent - 1023 + exponentAdjustment;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L); // m in [1, 2)
        if (m > Sqrt2)
        {
            m *= 0.5; // exact
            e++;
        }

        double t = (m - 1.0) / (m + 1.0);
        double t2 = t * t;

        // Horner form of 1 + t²/3 + t⁴/5 + … + t²⁸/29.
        double series = 1.0 / 29.0;
        for (int k = 13; k >= 0; k--)
        {
            series = series * t2 + 1.0 / (2 * k + 1);
        }

        return e * Ln2High + (2.0 * t * series + e * Ln2Low);
    }

    private static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
