using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetCompiler;

/// <summary>
/// The 512-bit form: a row's vectors in pairs, the first of each pair into sum 0 and the second
/// into sum 1, the last, odd vector into sum 0, then Σ(sum 0 + sum 1) once and the bias. The input
/// is a whole number of 512-bit vectors here, so there is no scalar tail.
/// </summary>
public static partial class DenseForward
{
    /// <summary>Wᵣ·x for one row and one example, in the order every 512-bit form adds it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Row512<T, TShape>(ref T row, ref T input)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape
    {
        int lanes = Vector512<T>.Count;
        var s0 = Vector512<T>.Zero;
        var s1 = s0;

        // the row and the input walked by reference, so each pass is its loads, multiply-adds and two additions
        ref T w = ref row;
        ref T x = ref input;
        for (int pairs = TShape.Inputs / (2 * lanes); pairs > 0; pairs--)
        {
            s0 = Lanes512<T>.MultiplyAdd(Lanes512<T>.Load(ref w, 0), Lanes512<T>.Load(ref x, 0), s0);
            s1 = Lanes512<T>.MultiplyAdd(Lanes512<T>.Load(ref w, lanes), Lanes512<T>.Load(ref x, lanes), s1);
            w = ref At(ref w, 2 * lanes);
            x = ref At(ref x, 2 * lanes);
        }

        if (PairsEnd<T, TShape>() < TShape.Inputs)
        {
            s0 = Lanes512<T>.MultiplyAdd(Lanes512<T>.Load(ref w, 0), Lanes512<T>.Load(ref x, 0), s0);
        }

        return Vector512.Sum(s0 + s1);
    }

    /// <summary>
    /// z of rows <paramref name="r"/> and r + 1 for one example, each row in the order of <see cref="Row512"/>:
    /// the two rows side by side, so four sums are under way and each input vector loaded serves both.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TwoRows512<T, TShape>(ref T w, ref T b, ref T input, ref T output, int r)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape
    {
        int n = TShape.Inputs;
        int lanes = Vector512<T>.Count;
        var s0 = Vector512<T>.Zero;
        var s1 = s0;
        var t0 = s0;
        var t1 = s0;

        // row r walked by reference, row r + 1 one row further on
        ref T row = ref At(ref w, r * n);
        ref T x = ref input;
        for (int pairs = n / (2 * lanes); pairs > 0; pairs--)
        {
            var x0 = Lanes512<T>.Load(ref x, 0);
            var x1 = Lanes512<T>.Load(ref x, lanes);
            s0 = Lanes512<T>.MultiplyAdd(Lanes512<T>.Load(ref row, 0), x0, s0);
            s1 = Lanes512<T>.MultiplyAdd(Lanes512<T>.Load(ref row, lanes), x1, s1);
            t0 = Lanes512<T>.MultiplyAdd(Lanes512<T>.Load(ref row, n), x0, t0);
            t1 = Lanes512<T>.MultiplyAdd(Lanes512<T>.Load(ref row, n + lanes), x1, t1);
            row = ref At(ref row, 2 * lanes);
            x = ref At(ref x, 2 * lanes);
        }

        if (PairsEnd<T, TShape>() < n)
        {
            var x0 = Lanes512<T>.Load(ref x, 0);
            s0 = Lanes512<T>.MultiplyAdd(Lanes512<T>.Load(ref row, 0), x0, s0);
            t0 = Lanes512<T>.MultiplyAdd(Lanes512<T>.Load(ref row, n), x0, t0);
        }

        At(ref output, r) = Vector512.Sum(s0 + s1) + At(ref b, r);
        At(ref output, r + 1) = Vector512.Sum(t0 + t1) + At(ref b, r + 1);
    }

    /// <summary>The vector as float lanes, where T is float (a reinterpretation, no instruction).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> AsFloat<T>(Vector512<T> value) => value.As<T, float>();

    /// <summary>Where the pairs of 512-bit vectors of a row end (a constant once compiled): the odd vector left, if any, starts there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PairsEnd<T, TShape>()
        where T : unmanaged
        where TShape : struct, IDenseShape =>
        TShape.Inputs - (TShape.Inputs % (2 * Vector512<T>.Count));

