using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetCompiler;

/// <summary>
/// z = Wa + b of a large dense layer (W row-major, the sizes a <see cref="IDenseShape"/> gives), for
/// the generated code, one example or a batch. Two forms, chosen once per layer by constants:
/// where the CPU has full-speed 512-bit vectors and the input is a whole number of them (at least
/// <see cref="Rows512MinimumVectors"/> for floats on 256-bit <see cref="Vector{T}"/>, else two) in a layer of at least <see cref="Rows512MinimumUnits"/>
/// rows, rows of W on 512-bit vectors, each row's vectors alternating between two sums, one
/// example's rows two at a time or one at a time, whichever reads W faster on the core
/// (<see cref="RowStreams"/>: two on Zen 4, one on Zen 5);
/// elsewhere rows side by side on <see cref="Vector{T}"/>, each row's vectors into one sum, then
/// its last values (into that sum for floats on 256 bits, else as a scalar tail). Every row of
/// every example adds its products in one order, whatever the blocking, so a batch has the bits of
/// one example at a time. Public only because generated code lives in the user's assembly; not
/// meant to be called directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class DenseForward
{
    /// <summary>
    /// The 512-bit form pays where W is long: W4's layers of 256 rows ran 30 % faster one example
    /// at a time, while output layers of ten rows (W3, W4) showed no difference.
    /// </summary>
    private const int Rows512MinimumUnits = 32;

    /// <summary>
    /// The 512-bit form sums each row on its own, where the other form, for floats on 256-bit
    /// <see cref="Vector{T}"/>, sums eight rows at once (<see cref="RowSums"/>): with short rows those
    /// sums are most of the work. There, rows of 1 KB (256 floats) ran the same either way one example
    /// at a time and 9 % faster on 512 bits in a batch; rows of 128 floats ran 35 % slower one example
    /// at a time (W 32 × 128: 167 against 108 ns), rows of 32 three times slower (W 128 × 32: 416
    /// against 127 ns). Where the other form sums each row on its own too (doubles, or a 128-bit
    /// <see cref="Vector{T}"/>), the 512-bit form takes rows from two vectors: with 128-bit
    /// <see cref="Vector{T}"/> a batch of 64 × 64 took 251 ns an example on it against 177.
    /// </summary>
    private const int Rows512MinimumVectors = 16;

    /// <summary>
    /// z = Wa + b for one example: <paramref name="output"/>[j] = Wⱼ·<paramref name="input"/> + bⱼ (floats on
    /// 256-bit vectors store the rows after the last block of eight as one whole vector, +0 in the padding).
    /// </summary>
    public static void One<T, TShape>(ref T w, ref T b, ref T input, ref T output)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape
    {
        if (RowsOn512<T, TShape>())
        {
            OneOn512<T, TShape>(ref w, ref b, ref input, ref output, RowStreams.OneAtATime(TShape.Units * TShape.Inputs * Unsafe.SizeOf<T>()));
            return;
        }

        int j = 0;
        for (; j + 8 <= TShape.Units; j += 8)
        {
            EightRows<T, TShape>(ref w, ref b, ref input, ref output, j);
        }

        if (SumsAsOctets<T, TShape>() && TShape.Units % 8 != 0)
        {
            LastRows<T, TShape>(ref w, ref b, ref input, ref output, TShape.Units & ~7, TShape.Units % 8);
            return;
        }

        for (; j < TShape.Units; j++)
        {
            At(ref output, j) = Row<T, TShape>(ref At(ref w, j * TShape.Inputs), ref input) + At(ref b, j);
        }
    }

    /// <summary>
    /// z = Wa + b for <paramref name="count"/> examples (example n's input at n × <paramref name="inputStride"/>,
    /// its z at n × <see cref="IDenseShape.PaddedUnits"/>): four rows of W and two examples a pass, so
    /// each vector of W loaded serves both while the block stays in cache; the rows left over one
    /// at a time, and an odd last example as <see cref="One"/> computes it.
    /// </summary>
    public static void Batch<T, TShape>(ref T w, ref T b, ref T inputs, int inputStride, ref T outputs, int count)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape
    {
        int paired = count & ~1;
        int j = 0;
        for (; j + 4 <= TShape.Units; j += 4)
        {
            if (RowsOn512<T, TShape>())
            {
                FourRowsTwoExamples512<T, TShape>(ref w, ref b, ref inputs, inputStride, ref outputs, paired, j);
            }
            else
            {
                FourRowsTwoExamples<T, TShape>(ref w, ref b, ref inputs, inputStride, ref outputs, paired, j);
            }
        }

        for (; j < TShape.Units; j++)
        {
            ref T row = ref At(ref w, j * TShape.Inputs);
            for (int n = 0; n < paired; n++)
            {
                ref T input = ref At(ref inputs, n * inputStride);
                At(ref outputs, (n * TShape.PaddedUnits) + j) = (RowsOn512<T, TShape>() ? Row512<T, TShape>(ref row, ref input) : Row<T, TShape>(ref row, ref input)) + At(ref b, j);
            }
        }

        if (paired < count)
        {
            One<T, TShape>(ref w, ref b, ref At(ref inputs, paired * inputStride), ref At(ref outputs, paired * TShape.PaddedUnits));
        }
    }

    /// <summary>
    /// The 512-bit form for one example: the rows one at a time where <paramref name="oneAtATime"/>,
    /// else two side by side (and a last odd row alone); each row in the order of <see cref="Row512"/>,
    /// so the same bits either way (<see cref="RowStreams"/> picks the faster for the core).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void OneOn512<T, TShape>(ref T w, ref T b, ref T input, ref T output, bool oneAtATime)
        where T : unmanaged, INumberBase<T>
        where TShape : struct, IDenseShape
    {
        int r = 0;
        if (!oneAtATime)
        {
            for (; r + 2 <= TShape.Units; r += 2)
            {
                TwoRows512<T, TShape>(ref w, ref b, ref input, ref output, r);
            }
        }

        for (; r < TShape.Units; r++)
        {
            At(ref output, r) = Row512<T, TShape>(ref At(ref w, r * TShape.Inputs), ref input) + At(ref b, r);
        }
    }

    /// <summary>Whether the layer runs the 512-bit form (see the class); a constant once compiled.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool RowsOn512<T, TShape>()
        where T : unmanaged
        where TShape : struct, IDenseShape =>
        Lanes512<T>.IsHardwareAccelerated
        && TShape.Units >= Rows512MinimumUnits
        && TShape.Inputs % Vector512<T>.Count == 0
        && TShape.Inputs >= (SumsAsOctets<T, TShape>() ? Rows512MinimumVectors : 2) * Vector512<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref T At<T>(ref T origin, int index) => ref Unsafe.Add(ref origin, index);
}
