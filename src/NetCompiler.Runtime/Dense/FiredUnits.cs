using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetCompiler;

/// <summary>
/// The units of a layer whose δ is not ±0 (after a ReLU about half of them), a chunk at a time, for
/// the one-example kernels that skip the others (<see cref="DenseBackward"/>,
/// <see cref="GradientDescent.DescendOuterProductSkippingZeroDeltas{T, TVector, V}"/>).
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
        // every index is written, the count moves on only past a unit that fired: no branch on δ;
        // count < Chunk at each write, as the chunk has at most Chunk units, so no bounds check either
        int count = 0;
        int end = Math.Min(start + Chunk, units);
        ref int index = ref MemoryMarshal.GetReference(indices);
        for (int j = start; j < end; j++)
        {
            Unsafe.Add(ref index, count) = j;
            count += Fired(Unsafe.Add(ref delta, j)) ? 1 : 0;
        }

        return count;
    }

    /// <summary>Whether δ is not ±0, from its bits for float and double (every bit but the sign): an integer compare, where the floating-point one tests for NaN with a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Fired<T>(T delta)
        where T : unmanaged, INumberBase<T>
    {
        if (typeof(T) == typeof(float))
        {
            return (BitConverter.SingleToUInt32Bits(Unsafe.As<T, float>(ref delta)) << 1) != 0;
        }

        if (typeof(T) == typeof(double))
        {
            return (BitConverter.DoubleToUInt64Bits(Unsafe.As<T, double>(ref delta)) << 1) != 0;
        }

        return !T.IsZero(delta);
    }
}