    /// <summary>z of rows <paramref name="j"/> … j + 3 for the first <paramref name="paired"/> examples, two (A and B) a pass, each (row, example) in the order of <see cref="Row512"/>.</summary>
    private static void FourRowsTwoExamples512<T, TShape>(ref T w, ref T b, ref T inputs, int inputStride, ref T outputs, int paired, int j)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape
    {
        int n = TShape.Inputs;
        int lanes = Vector512<T>.Count;
        ref T w0 = ref At(ref w, j * n);
        ref T w1 = ref At(ref w0, n);
        ref T w2 = ref At(ref w1, n);
        ref T w3 = ref At(ref w2, n);
        for (int e = 0; e < paired; e += 2)
        {
            ref T inputA = ref At(ref inputs, e * inputStride);
            ref T inputB = ref At(ref inputA, inputStride);
            ref T outputA = ref At(ref outputs, e * TShape.PaddedUnits);
            ref T outputB = ref At(ref outputA, TShape.PaddedUnits);
            // sum k of row r for example e: skre
            Vector512<T> s00A = Vector512<T>.Zero, s10A = s00A, s00B = s00A, s10B = s00A;
            Vector512<T> s01A = s00A, s11A = s00A, s01B = s00A, s11B = s00A;
            Vector512<T> s02A = s00A, s12A = s00A, s02B = s00A, s12B = s00A;
            Vector512<T> s03A = s00A, s13A = s00A, s03B = s00A, s13B = s00A;
            int pairsEnd = PairsEnd<T, TShape>();
            for (int i = 0; i < pairsEnd; i += 2 * lanes)
            {
                var x0A = Lanes512<T>.Load(ref inputA, i);
                var x1A = Lanes512<T>.Load(ref inputA, i + lanes);
                var x0B = Lanes512<T>.Load(ref inputB, i);
                var x1B = Lanes512<T>.Load(ref inputB, i + lanes);
                var w0k0 = Lanes512<T>.Load(ref w0, i);
                s00A = Lanes512<T>.MultiplyAdd(w0k0, x0A, s00A);
                s00B = Lanes512<T>.MultiplyAdd(w0k0, x0B, s00B);
                var w0k1 = Lanes512<T>.Load(ref w0, i + lanes);
                s10A = Lanes512<T>.MultiplyAdd(w0k1, x1A, s10A);
                s10B = Lanes512<T>.MultiplyAdd(w0k1, x1B, s10B);
                var w1k0 = Lanes512<T>.Load(ref w1, i);
                s01A = Lanes512<T>.MultiplyAdd(w1k0, x0A, s01A);
                s01B = Lanes512<T>.MultiplyAdd(w1k0, x0B, s01B);
                var w1k1 = Lanes512<T>.Load(ref w1, i + lanes);
                s11A = Lanes512<T>.MultiplyAdd(w1k1, x1A, s11A);
                s11B = Lanes512<T>.MultiplyAdd(w1k1, x1B, s11B);
                var w2k0 = Lanes512<T>.Load(ref w2, i);
                s02A = Lanes512<T>.MultiplyAdd(w2k0, x0A, s02A);
                s02B = Lanes512<T>.MultiplyAdd(w2k0, x0B, s02B);
                var w2k1 = Lanes512<T>.Load(ref w2, i + lanes);
                s12A = Lanes512<T>.MultiplyAdd(w2k1, x1A, s12A);
                s12B = Lanes512<T>.MultiplyAdd(w2k1, x1B, s12B);
                var w3k0 = Lanes512<T>.Load(ref w3, i);
                s03A = Lanes512<T>.MultiplyAdd(w3k0, x0A, s03A);
                s03B = Lanes512<T>.MultiplyAdd(w3k0, x0B, s03B);
                var w3k1 = Lanes512<T>.Load(ref w3, i + lanes);
                s13A = Lanes512<T>.MultiplyAdd(w3k1, x1A, s13A);
                s13B = Lanes512<T>.MultiplyAdd(w3k1, x1B, s13B);
            }

            if (pairsEnd < n)
            {
                // the last, odd vector of the input, into the first sum
                int i = pairsEnd;
                var x0A = Lanes512<T>.Load(ref inputA, i);
                var x0B = Lanes512<T>.Load(ref inputB, i);
                var w0k0 = Lanes512<T>.Load(ref w0, i);
                s00A = Lanes512<T>.MultiplyAdd(w0k0, x0A, s00A);
                s00B = Lanes512<T>.MultiplyAdd(w0k0, x0B, s00B);
                var w1k0 = Lanes512<T>.Load(ref w1, i);
                s01A = Lanes512<T>.MultiplyAdd(w1k0, x0A, s01A);
                s01B = Lanes512<T>.MultiplyAdd(w1k0, x0B, s01B);
                var w2k0 = Lanes512<T>.Load(ref w2, i);
                s02A = Lanes512<T>.MultiplyAdd(w2k0, x0A, s02A);
                s02B = Lanes512<T>.MultiplyAdd(w2k0, x0B, s02B);
                var w3k0 = Lanes512<T>.Load(ref w3, i);
                s03A = Lanes512<T>.MultiplyAdd(w3k0, x0A, s03A);
                s03B = Lanes512<T>.MultiplyAdd(w3k0, x0B, s03B);
            }

            ref T bias = ref At(ref b, j);
            ref T zA = ref At(ref outputA, j);
            ref T zB = ref At(ref outputB, j);
            if (typeof(T) == typeof(float))
            {
                // the four rows' sums at once, each as Vector512.Sum adds it, then their biases
                Vector128<float> biases = Vector128.LoadUnsafe(ref Unsafe.As<T, float>(ref bias));
                Vector128.StoreUnsafe(RowSums.OfSixteens(AsFloat(s00A + s10A), AsFloat(s01A + s11A), AsFloat(s02A + s12A), AsFloat(s03A + s13A)) + biases, ref Unsafe.As<T, float>(ref zA));
                Vector128.StoreUnsafe(RowSums.OfSixteens(AsFloat(s00B + s10B), AsFloat(s01B + s11B), AsFloat(s02B + s12B), AsFloat(s03B + s13B)) + biases, ref Unsafe.As<T, float>(ref zB));
                continue;
            }

            zA = Vector512.Sum(s00A + s10A) + bias;
            zB = Vector512.Sum(s00B + s10B) + bias;
            At(ref zA, 1) = Vector512.Sum(s01A + s11A) + At(ref bias, 1);
            At(ref zB, 1) = Vector512.Sum(s01B + s11B) + At(ref bias, 1);
            At(ref zA, 2) = Vector512.Sum(s02A + s12A) + At(ref bias, 2);
            At(ref zB, 2) = Vector512.Sum(s02B + s12B) + At(ref bias, 2);
            At(ref zA, 3) = Vector512.Sum(s03A + s13A) + At(ref bias, 3);
            At(ref zB, 3) = Vector512.Sum(s03B + s13B) + At(ref bias, 3);
        }
    }
}
