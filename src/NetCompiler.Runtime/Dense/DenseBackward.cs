using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetCompiler;

/// <summary>
/// The backward pass of a large dense layer (W row-major, the sizes a <see cref="IDenseShape"/> gives),
/// for the generated code: for each unit j, ∇bⱼ += δⱼ, row j of ∇W += δⱼaᵀ and, when propagating,
/// dJ/da += δⱼ · (row j of W) (<see cref="Propagate{T, TShape, TVector, V}"/>: only that, for an
/// example whose gradient waits for the step). A unit whose δ is zero (one that did not fire: after a ReLU about
/// half of them) adds nothing, so one example reads only the rows of W and ∇W of the units that
/// fired, four of them a pass (one load and store of dJ/da serves them). The kernels are
/// element-wise over the inputs, so they run on the CPU's widest vectors (<see cref="Lanes512{T}"/>
/// or <see cref="Lanes{T}"/>) and every value adds its terms in the same order at any width; the
/// batch forms keep a block of ∇W in registers while every example adds its δⱼaᵀ, in example
/// order, and blocks of dJ/da while every row adds its term, in row order, so a batch has the bits
/// of one example at a time. Public only because generated code
/// lives in the user's assembly; not meant to be called directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class DenseBackward
{
    /// <summary>One example: ∇W += δaᵀ, ∇b += δ.</summary>
    public static void Accumulate<T, TShape, TVector, V>(ref T gw, ref T gb, ref T delta, ref T input)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape
        where TVector : struct
        where V : struct, ILanes<TVector, T>
    {
        Span<int> fired = stackalloc int[FiredUnits.Chunk];
        Rows<T, TShape, TVector, V>(ref Unsafe.NullRef<T>(), ref gw, ref gb, ref delta, ref input, ref Unsafe.NullRef<T>(), fired, accumulate: true, propagate: false);
    }

    /// <summary>One example: ∇W += δaᵀ, ∇b += δ, and <paramref name="inputDelta"/> = Wᵀδ (dJ/da, all of its padded vectors written).</summary>
    public static void Backpropagate<T, TShape, TVector, V>(ref T w, ref T gw, ref T gb, ref T delta, ref T input, ref T inputDelta)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape
        where TVector : struct
        where V : struct, ILanes<TVector, T>
    {
        // dJ/da = Wᵀδ is summed row by row, from zero
        MemoryMarshal.CreateSpan(ref inputDelta, TShape.PaddedInputs).Clear();
        Span<int> fired = stackalloc int[FiredUnits.Chunk];
        Rows<T, TShape, TVector, V>(ref w, ref gw, ref gb, ref delta, ref input, ref inputDelta, fired, accumulate: true, propagate: true);
    }

    /// <summary>
    /// One example, its gradient left to the caller: only <paramref name="inputDelta"/> = Wᵀδ (dJ/da, all
    /// of its padded vectors written), the same bits as <see cref="Backpropagate{T, TShape, TVector, V}"/> writes there.
    /// </summary>
    public static void Propagate<T, TShape, TVector, V>(ref T w, ref T delta, ref T inputDelta)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape
        where TVector : struct
        where V : struct, ILanes<TVector, T>
    {
        MemoryMarshal.CreateSpan(ref inputDelta, TShape.PaddedInputs).Clear();
        Span<int> fired = stackalloc int[FiredUnits.Chunk];
        Rows<T, TShape, TVector, V>(ref w, ref Unsafe.NullRef<T>(), ref Unsafe.NullRef<T>(), ref delta, ref Unsafe.NullRef<T>(), ref inputDelta, fired, accumulate: false, propagate: true);
    }

    /// <summary>
    /// The units whose δ is not zero, in order, four a pass (any four: one load and store of dJ/da
    /// serves them), then the one to three left of each chunk alone. A unit whose δ is zero (one
    /// that did not fire, after a ReLU about half of them) adds nothing, not even +0: its rows of
    /// W and ∇W are not read. <paramref name="fired"/>: room for <see cref="FiredUnits.Chunk"/> indices (the
    /// callers' stack, so that this method can be inlined into them with <paramref name="accumulate"/> and
    /// <paramref name="propagate"/> constants).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Rows<T, TShape, TVector, V>(ref T w, ref T gw, ref T gb, ref T delta, ref T input, ref T inputDelta, Span<int> fired, bool accumulate, bool propagate)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape
        where TVector : struct
        where V : struct, ILanes<TVector, T>
    {
        for (int start = 0; start < TShape.Units; start += FiredUnits.Chunk)
        {
            int count = FiredUnits.Collect(ref delta, start, TShape.Units, fired);
            int k = 0;
            for (; k + 4 <= count; k += 4)
            {
                FourUnits<T, TShape, TVector, V>(ref w, ref gw, ref gb, ref delta, ref input, ref inputDelta, fired[k], fired[k + 1], fired[k + 2], fired[k + 3], accumulate, propagate);
            }

            for (; k < count; k++)
            {
                OneUnit<T, TShape, TVector, V>(ref w, ref gw, ref gb, ref delta, ref input, ref inputDelta, fired[k], accumulate, propagate);
            }
        }
    }

    /// <summary>Units <paramref name="j0"/> &lt; j1 &lt; j2 &lt; j3: when accumulating ∇b and their rows of ∇W, when propagating their terms of dJ/da in that order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourUnits<T, TShape, TVector, V>(ref T w, ref T gw, ref T gb, ref T delta, ref T input, ref T inputDelta, int j0, int j1, int j2, int j3, bool accumulate, bool propagate)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape
        where TVector : struct
        where V : struct, ILanes<TVector, T>
    {
        int n = TShape.Inputs;
        T d0 = At(ref delta, j0), d1 = At(ref delta, j1), d2 = At(ref delta, j2), d3 = At(ref delta, j3);
        if (accumulate)
        {
            At(ref gb, j0) += d0;
            At(ref gb, j1) += d1;
            At(ref gb, j2) += d2;
            At(ref gb, j3) += d3;
        }

        ref T g0 = ref At(ref gw, j0 * n);
        ref T g1 = ref At(ref gw, j1 * n);
        ref T g2 = ref At(ref gw, j2 * n);
        ref T g3 = ref At(ref gw, j3 * n);
        ref T w0 = ref At(ref w, j0 * n);
        ref T w1 = ref At(ref w, j1 * n);
        ref T w2 = ref At(ref w, j2 * n);
        ref T w3 = ref At(ref w, j3 * n);
        TVector v0 = V.Create(d0), v1 = V.Create(d1), v2 = V.Create(d2), v3 = V.Create(d3);
        int i = 0;
        for (; i + V.Count <= n; i += V.Count)
        {
            if (accumulate)
            {
                var x = V.Load(ref input, i);
                V.Store(V.MultiplyAdd(v0, x, V.Load(ref g0, i)), ref g0, i);
                V.Store(V.MultiplyAdd(v1, x, V.Load(ref g1, i)), ref g1, i);
                V.Store(V.MultiplyAdd(v2, x, V.Load(ref g2, i)), ref g2, i);
                V.Store(V.MultiplyAdd(v3, x, V.Load(ref g3, i)), ref g3, i);
            }

            if (propagate)
            {
                var e = V.Load(ref inputDelta, i);
                e = V.MultiplyAdd(v0, V.Load(ref w0, i), e);
                e = V.MultiplyAdd(v1, V.Load(ref w1, i), e);
                e = V.MultiplyAdd(v2, V.Load(ref w2, i), e);
                e = V.MultiplyAdd(v3, V.Load(ref w3, i), e);
                V.Store(e, ref inputDelta, i);
            }
        }

        for (; i < n; i++)
        {
            if (accumulate)
            {
                T x = At(ref input, i);
                At(ref g0, i) += d0 * x;
                At(ref g1, i) += d1 * x;
                At(ref g2, i) += d2 * x;
                At(ref g3, i) += d3 * x;
            }

            if (propagate)
            {
                At(ref inputDelta, i) = At(ref inputDelta, i) + (d0 * At(ref w0, i)) + (d1 * At(ref w1, i)) + (d2 * At(ref w2, i)) + (d3 * At(ref w3, i));
            }
        }
    }

    /// <summary>Unit <paramref name="j"/> alone: when accumulating ∇bⱼ and its row of ∇W, when propagating its term of dJ/da.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OneUnit<T, TShape, TVector, V>(ref T w, ref T gw, ref T gb, ref T delta, ref T input, ref T inputDelta, int j, bool accumulate, bool propagate)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape
        where TVector : struct
        where V : struct, ILanes<TVector, T>
    {
        int n = TShape.Inputs;
        T d = At(ref delta, j);
        if (accumulate)
        {
            At(ref gb, j) += d;
        }

        ref T g = ref At(ref gw, j * n);
        ref T row = ref At(ref w, j * n);
        TVector v = V.Create(d);
        int i = 0;
        for (; i + V.Count <= n; i += V.Count)
        {
            if (accumulate)
            {
                V.Store(V.MultiplyAdd(v, V.Load(ref input, i), V.Load(ref g, i)), ref g, i);
            }

            if (propagate)
            {
                V.Store(V.MultiplyAdd(v, V.Load(ref row, i), V.Load(ref inputDelta, i)), ref inputDelta, i);
            }
        }

        for (; i < n; i++)
        {
            if (accumulate)
            {
                At(ref g, i) += d * At(ref input, i);
            }

            if (propagate)
            {
                At(ref inputDelta, i) += d * At(ref row, i);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref T At<T>(ref T origin, int index) => ref Unsafe.Add(ref origin, index);
}
