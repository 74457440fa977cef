using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetCompiler;

/// <summary>
/// The <see cref="Vector{T}"/> form: each row's products a vector at a time into one sum, reduced
/// once, then the scalar tail, then the bias (float rows on 256-bit vectors: the values past the
/// whole vectors go into the sum before it is reduced, see <see cref="AddTail"/>, and the sums of
/// several rows are reduced together by <see cref="RowSums"/>); rows side by side so each load of
/// the input serves several (eight accumulators hide the multiply-add latency), or, for a batch,
/// four rows × two examples (six loads feed eight multiply-adds, within the sixteen registers of AVX2).
/// </summary>
public static partial class DenseForward
{
    /// <summary>Wᵣ·x for one row and one example, in the order every form of this file adds it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Row<T, TShape>(ref T row, ref T input)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape
    {
        var s = Vector<T>.Zero;
        int i = 0;
        for (; i + Vector<T>.Count <= TShape.Inputs; i += Vector<T>.Count)
        {
            s = Lanes<T>.MultiplyAdd(Lanes<T>.Load(ref row, i), Lanes<T>.Load(ref input, i), s);
        }

        if (SumsAsOctets<T, TShape>())
        {
            return Vector.Sum(HasTail<TShape>() ? AddTail<T, TShape>(ref row, Tail<T, TShape>(ref input), s) : s);
        }

        T z = Vector.Sum(s);
        for (; i < TShape.Inputs; i++)
        {
            z += At(ref row, i) * At(ref input, i);
        }

        return z;
    }

    /// <summary>z of rows <paramref name="j"/> … j + 7 for one example.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EightRows<T, TShape>(ref T w, ref T b, ref T input, ref T output, int j)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape
    {
        int n = TShape.Inputs;
        ref T w0 = ref At(ref w, j * n);
        ref T w1 = ref At(ref w0, n);
        ref T w2 = ref At(ref w1, n);
        ref T w3 = ref At(ref w2, n);
        ref T w4 = ref At(ref w3, n);
        ref T w5 = ref At(ref w4, n);
        ref T w6 = ref At(ref w5, n);
        ref T w7 = ref At(ref w6, n);
        Vector<T> s0 = Vector<T>.Zero, s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
        int i = 0;
        for (; i + Vector<T>.Count <= n; i += Vector<T>.Count)
        {
            var x = Lanes<T>.Load(ref input, i);
            s0 = Lanes<T>.MultiplyAdd(Lanes<T>.Load(ref w0, i), x, s0);
            s1 = Lanes<T>.MultiplyAdd(Lanes<T>.Load(ref w1, i), x, s1);
            s2 = Lanes<T>.MultiplyAdd(Lanes<T>.Load(ref w2, i), x, s2);
            s3 = Lanes<T>.MultiplyAdd(Lanes<T>.Load(ref w3, i), x, s3);
            s4 = Lanes<T>.MultiplyAdd(Lanes<T>.Load(ref w4, i), x, s4);
            s5 = Lanes<T>.MultiplyAdd(Lanes<T>.Load(ref w5, i), x, s5);
            s6 = Lanes<T>.MultiplyAdd(Lanes<T>.Load(ref w6, i), x, s6);
            s7 = Lanes<T>.MultiplyAdd(Lanes<T>.Load(ref w7, i), x, s7);
        }

        if (SumsAsOctets<T, TShape>())
        {
            if (HasTail<TShape>())
            {
                var x = Tail<T, TShape>(ref input);
                s0 = AddTail<T, TShape>(ref w0, x, s0);
                s1 = AddTail<T, TShape>(ref w1, x, s1);
                s2 = AddTail<T, TShape>(ref w2, x, s2);
                s3 = AddTail<T, TShape>(ref w3, x, s3);
                s4 = AddTail<T, TShape>(ref w4, x, s4);
                s5 = AddTail<T, TShape>(ref w5, x, s5);
                s6 = AddTail<T, TShape>(ref w6, x, s6);
                s7 = AddTail<T, TShape>(ref w7, x, s7);
            }

            // the eight rows' sums at once, each as Vector.Sum adds it, then their biases
            Vector256<float> sums = RowSums.OfOctets(AsFloat(s0), AsFloat(s1), AsFloat(s2), AsFloat(s3), AsFloat(s4), AsFloat(s5), AsFloat(s6), AsFloat(s7));
            Vector256.StoreUnsafe(sums + Vector256.LoadUnsafe(ref Unsafe.As<T, float>(ref At(ref b, j))), ref Unsafe.As<T, float>(ref At(ref output, j)));
            return;
        }

        T z0 = Vector.Sum(s0), z1 = Vector.Sum(s1), z2 = Vector.Sum(s2), z3 = Vector.Sum(s3);
        T z4 = Vector.Sum(s4), z5 = Vector.Sum(s5), z6 = Vector.Sum(s6), z7 = Vector.Sum(s7);
        for (; i < n; i++)
        {
            T x = At(ref input, i);
            z0 += At(ref w0, i) * x;
            z1 += At(ref w1, i) * x;
            z2 += At(ref w2, i) * x;
            z3 += At(ref w3, i) * x;
            z4 += At(ref w4, i) * x;
            z5 += At(ref w5, i) * x;
            z6 += At(ref w6, i) * x;
            z7 += At(ref w7, i) * x;
        }

        ref T z = ref At(ref output, j);
        ref T bias = ref At(ref b, j);
        z = z0 + bias;
        At(ref z, 1) = z1 + At(ref bias, 1);
        At(ref z, 2) = z2 + At(ref bias, 2);
        At(ref z, 3) = z3 + At(ref bias, 3);
        At(ref z, 4) = z4 + At(ref bias, 4);
        At(ref z, 5) = z5 + At(ref bias, 5);
        At(ref z, 6) = z6 + At(ref bias, 6);
        At(ref z, 7) = z7 + At(ref bias, 7);
    }

