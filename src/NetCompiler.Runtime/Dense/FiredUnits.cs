using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetCompiler;

/// <summary>
/// The units of a layer whose δ is not ±0 (after a ReLU about half of them), a chunk at a time, for
/// the one-example kernels that skip the others (<see cref="DenseBackward"/>,
/// <see cref="GradientDescent.DescendOuterProduct{T, TVector, V}"/>).
/// </summary>
internal static class FiredUnits
{
    /// <summary>Units looked at a chunk at a time: their indices fit on the caller's stack.</summary>
    public const int Chunk = 64;

    /// <summary>
    /// Writes to <paramref name="indices"/> (room for <see cref="Chunk"/>), in order, the units from
    /// <paramref name="start"/> to the end of its chunk (or of the <paramref name="units"/>) whose δ is
    /// not zero, and returns how many.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Collect<T>(ref T delta, int start, int units, Span<int> indices)
        where T : unmanaged, INumberBase<T>
    {
        // every index is written, the count moves on only past a unit that fired: no branch on δ
        int count = 0;
        int end = Math.Min(start + Chunk, units);
        for (int j = start; j < end; j++)
        {
            indices[count] = j;
            count += T.IsZero(Unsafe.Add(ref delta, j)) ? 0 : 1;
        }

        return count;
    }
}
