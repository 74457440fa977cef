using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetCompiler;

/// <summary>
/// Columns of a small row-major weight matrix on 256-bit vectors, for the generated code: W's values
/// are loaded as they lie, a vector at a time, and lane j of column i is picked from them at index
/// j·inputs + i. A layer with rows of one to three inputs then computes z = b + Σᵢ W₍:,ᵢ₎xᵢ as a few
/// vector products and sums; the picks read only the parameters, so they do not wait on the input.
/// One instruction per pick from one vector (VPERMPS), one from two on AVX-512 (VPERMT2PS), three
/// on AVX2, and lane by lane where the CPU has none of those.
/// Public only because generated code lives in the user's assembly; not meant to be used directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WeightColumns
{
    /// <summary>Lane j is lane <c>indices[j]</c> (0 to 7) of <paramref name="values"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Pick(Vector256<float> values, Vector256<int> indices) =>
        Avx2.IsSupported ? Avx2.PermuteVar8x32(values, indices) : Vector256.Shuffle(values, indices);

    /// <summary>Lane j is value <c>indices[j]</c> (0 to 15) of <paramref name="low"/>'s eight followed by <paramref name="high"/>'s.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Pick(Vector256<float> low, Vector256<float> high, Vector256<int> indices)
    {
        if (Avx512F.VL.IsSupported)
        {
            return Avx512F.VL.PermuteVar8x32x2(low, indices, high);
        }

        // the same lane picked from each, then the one the index's bit 3 names
        Vector256<int> lane = indices & Vector256.Create(7);
        Vector256<int> eight = Vector256.Create(8);
        Vector256<float> fromHigh = Vector256.Equals(indices & eight, eight).AsSingle();
        return Vector256.ConditionalSelect(fromHigh, Pick(high, lane), Pick(low, lane));
    }
}
