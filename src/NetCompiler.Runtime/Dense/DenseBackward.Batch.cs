using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetCompiler;

/// <summary>
/// The batch forms: example n's δ at n × <see cref="IDenseShape.PaddedUnits"/>, its input at
/// n × inputStride, its dJ/da at n × <see cref="IDenseShape.PaddedInputs"/>. For each block of
/// four rows and each vector of inputs, the block's ∇W vectors stay in registers while every
/// example adds its δⱼaᵀ, in example order. Then,
/// for each pair of input vectors and four examples, their eight sums of dJ/da stay in registers
/// while every row adds its term, in row order.
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
        // its +0 product anyway (testing every example's four δ cost more than the products it
        // saved: 256-bit vectors 53 % → 70 % of the peak without the test), which changes nothing
        // unless an input (or, for dJ/da, a weight) is infinite or NaN: then every row goes alone.
        // (Nor unless a gradient is −0, +0 being added to it; sums that start from the +0 that Step
        // and ZeroGradients write never become −0, so only a caller writing −0 into Gradients meets
        // that, as ∇b += δₙ above always met it.)
        if (!FiniteValues.All<T>(ref inputs, inputStride, TShape.Inputs, count) || (propagate && !FiniteValues.All<T>(ref w, TShape.Inputs, TShape.Inputs, TShape.Units)))
        {
            for (int row = 0; row < TShape.Units; row++)
            {
                OneRow<T, TShape, TVector, V>(ref w, ref gw, ref deltas, ref inputs, inputStride, ref inputDeltas, count, row, propagate);
            }

            return;
        }

        int r = 0;
        for (; r + 4 <= TShape.Units; r += 4)
        {
            int start = FourRowsInPairs<T, TShape, TVector, V>(ref gw, ref deltas, ref inputs, inputStride, count, r);
            FourRows<T, TShape, TVector, V>(ref gw, ref deltas, ref inputs, inputStride, count, r, start);
        }

        for (; r < TShape.Units; r++)
        {
            OneRow<T, TShape, TVector, V>(ref w, ref gw, ref deltas, ref inputs, inputStride, ref inputDeltas, count, r, propagate: false);
        }

        if (propagate)
        {
            PropagateRows<T, TShape, TVector, V>(ref w, ref deltas, ref inputDeltas, count);
        }
    }

    /// <summary>
    /// dJ/daₙ = Wᵀδₙ for every example, from the +0 the caller cleared: for each pair of input vectors
    /// and four examples, the eight sums stay in registers while every row adds its term, in row order,
    /// as one example at a time adds them, and W's two columns of vectors stay in L1 for every four
    /// examples. A row whose δ is zero adds a +0 product here where one example skips it, which changes
    /// nothing: W is finite, and a sum that starts from +0 never becomes −0.
    /// </summary>
    private static void PropagateRows<T, TShape, TVector, V>(ref T w, ref T deltas, ref T inputDeltas, int count)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape
        where TVector : struct
        where V : struct, ILanes<TVector, T>
    {
        int n = TShape.Inputs;
        int vectors = n / V.Count;
        for (int v = 0; v < vectors; v += 2)
        {
            // an odd vector left over is computed twice, into the same place
            int i0 = v * V.Count;
            int i1 = Math.Min(v + 1, vectors - 1) * V.Count;
            for (int e = 0; e < count; e += 4)
            {
                // so are the examples past the last: each repeats the last one
                FourExamples<T, TShape, TVector, V>(ref w, ref deltas, ref inputDeltas, e, Math.Min(e + 1, count - 1), Math.Min(e + 2, count - 1), Math.Min(e + 3, count - 1), i0, i1);
            }
        }

        // the inputs past the last whole vector, value by value, each sum in row order
        for (int e = 0; e < count; e++)
        {
            ref T delta = ref At(ref deltas, e * TShape.PaddedUnits);
            for (int i = vectors * V.Count; i < n; i++)
            {
                T sum = T.Zero;
                for (int j = 0; j < TShape.Units; j++)
                {
                    sum += At(ref delta, j) * At(ref w, (j * n) + i);
                }

                At(ref inputDeltas, (e * TShape.PaddedInputs) + i) = sum;
            }
        }
    }

    /// <summary>dJ/da of examples <paramref name="e0"/> … e3 at input vectors <paramref name="i0"/> and <paramref name="i1"/>: eight sums over every row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourExamples<T, TShape, TVector, V>(ref T w, ref T deltas, ref T inputDeltas, int e0, int e1, int e2, int e3, int i0, int i1)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape
        where TVector : struct
        where V : struct, ILanes<TVector, T>
    {
        ref T d0 = ref At(ref deltas, e0 * TShape.PaddedUnits);
        ref T d1 = ref At(ref deltas, e1 * TShape.PaddedUnits);
        ref T d2 = ref At(ref deltas, e2 * TShape.PaddedUnits);
        ref T d3 = ref At(ref deltas, e3 * TShape.PaddedUnits);
        TVector a0 = V.Zero, b0 = V.Zero, a1 = V.Zero, b1 = V.Zero, a2 = V.Zero, b2 = V.Zero, a3 = V.Zero, b3 = V.Zero;
        ref T row = ref w;
        for (int j = 0; j < TShape.Units; j++)
        {
            TVector x = V.Load(ref row, i0), y = V.Load(ref row, i1);
            TVector d = V.Create(At(ref d0, j));
            a0 = V.MultiplyAdd(d, x, a0);
            b0 = V.MultiplyAdd(d, y, b0);
            d = V.Create(At(ref d1, j));
            a1 = V.MultiplyAdd(d, x, a1);
            b1 = V.MultiplyAdd(d, y, b1);
            d = V.Create(At(ref d2, j));
            a2 = V.MultiplyAdd(d, x, a2);
            b2 = V.MultiplyAdd(d, y, b2);
            d = V.Create(At(ref d3, j));
            a3 = V.MultiplyAdd(d, x, a3);
            b3 = V.MultiplyAdd(d, y, b3);
            row = ref At(ref row, TShape.Inputs);
        }

        Store<T, TShape, TVector, V>(ref inputDeltas, e0, i0, i1, a0, b0);
        Store<T, TShape, TVector, V>(ref inputDeltas, e1, i0, i1, a1, b1);
        Store<T, TShape, TVector, V>(ref inputDeltas, e2, i0, i1, a2, b2);
        Store<T, TShape, TVector, V>(ref inputDeltas, e3, i0, i1, a3, b3);
    }

    /// <summary>Example <paramref name="e"/>'s dJ/da at input vectors <paramref name="i0"/> and <paramref name="i1"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T, TShape, TVector, V>(ref T inputDeltas, int e, int i0, int i1, TVector a, TVector b)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape
        where TVector : struct
        where V : struct, ILanes<TVector, T>
    {
        ref T inputDelta = ref At(ref inputDeltas, e * TShape.PaddedInputs);
        V.Store(a, ref inputDelta, i0);
        V.Store(b, ref inputDelta, i1);
    }

    /// <summary>
    /// Rows <paramref name="j"/> … j + 3 of ∇W: two vectors of inputs a pass
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
                ref T delta = ref At(ref deltas, (e * TShape.PaddedUnits) + j);
                var x = V.Load(ref inputs, (e * inputStride) + i);
                var y = V.Load(ref inputs, (e * inputStride) + i + V.Count);
                var D0 = V.Create(delta);
                G0 = V.MultiplyAdd(D0, x, G0);
                H0 = V.MultiplyAdd(D0, y, H0);
                var D1 = V.Create(At(ref delta, 1));
                G1 = V.MultiplyAdd(D1, x, G1);
                H1 = V.MultiplyAdd(D1, y, H1);
                var D2 = V.Create(At(ref delta, 2));
                G2 = V.MultiplyAdd(D2, x, G2);
                H2 = V.MultiplyAdd(D2, y, H2);
                var D3 = V.Create(At(ref delta, 3));
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

    /// <summary>Rows <paramref name="j"/> … j + 3 of ∇W, from the input's value <paramref name="start"/> on.</summary>
    private static void FourRows<T, TShape, TVector, V>(ref T gw, ref T deltas, ref T inputs, int inputStride, int count, int j, int start)
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
        int i = start;
        for (; i + V.Count <= n; i += V.Count)
        {
            TVector G0 = V.Load(ref g0, i), G1 = V.Load(ref g1, i), G2 = V.Load(ref g2, i), G3 = V.Load(ref g3, i);
            for (int e = 0; e < count; e++)
            {
                ref T delta = ref At(ref deltas, (e * TShape.PaddedUnits) + j);
                var x = V.Load(ref inputs, (e * inputStride) + i);
                G0 = V.MultiplyAdd(V.Create(delta), x, G0);
                G1 = V.MultiplyAdd(V.Create(At(ref delta, 1)), x, G1);
                G2 = V.MultiplyAdd(V.Create(At(ref delta, 2)), x, G2);
                G3 = V.MultiplyAdd(V.Create(At(ref delta, 3)), x, G3);
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
                ref T delta = ref At(ref deltas, (e * TShape.PaddedUnits) + j);
                T x = At(ref inputs, (e * inputStride) + i);
                G0 += delta * x;
                G1 += At(ref delta, 1) * x;
                G2 += At(ref delta, 2) * x;
                G3 += At(ref delta, 3) * x;
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
}