    /// <summary>
    /// z of the last <paramref name="count"/> rows from <paramref name="j"/> (one to seven, those left after
    /// the blocks of eight: all of a layer of up to seven units, two of a head of ten classes) for one
    /// example, where <see cref="SumsAsOctets"/>: their sums at once rather than one horizontal sum a row,
    /// stored as one whole vector, +0 past the last row (in the padding), so that the next vector load
    /// of z (the activation's, the softmax's) takes its values from that store. Stored as a half vector
    /// and single values, they left that load to wait until every one of them had reached the cache
    /// (16 → 12 one example 28.7 → 18.0 ns; benchmarks/HISTORY.md, thirty-second run).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LastRows<T, TShape>(ref T w, ref T b, ref T input, ref T output, int j, int count)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape
    {
        int n = TShape.Inputs;
        ref T w0 = ref At(ref w, j * n);
        Vector<T> s0 = Vector<T>.Zero, s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0;
        for (int i = 0; i + Vector<T>.Count <= n; i += Vector<T>.Count)
        {
            var x = Lanes<T>.Load(ref input, i);
            s0 = Lanes<T>.MultiplyAdd(Lanes<T>.Load(ref w0, i), x, s0);
            s1 = count > 1 ? Lanes<T>.MultiplyAdd(Lanes<T>.Load(ref w0, n + i), x, s1) : s1;
            s2 = count > 2 ? Lanes<T>.MultiplyAdd(Lanes<T>.Load(ref w0, (2 * n) + i), x, s2) : s2;
            s3 = count > 3 ? Lanes<T>.MultiplyAdd(Lanes<T>.Load(ref w0, (3 * n) + i), x, s3) : s3;
            s4 = count > 4 ? Lanes<T>.MultiplyAdd(Lanes<T>.Load(ref w0, (4 * n) + i), x, s4) : s4;
            s5 = count > 5 ? Lanes<T>.MultiplyAdd(Lanes<T>.Load(ref w0, (5 * n) + i), x, s5) : s5;
            s6 = count > 6 ? Lanes<T>.MultiplyAdd(Lanes<T>.Load(ref w0, (6 * n) + i), x, s6) : s6;
        }

        if (HasTail<TShape>())
        {
            var x = Tail<T, TShape>(ref input);
            s0 = AddTail<T, TShape>(ref w0, x, s0);
            s1 = count > 1 ? AddTail<T, TShape>(ref At(ref w0, n), x, s1) : s1;
            s2 = count > 2 ? AddTail<T, TShape>(ref At(ref w0, 2 * n), x, s2) : s2;
            s3 = count > 3 ? AddTail<T, TShape>(ref At(ref w0, 3 * n), x, s3) : s3;
            s4 = count > 4 ? AddTail<T, TShape>(ref At(ref w0, 4 * n), x, s4) : s4;
            s5 = count > 5 ? AddTail<T, TShape>(ref At(ref w0, 5 * n), x, s5) : s5;
            s6 = count > 6 ? AddTail<T, TShape>(ref At(ref w0, 6 * n), x, s6) : s6;
        }

        // the rows' sums at once, each as Vector.Sum adds it (a row past the last one sums to +0), then their biases
        Vector256<float> sums = RowSums.OfOctets(AsFloat(s0), AsFloat(s1), AsFloat(s2), AsFloat(s3), AsFloat(s4), AsFloat(s5), AsFloat(s6), Vector256<float>.Zero);
        ref float bias = ref Unsafe.As<T, float>(ref At(ref b, j));
        Vector256<float> biases = Vector256.Create(
            bias, Bias(ref bias, 1, count), Bias(ref bias, 2, count), Bias(ref bias, 3, count), Bias(ref bias, 4, count), Bias(ref bias, 5, count), Bias(ref bias, 6, count), 0f);
        Vector256.StoreUnsafe(sums + biases, ref Unsafe.As<T, float>(ref At(ref output, j)));

        // the bias of row k, or +0 past the rows, where nothing is read (the last layer's biases end the parameters)
        static float Bias(ref float bias, int k, int count) => k < count ? Unsafe.Add(ref bias, k) : 0f;
    }

