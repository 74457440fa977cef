using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetCompiler;

/// <summary>
/// Adds the gradient terms of a block of examples to the gradients, for the generated code's
/// batch path that runs examples side by side in the lanes of <c>Vector&lt;T&gt;</c>. The terms lie
/// a vector per parameter (example e's term for parameter p at <c>p × lanes + e</c>); every gradient
/// adds its terms one example after another, <c>((g + t₀) + t₁) + …</c>, the order in which one
/// example at a time adds them. With AVX and 256-bit blocks (8 floats, 4 doubles), and on x64
/// with 128-bit blocks of floats, blocks of parameters are transposed so that the additions run on
/// vectors of parameters; elsewhere value by value: the same bits.
/// Public only because generated code lives in the user's assembly; not meant to be used directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ExampleTerms
{
    /// <summary>
    /// <c>gradients[p] += terms[p·lanes + 0]</c>, then <c>+= terms[p·lanes + 1]</c>, … <c>+= terms[p·lanes + lanes − 1]</c>,
    /// for every p below <paramref name="count"/>: the terms of <paramref name="lanes"/> examples, in example order.
    /// </summary>
    public static void AddInOrder(ref float gradients, ref float terms, int count, int lanes)
    {
        int p = 0;
        if (lanes == 8 && Avx.IsSupported)
        {
            for (; p + 8 <= count; p += 8)
            {
                ref float block = ref Unsafe.Add(ref terms, p * 8);
                // rows: parameter p + r of every example; after the transpose, example e of every parameter
                Transpose(
                    Load(ref block, 0), Load(ref block, 1), Load(ref block, 2), Load(ref block, 3),
                    Load(ref block, 4), Load(ref block, 5), Load(ref block, 6), Load(ref block, 7),
                    out var e0, out var e1, out var e2, out var e3, out var e4, out var e5, out var e6, out var e7);
                ref float g = ref Unsafe.Add(ref gradients, p);
                (Vector256.LoadUnsafe(ref g) + e0 + e1 + e2 + e3 + e4 + e5 + e6 + e7).StoreUnsafe(ref g);
            }
        }
        else if (lanes == 4 && Sse.IsSupported)
        {
            // 128-bit Vector<T> on x64 (no AVX2, or Native AOT's default target): 4 × 4 blocks
            for (; p + 4 <= count; p += 4)
            {
                ref float block = ref Unsafe.Add(ref terms, p * 4);
                Vector128<float> r0 = Vector128.LoadUnsafe(ref block);
                Vector128<float> r1 = Vector128.LoadUnsafe(ref block, 4);
                Vector128<float> r2 = Vector128.LoadUnsafe(ref block, 8);
                Vector128<float> r3 = Vector128.LoadUnsafe(ref block, 12);

                // [r0₀ r1₀ r0₁ r1₁], [r2₀ r3₀ r2₁ r3₁], [r0₂ r1₂ r0₃ r1₃], [r2₂ r3₂ r2₃ r3₃]; then their halves joined
                Vector128<float> low01 = Sse.UnpackLow(r0, r1);
                Vector128<float> low23 = Sse.UnpackLow(r2, r3);
                Vector128<float> high01 = Sse.UnpackHigh(r0, r1);
                Vector128<float> high23 = Sse.UnpackHigh(r2, r3);
                Vector128<float> e0 = Sse.MoveLowToHigh(low01, low23);
                Vector128<float> e1 = Sse.MoveHighToLow(low23, low01);
                Vector128<float> e2 = Sse.MoveLowToHigh(high01, high23);
                Vector128<float> e3 = Sse.MoveHighToLow(high23, high01);
                ref float g = ref Unsafe.Add(ref gradients, p);
                (Vector128.LoadUnsafe(ref g) + e0 + e1 + e2 + e3).StoreUnsafe(ref g);
            }
        }

        AddValueByValue(ref gradients, ref terms, p, count, lanes);
    }

    /// <summary>
    /// <c>gradients[p] += terms[p·lanes + 0]</c>, then <c>+= terms[p·lanes + 1]</c>, … <c>+= terms[p·lanes + lanes − 1]</c>,
    /// for every p below <paramref name="count"/>: the terms of <paramref name="lanes"/> examples, in example order.
    /// </summary>
    public static void AddInOrder(ref double gradients, ref double terms, int count, int lanes)
    {
        int p = 0;
        if (lanes == 4 && Avx.IsSupported)
        {
            for (; p + 4 <= count; p += 4)
            {
                ref double block = ref Unsafe.Add(ref terms, p * 4);
                Vector256<double> r0 = Vector256.LoadUnsafe(ref block);
                Vector256<double> r1 = Vector256.LoadUnsafe(ref block, 4);
                Vector256<double> r2 = Vector256.LoadUnsafe(ref block, 8);
                Vector256<double> r3 = Vector256.LoadUnsafe(ref block, 12);

                // [r0₀ r1₀ | r0₂ r1₂], [r0₁ r1₁ | r0₃ r1₃], and the same for r2, r3; then the halves crossed
                Vector256<double> low01 = Avx.UnpackLow(r0, r1);
                Vector256<double> high01 = Avx.UnpackHigh(r0, r1);
                Vector256<double> low23 = Avx.UnpackLow(r2, r3);
                Vector256<double> high23 = Avx.UnpackHigh(r2, r3);
                Vector256<double> e0 = Avx.Permute2x128(low01, low23, 0x20);
                Vector256<double> e1 = Avx.Permute2x128(high01, high23, 0x20);
                Vector256<double> e2 = Avx.Permute2x128(low01, low23, 0x31);
                Vector256<double> e3 = Avx.Permute2x128(high01, high23, 0x31);
                ref double g = ref Unsafe.Add(ref gradients, p);
                (Vector256.LoadUnsafe(ref g) + e0 + e1 + e2 + e3).StoreUnsafe(ref g);
            }
        }

        AddValueByValue(ref gradients, ref terms, p, count, lanes);
    }

    /// <summary>The terms of parameters <paramref name="first"/> … <paramref name="count"/> − 1 added to their gradients value by value.</summary>
    private static void AddValueByValue<T>(ref T gradients, ref T terms, int first, int count, int lanes)
        where T : unmanaged, IAdditionOperators<T, T, T>
    {
        for (int p = first; p < count; p++)
        {
            ref T t = ref Unsafe.Add(ref terms, p * lanes);
            T g = Unsafe.Add(ref gradients, p);
            for (int e = 0; e < lanes; e++)
            {
                g += Unsafe.Add(ref t, e);
            }

            Unsafe.Add(ref gradients, p) = g;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Load(ref float block, int row) => Vector256.LoadUnsafe(ref block, (nuint)(row * 8));

    /// <summary>The 8 × 8 transpose: lane r of <c>e</c>k is lane k of <c>r</c>r.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(
        Vector256<float> r0, Vector256<float> r1, Vector256<float> r2, Vector256<float> r3,
        Vector256<float> r4, Vector256<float> r5, Vector256<float> r6, Vector256<float> r7,
        out Vector256<float> e0, out Vector256<float> e1, out Vector256<float> e2, out Vector256<float> e3,
        out Vector256<float> e4, out Vector256<float> e5, out Vector256<float> e6, out Vector256<float> e7)
    {
        // pairs of rows interleaved: [r0₀ r1₀ r0₁ r1₁ | r0₄ r1₄ r0₅ r1₅] and [r0₂ r1₂ r0₃ r1₃ | r0₆ r1₆ r0₇ r1₇]
        Vector256<float> t0 = Avx.UnpackLow(r0, r1);
        Vector256<float> t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3);
        Vector256<float> t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5);
        Vector256<float> t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7);
        Vector256<float> t7 = Avx.UnpackHigh(r6, r7);

        // four rows per lane index: [r0₀ r1₀ r2₀ r3₀ | r0₄ r1₄ r2₄ r3₄], and lanes 1, 2, 3 (5, 6, 7) likewise
        Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44);
        Vector256<float> s1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44);
        Vector256<float> s3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44);
        Vector256<float> s5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> s6 = Avx.Shuffle(t5, t7, 0x44);
        Vector256<float> s7 = Avx.Shuffle(t5, t7, 0xEE);

        // rows 0–3 and 4–7 of the same lane index joined
        e0 = Avx.Permute2x128(s0, s4, 0x20);
        e1 = Avx.Permute2x128(s1, s5, 0x20);
        e2 = Avx.Permute2x128(s2, s6, 0x20);
        e3 = Avx.Permute2x128(s3, s7, 0x20);
        e4 = Avx.Permute2x128(s0, s4, 0x31);
        e5 = Avx.Permute2x128(s1, s5, 0x31);
        e6 = Avx.Permute2x128(s2, s6, 0x31);
        e7 = Avx.Permute2x128(s3, s7, 0x31);
    }
}
