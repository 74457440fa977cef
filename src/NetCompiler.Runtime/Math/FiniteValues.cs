using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetCompiler;

/// <summary>
/// Whether values are all finite: the test the training kernels make before they add a δ of ±0's
/// product anyway, which changes nothing only when the values it multiplies are finite (0·∞ and
/// 0·NaN are NaN).
/// </summary>
internal static class FiniteValues
{
    /// <summary>
    /// Whether the <paramref name="count"/> values from <paramref name="values"/> are all finite. In
    /// line in the step after one example, whose rows are short: called there, the step with weight
    /// decay took up to 40 % longer (benchmarks/HISTORY.md, thirty-sixth run).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All<T>(ref T values, int count)
        where T : unmanaged, INumberBase<T>
    {
        int i = 0;
        for (; i + Vector<T>.Count <= count; i += Vector<T>.Count)
        {
            // v − v is 0 for a finite v and NaN for ±∞ and NaN
            var v = Vector.LoadUnsafe(ref values, (nuint)i);
            if (!Vector.EqualsAll(v - v, Vector<T>.Zero))
            {
                return false;
            }
        }

        for (; i < count; i++)
        {
            if (!T.IsFinite(Unsafe.Add(ref values, i)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="rows"/> rows of <paramref name="length"/> values, <paramref name="stride"/> apart, hold only finite values.</summary>
    public static bool All<T>(ref T origin, int stride, int length, int rows)
        where T : unmanaged, INumberBase<T>
    {
        for (int row = 0; row < rows; row++)
        {
            if (!All(ref Unsafe.Add(ref origin, row * stride), length))
            {
                return false;
            }
        }

        return true;
    }
}