    /// <summary>z of rows <paramref name="j"/> … j + 3 for the first <paramref name="paired"/> examples, two (A and B) a pass.</summary>
    private static void FourRowsTwoExamples<T, TShape>(ref T w, ref T b, ref T inputs, int inputStride, ref T outputs, int paired, int j)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape
    {
        int n = TShape.Inputs;
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
            Vector<T> s0A = Vector<T>.Zero, s0B = s0A, s1A = s0A, s1B = s0A, s2A = s0A, s2B = s0A, s3A = s0A, s3B = s0A;
            int i = 0;
            for (; i + Vector<T>.Count <= n; i += Vector<T>.Count)
            {
                var xA = Lanes<T>.Load(ref inputA, i);
                var xB = Lanes<T>.Load(ref inputB, i);
                var w0i = Lanes<T>.Load(ref w0, i);
                s0A = Lanes<T>.MultiplyAdd(w0i, xA, s0A);
                s0B = Lanes<T>.MultiplyAdd(w0i, xB, s0B);
                var w1i = Lanes<T>.Load(ref w1, i);
                s1A = Lanes<T>.MultiplyAdd(w1i, xA, s1A);
                s1B = Lanes<T>.MultiplyAdd(w1i, xB, s1B);
                var w2i = Lanes<T>.Load(ref w2, i);
                s2A = Lanes<T>.MultiplyAdd(w2i, xA, s2A);
                s2B = Lanes<T>.MultiplyAdd(w2i, xB, s2B);
                var w3i = Lanes<T>.Load(ref w3, i);
                s3A = Lanes<T>.MultiplyAdd(w3i, xA, s3A);
                s3B = Lanes<T>.MultiplyAdd(w3i, xB, s3B);
            }

            if (SumsAsOctets<T, TShape>())
            {
                if (HasTail<TShape>())
                {
                    var xA = Tail<T, TShape>(ref inputA);
                    var xB = Tail<T, TShape>(ref inputB);
                    s0A = AddTail<T, TShape>(ref w0, xA, s0A);
                    s0B = AddTail<T, TShape>(ref w0, xB, s0B);
                    s1A = AddTail<T, TShape>(ref w1, xA, s1A);
                    s1B = AddTail<T, TShape>(ref w1, xB, s1B);
                    s2A = AddTail<T, TShape>(ref w2, xA, s2A);
                    s2B = AddTail<T, TShape>(ref w2, xB, s2B);
                    s3A = AddTail<T, TShape>(ref w3, xA, s3A);
                    s3B = AddTail<T, TShape>(ref w3, xB, s3B);
                }

                // the four rows' sums of each example at once, each as Vector.Sum adds it, then their biases
                Vector128<float> biases = Vector128.LoadUnsafe(ref Unsafe.As<T, float>(ref At(ref b, j)));
                Vector128.StoreUnsafe(RowSums.OfOctets(AsFloat(s0A), AsFloat(s1A), AsFloat(s2A), AsFloat(s3A)).GetLower() + biases, ref Unsafe.As<T, float>(ref At(ref outputA, j)));
                Vector128.StoreUnsafe(RowSums.OfOctets(AsFloat(s0B), AsFloat(s1B), AsFloat(s2B), AsFloat(s3B)).GetLower() + biases, ref Unsafe.As<T, float>(ref At(ref outputB, j)));
                continue;
            }

            T z0A = Vector.Sum(s0A), z0B = Vector.Sum(s0B), z1A = Vector.Sum(s1A), z1B = Vector.Sum(s1B);
            T z2A = Vector.Sum(s2A), z2B = Vector.Sum(s2B), z3A = Vector.Sum(s3A), z3B = Vector.Sum(s3B);
            for (; i < n; i++)
            {
                T xA = At(ref inputA, i);
                T xB = At(ref inputB, i);
                z0A += At(ref w0, i) * xA;
                z0B += At(ref w0, i) * xB;
                z1A += At(ref w1, i) * xA;
                z1B += At(ref w1, i) * xB;
                z2A += At(ref w2, i) * xA;
                z2B += At(ref w2, i) * xB;
                z3A += At(ref w3, i) * xA;
                z3B += At(ref w3, i) * xB;
            }

            ref T bias = ref At(ref b, j);
            ref T zA = ref At(ref outputA, j);
            ref T zB = ref At(ref outputB, j);
            zA = z0A + bias;
            zB = z0B + bias;
            At(ref zA, 1) = z1A + At(ref bias, 1);
            At(ref zB, 1) = z1B + At(ref bias, 1);
            At(ref zA, 2) = z2A + At(ref bias, 2);
            At(ref zB, 2) = z2B + At(ref bias, 2);
            At(ref zA, 3) = z3A + At(ref bias, 3);
            At(ref zB, 3) = z3B + At(ref bias, 3);
        }
    }

    /// <summary>
    /// Whether a row's sum can come from <see cref="RowSums"/> (a constant once compiled): float rows
    /// of at least one 256-bit vector, where <see cref="RowSums.OfOctets(Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float})"/>
    /// adds each vector's lanes as <see cref="Vector.Sum{T}(Vector{T})"/> does; a row's last values
    /// past its whole vectors go into the vector sum first (<see cref="AddTail"/>), not after it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SumsAsOctets<T, TShape>()
        where T : unmanaged
        where TShape : struct, IDenseShape =>
        typeof(T) == typeof(float) && Vector<float>.Count == 8 && TShape.Inputs >= 8;

    /// <summary>Whether a row has values past its whole 256-bit float vectors (a constant once compiled), which <see cref="AddTail"/> adds where <see cref="SumsAsOctets"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HasTail<TShape>()
        where TShape : struct, IDenseShape =>
        TShape.Inputs % 8 != 0;

    /// <summary>
    /// The input's last vector, ending where the input ends, with the lanes its whole vectors have
    /// already covered cleared to +0: the values past the whole vectors, in the last lanes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Tail<T, TShape>(ref T input)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape =>
        Lanes<T>.Load(ref input, TShape.Inputs - Vector<T>.Count) & TailLanes<T, TShape>();

    /// <summary>
    /// s + the row's last vector × <paramref name="tail"/> (from <see cref="Tail"/>), the row's vector
    /// cleared in the same lanes, so that each covered lane adds exactly +0 (even where a weight is
    /// infinite) and the tail's products join the lanes' sums before the lanes are added up.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> AddTail<T, TShape>(ref T row, Vector<T> tail, Vector<T> s)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape =>
        Lanes<T>.MultiplyAdd(Lanes<T>.Load(ref row, TShape.Inputs - Vector<T>.Count) & TailLanes<T, TShape>(), tail, s);

    /// <summary>All ones in the lanes of a row's last vector that its whole vectors have not covered, +0 in the others (float lanes of a 256-bit <see cref="Vector{T}"/>, as <see cref="SumsAsOctets"/> requires).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> TailLanes<T, TShape>()
        where T : unmanaged
        where TShape : struct, IDenseShape =>
        Vector.As<float, T>(Vector256.GreaterThanOrEqual(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(8 - (TShape.Inputs % 8))).AsSingle().AsVector());

    /// <summary>The vector as eight float lanes, where T is float and <see cref="Vector{T}"/> 256 bits (a reinterpretation).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> AsFloat<T>(Vector<T> value) => Vector.As<T, float>(value).AsVector256();
}
