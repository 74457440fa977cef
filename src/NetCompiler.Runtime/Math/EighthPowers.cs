using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetCompiler;

/// <summary>
/// 2^(j/8) for j = 0 … 7 as a float pair, high + low (the high part rounded to float, the low part
/// the rest, rounded: together about 48 bits), for <see cref="ExpKernel"/>; j is taken as the low
/// three bits of an int, in a scalar or in every vector lane. The vector lookup is one permute on
/// AVX2 (which reads only those three bits of each index) and on AVX-512 (the table in both halves,
/// as it reads four), two four-float shuffles and a select on 128-bit vectors (SSE, Arm64), and lane
/// by lane for a width none of those has; every form reads the same table.
/// </summary>
internal static class EighthPowers
{
    private static ReadOnlySpan<float> HighTable => [1f, 1.09050775f, 1.18920708f, 1.29683959f, 1.41421354f, 1.54221082f, 1.68179286f, 1.83400810f];

    private static ReadOnlySpan<float> LowTable => [0f, -1.30775399e-8f, 3.79763527e-8f, -4.01899953e-8f, 2.42032350e-8f, 8.07090483e-9f, -2.47553267e-8f, -1.12392780e-8f];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float High(int bits) => HighTable[bits & 7];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Low(int bits) => LowTable[bits & 7];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> High(Vector<int> bits) => Lookup(HighTable, bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Low(Vector<int> bits) => Lookup(LowTable, bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Lookup(ReadOnlySpan<float> table, Vector<int> bits)
    {
        ref float origin = ref MemoryMarshal.GetReference(table);
        if (Vector<float>.Count == Vector256<float>.Count && Avx2.IsSupported)
        {
            return Avx2.PermuteVar8x32(Vector256.LoadUnsafe(ref origin), bits.AsVector256()).AsVector();
        }

        if (Vector<float>.Count == Vector512<float>.Count && Avx512F.IsSupported)
        {
            Vector256<float> eight = Vector256.LoadUnsafe(ref origin);
            return Avx512F.PermuteVar16x32(Vector512.Create(eight, eight), bits.AsVector512()).AsVector();
        }

        if (Vector<float>.Count == Vector128<float>.Count)
        {
            Vector128<int> index = bits.AsVector128();
            Vector128<int> withinHalf = index & Vector128.Create(3);
            Vector128<float> first = Vector128.Shuffle(Vector128.LoadUnsafe(ref origin), withinHalf);
            Vector128<float> second = Vector128.Shuffle(Vector128.LoadUnsafe(ref origin, 4), withinHalf);
            Vector128<int> inSecond = Vector128.Equals(index & Vector128.Create(4), Vector128.Create(4));
            return Vector128.ConditionalSelect(inSecond.AsSingle(), second, first).AsVector();
        }

        Span<float> lanes = stackalloc float[Vector<float>.Count];
        for (int i = 0; i < lanes.Length; i++)
        {
            lanes[i] = table[bits[i] & 7];
        }

        return new Vector<float>(lanes);
    }
}
