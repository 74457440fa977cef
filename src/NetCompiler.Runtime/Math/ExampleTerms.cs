using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetCompiler;

/// <summary>
/// Adds the gradient terms of a block of examples to the gradients, for the generated code's
/// batch path that runs examples side by side in the lanes of 256-bit vectors. The terms lie a
/// vector per parameter (example e's term for parameter p at <c>p × lanes + e</c>); every gradient
/// adds its terms one example after another, <c>((g + t₀) + t₁) + …</c>, the order in which one
/// example at a time adds them. With AVX, blocks of parameters are transposed so that the additions
/// run on vectors of parameters; elsewhere value by value: the same bits.
/// </summary>
public static class ExampleTerms
{
    /// <summary>
    /// <c>gradients[p] += terms[p·8 + 0]</c>, then <c>+= terms[p·8 + 1]</c>, … <c>+= terms[p·8 + 7]</c>, for
    /// every p below <paramref name="count"/>: the terms of eight examples, in example order.
    /// </summary>
    public static void AddInOrder(ref float gradients, ref float terms, int count)
    {
        int p = 0;
        if (Avx.IsSupported)
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

        for (; p < count; p++)
        {
            ref float t = ref Unsafe.Add(ref terms, p * 8);
            ref float g = ref Unsafe.Add(ref gradients, p);
            g = g + t + Unsafe.Add(ref t, 1) + Unsafe.Add(ref t, 2) + Unsafe.Add(ref t, 3)
                + Unsafe.Add(ref t, 4) + Unsafe.Add(ref t, 5) + Unsafe.Add(ref t, 6) + Unsafe.Add(ref t, 7);
        }
    }

    /// <summary>
    /// <c>gradients[p] += terms[p·4 + 0]</c>, then <c>+= terms[p·4 + 1]</c>, … <c>+= terms[p·4 + 3]</c>, for
    /// every p below <paramref name="count"/>: the terms of four examples, in example order.
    /// </summary>
    public static void AddInOrder(ref double gradients, ref double terms, int count)
    {
        int p = 0;
        if (Avx.IsSupported)
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

        for (; p < count; p++)
        {
            ref double t = ref Unsafe.Add(ref terms, p * 4);
            ref double g = ref Unsafe.Add(ref gradients, p);
            g = g + t + Unsafe.Add(ref t, 1) + Unsafe.Add(ref t, 2) + Unsafe.Add(ref t, 3);
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
