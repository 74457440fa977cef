using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetCompiler;

/// <summary>
/// The batch forms: example n's δ at n × <see cref="IDenseShape.PaddedUnits"/>, its input at
/// n × inputStride, its dJ/da at n × <see cref="IDenseShape.PaddedInputs"/>. For each block of
/// four rows and each vector of inputs, the block's ∇W vectors stay in registers while every
/// example adds its δⱼaᵀ, in example order; an example whose four δ are all zero is skipped.
/// </summary>
public static partial class DenseBackward
{
    /// <summary>A batch: ∇W += Σₙ δₙaₙᵀ, ∇b += Σₙ δₙ.</summary>
    public static void AccumulateBatch<T, TShape, TVector, V>(ref T gw, ref T gb, ref T deltas, ref T inputs, int inputStride, int count)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape
        where TVector : struct
        where V : struct, ILanes<TVector, T> =>
        BatchRows<T, TShape, TVector, V>(ref Unsafe.NullRef<T>(), ref gw, ref gb, ref deltas, ref inputs, inputStride, ref Unsafe.NullRef<T>(), count, propagate: false);

    /// <summary>A batch: ∇W += Σₙ δₙaₙᵀ, ∇b += Σₙ δₙ, and each example's dJ/da = Wᵀδₙ in <paramref name="inputDeltas"/>.</summary>
    public static void BackpropagateBatch<T, TShape, TVector, V>(ref T w, ref T gw, ref T gb, ref T deltas, ref T inputs, int inputStride, ref T inputDeltas, int count)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape
        where TVector : struct
        where V : struct, ILanes<TVector, T>
    {
        // dJ/da = Wᵀδ is summed row by row, from zero
        MemoryMarshal.CreateSpan(ref inputDeltas, count * TShape.PaddedInputs).Clear();
        BatchRows<T, TShape, TVector, V>(ref w, ref gw, ref gb, ref deltas, ref inputs, inputStride, ref inputDeltas, count, propagate: true);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BatchRows<T, TShape, TVector, V>(ref T w, ref T gw, ref T gb, ref T deltas, ref T inputs, int inputStride, ref T inputDeltas, int count, bool propagate)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape
        where TVector : struct
        where V : struct, ILanes<TVector, T>
    {
        // ∇b += δₙ, example by example
        for (int e = 0; e < count; e++)
        {
            ref T delta = ref At(ref deltas, e * TShape.PaddedUnits);
            for (int j = 0; j < TShape.Units; j++)
            {
                At(ref gb, j) += At(ref delta, j);
            }
        }

        // A unit whose δ is zero adds nothing, as in one example at a time. Blocks of four rows add
        // a +0 product for such a unit when another of the four fired, which changes nothing unless
        // an input (or, for dJ/da, a weight) is infinite or NaN: then every row goes alone. (Nor
        // unless a gradient is −0, +0 being added to it; sums that start from the +0 that Step and
        // ZeroGradients write never become −0, so only a caller writing −0 into Gradients meets
        // that, as ∇b += δₙ above always met it.)
        int r = 0;
        if (AllFinite<T>(ref inputs, inputStride, TShape.Inputs, count) && (!propagate || AllFinite<T>(ref w, TShape.Inputs, TShape.Inputs, TShape.Units)))
        {
            for (; r + 4 <= TShape.Units; r += 4)
            {
                int start = propagate ? 0 : FourRowsInPairs<T, TShape, TVector, V>(ref gw, ref deltas, ref inputs, inputStride, count, r);
                FourRows<T, TShape, TVector, V>(ref w, ref gw, ref deltas, ref inputs, inputStride, ref inputDeltas, count, r, start, propagate);
            }
        }

        for (; r < TShape.Units; r++)
        {
            OneRow<T, TShape, TVector, V>(ref w, ref gw, ref deltas, ref inputs, inputStride, ref inputDeltas, count, r, propagate);
        }
    }

    /// <summary>
    /// Rows <paramref name="j"/> … j + 3 of ∇W when there is no dJ/da: two vectors of inputs a pass
    /// while they fit, so each broadcast δⱼ and each row's loads serve twice as many multiply-adds;
    /// returns where <see cref="FourRows"/> goes on.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FourRowsInPairs<T, TShape, TVector, V>(ref T gw, ref T deltas, ref T inputs, int inputStride, int count, int j)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape
        where TVector : struct
        where V : struct, ILanes<TVector, T>
    {
        int n = TShape.Inputs;
        ref T g0 = ref At(ref gw, j * n);
        ref T g1 = ref At(ref g0, n);
        ref T g2 = ref At(ref g1, n);
        ref T g3 = ref At(ref g2, n);
        int i = 0;
        for (; i + (2 * V.Count) <= n; i += 2 * V.Count)
        {
            TVector G0 = V.Load(ref g0, i), H0 = V.Load(ref g0, i + V.Count);
            TVector G1 = V.Load(ref g1, i), H1 = V.Load(ref g1, i + V.Count);
            TVector G2 = V.Load(ref g2, i), H2 = V.Load(ref g2, i + V.Count);
            TVector G3 = V.Load(ref g3, i), H3 = V.Load(ref g3, i + V.Count);
            for (int e = 0; e < count; e++)
            {
                if (!FourDeltas<T, TShape>(ref deltas, e, j, out T d0, out T d1, out T d2, out T d3))
                {
                    continue; // units that did not fire (ReLU) add nothing
                }

                var x = V.Load(ref inputs, (e * inputStride) + i);
                var y = V.Load(ref inputs, (e * inputStride) + i + V.Count);
                var D0 = V.Create(d0);
                G0 = V.MultiplyAdd(D0, x, G0);
                H0 = V.MultiplyAdd(D0, y, H0);
                var D1 = V.Create(d1);
                G1 = V.MultiplyAdd(D1, x, G1);
                H1 = V.MultiplyAdd(D1, y, H1);
                var D2 = V.Create(d2);
                G2 = V.MultiplyAdd(D2, x, G2);
                H2 = V.MultiplyAdd(D2, y, H2);
                var D3 = V.Create(d3);
                G3 = V.MultiplyAdd(D3, x, G3);
                H3 = V.MultiplyAdd(D3, y, H3);
            }

            V.Store(G0, ref g0, i);
            V.Store(H0, ref g0, i + V.Count);
            V.Store(G1, ref g1, i);
            V.Store(H1, ref g1, i + V.Count);
            V.Store(G2, ref g2, i);
            V.Store(H2, ref g2, i + V.Count);
            V.Store(G3, ref g3, i);
            V.Store(H3, ref g3, i + V.Count);
        }

        return i;
    }

    /// <summary>Rows <paramref name="j"/> … j + 3 of ∇W (and, when propagating, their dJ/da terms), from the input's value <paramref name="start"/> on.</summary>
    private static void FourRows<T, TShape, TVector, V>(ref T w, ref T gw, ref T deltas, ref T inputs, int inputStride, ref T inputDeltas, int count, int j, int start, bool propagate)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape
        where TVector : struct
        where V : struct, ILanes<TVector, T>
    {
        int n = TShape.Inputs;
        ref T g0 = ref At(ref gw, j * n);
        ref T g1 = ref At(ref g0, n);
        ref T g2 = ref At(ref g1, n);
        ref T g3 = ref At(ref g2, n);
        ref T w0 = ref At(ref w, j * n);
        ref T w1 = ref At(ref w0, n);
        ref T w2 = ref At(ref w1, n);
        ref T w3 = ref At(ref w2, n);
        int i = start;
        for (; i + V.Count <= n; i += V.Count)
        {
            TVector G0 = V.Load(ref g0, i), G1 = V.Load(ref g1, i), G2 = V.Load(ref g2, i), G3 = V.Load(ref g3, i);
            TVector W0 = default, W1 = default, W2 = default, W3 = default;
            if (propagate)
            {
                W0 = V.Load(ref w0, i);
                W1 = V.Load(ref w1, i);
                W2 = V.Load(ref w2, i);
                W3 = V.Load(ref w3, i);
            }

            for (int e = 0; e < count; e++)
            {
                if (!FourDeltas<T, TShape>(ref deltas, e, j, out T d0, out T d1, out T d2, out T d3))
                {
                    continue; // units that did not fire (ReLU) add nothing
                }

                var x = V.Load(ref inputs, (e * inputStride) + i);
                G0 = V.MultiplyAdd(V.Create(d0), x, G0);
                G1 = V.MultiplyAdd(V.Create(d1), x, G1);
                G2 = V.MultiplyAdd(V.Create(d2), x, G2);
                G3 = V.MultiplyAdd(V.Create(d3), x, G3);
                if (propagate)
                {
                    ref T inputDelta = ref At(ref inputDeltas, e * TShape.PaddedInputs);
                    var s = V.Load(ref inputDelta, i);
                    s = V.MultiplyAdd(V.Create(d0), W0, s);
                    s = V.MultiplyAdd(V.Create(d1), W1, s);
                    s = V.MultiplyAdd(V.Create(d2), W2, s);
                    s = V.MultiplyAdd(V.Create(d3), W3, s);
                    V.Store(s, ref inputDelta, i);
                }
            }

            V.Store(G0, ref g0, i);
            V.Store(G1, ref g1, i);
            V.Store(G2, ref g2, i);
            V.Store(G3, ref g3, i);
        }

        for (; i < n; i++)
        {
            T G0 = At(ref g0, i), G1 = At(ref g1, i), G2 = At(ref g2, i), G3 = At(ref g3, i);
            for (int e = 0; e < count; e++)
            {
                if (!FourDeltas<T, TShape>(ref deltas, e, j, out T d0, out T d1, out T d2, out T d3))
                {
                    continue;
                }

                T x = At(ref inputs, (e * inputStride) + i);
                G0 += d0 * x;
                G1 += d1 * x;
                G2 += d2 * x;
                G3 += d3 * x;
                if (propagate)
                {
                    ref T s = ref At(ref inputDeltas, (e * TShape.PaddedInputs) + i);
                    s = s + (d0 * At(ref w0, i)) + (d1 * At(ref w1, i)) + (d2 * At(ref w2, i)) + (d3 * At(ref w3, i));
                }
            }

            At(ref g0, i) = G0;
            At(ref g1, i) = G1;
            At(ref g2, i) = G2;
            At(ref g3, i) = G3;
        }
    }

    /// <summary>Row <paramref name="j"/> of ∇W (and its dJ/da terms), every example in order per vector of inputs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OneRow<T, TShape, TVector, V>(ref T w, ref T gw, ref T deltas, ref T inputs, int inputStride, ref T inputDeltas, int count, int j, bool propagate)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape
        where TVector : struct
        where V : struct, ILanes<TVector, T>
    {
        int n = TShape.Inputs;
        ref T g = ref At(ref gw, j * n);
        ref T row = ref At(ref w, j * n);
        int i = 0;
        for (; i + V.Count <= n; i += V.Count)
        {
            TVector G = V.Load(ref g, i);
            for (int e = 0; e < count; e++)
            {
                T d = At(ref deltas, (e * TShape.PaddedUnits) + j);
                if (T.IsZero(d))
                {
                    continue;
                }

                G = V.MultiplyAdd(V.Create(d), V.Load(ref inputs, (e * inputStride) + i), G);
                if (propagate)
                {
                    ref T inputDelta = ref At(ref inputDeltas, e * TShape.PaddedInputs);
                    V.Store(V.MultiplyAdd(V.Create(d), V.Load(ref row, i), V.Load(ref inputDelta, i)), ref inputDelta, i);
                }
            }

            V.Store(G, ref g, i);
        }

        for (; i < n; i++)
        {
            T G = At(ref g, i);
            for (int e = 0; e < count; e++)
            {
                T d = At(ref deltas, (e * TShape.PaddedUnits) + j);
                if (T.IsZero(d))
                {
                    continue;
                }

                G += d * At(ref inputs, (e * inputStride) + i);
                if (propagate)
                {
                    At(ref inputDeltas, (e * TShape.PaddedInputs) + i) += d * At(ref row, i);
                }
            }

            At(ref g, i) = G;
        }
    }

    /// <summary>Whether <paramref name="rows"/> rows of <paramref name="length"/> values, <paramref name="stride"/> apart, hold only finite values.</summary>
    private static bool AllFinite<T>(ref T origin, int stride, int length, int rows)
        where T : unmanaged, INumberBase<T>
    {
        for (int row = 0; row < rows; row++)
        {
            ref T values = ref At(ref origin, row * stride);
            int i = 0;
            for (; i + Vector<T>.Count <= length; i += Vector<T>.Count)
            {
                // v − v is 0 for a finite v and NaN for ±∞ and NaN
                var v = Vector.LoadUnsafe(ref values, (nuint)i);
                if (!Vector.EqualsAll(v - v, Vector<T>.Zero))
                {
                    return false;
                }
            }

            for (; i < length; i++)
            {
                if (!T.IsFinite(At(ref values, i)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>δⱼ … δⱼ₊₃ of example <paramref name="e"/>; false when all four are zero (the block adds nothing).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool FourDeltas<T, TShape>(ref T deltas, int e, int j, out T d0, out T d1, out T d2, out T d3)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape
    {
        ref T delta = ref At(ref deltas, (e * TShape.PaddedUnits) + j);
        d0 = delta;
        d1 = At(ref delta, 1);
        d2 = At(ref delta, 2);
        d3 = At(ref delta, 3);
        return !(T.IsZero(d0) && T.IsZero(d1) && T.IsZero(d2) && T.IsZero(d3));
    }
}
