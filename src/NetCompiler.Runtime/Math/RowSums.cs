using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NetCompiler;

/// <summary>
/// The dot products of a small dense layer on 256-bit vectors, for the generated code: rows of W
/// times the input, a row per vector (<c>OfOctets</c>; <c>OfQuads</c> for double) or two rows of four
/// floats in one, row k in the low half and row k + 4 in the high half (<c>OfRowPairs</c>), then every
/// row's sum, in row order, in one vector; and the same for the large layers' kernels, which end
/// several rows at once (<c>OfOctets</c>, <c>OfSixteens</c> for 512-bit rows); where <c>Vector&lt;T&gt;</c>
/// is 128 bits, rows of four to eight floats on 128-bit vectors (<c>OfQuads</c>, <c>PairSums</c>). Every sum adds its
/// row's lanes as the same balanced tree — (p₀ + p₁) + (p₂ + p₃), or ((p₀ + p₁) + (p₂ + p₃)) +
/// ((p₄ + p₅) + (p₆ + p₇)), and so on by quarters — with horizontal additions (or the same sums by
/// shuffles) where the CPU has the instructions and lane by lane otherwise: the same bits. For a
/// layer on the kernels whose one example is their arithmetic written out, a row's multiply-adds as
/// the kernels chain them (<c>FusedProducts</c>, <c>AddFusedProducts</c>, <c>AddLastProducts</c>).
/// Public only because generated code lives in the user's assembly; not meant to be used directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RowSums
{
    /// <summary>
    /// Rows of four lanes, two to a vector, row k in the low half of p(k) and row k + 4 in its high
    /// half: lane j of the result is the sum of row j. Each half of the result holds its rows in
    /// order, so no lane crosses a half; the pairs are added by shuffles (<see cref="PairSums(Vector256{float}, Vector256{float})"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> OfRowPairs(Vector256<float> p0, Vector256<float> p1, Vector256<float> p2, Vector256<float> p3)
    {
        if (Avx.IsSupported)
        {
            // [p0₀₊₁, p0₂₊₃, p1₀₊₁, p1₂₊₃ | the same of the high halves], then each row's two pairs
            return PairSums(PairSums(p0, p1), PairSums(p2, p3));
        }

        return Vector256.Create(Low(p0), Low(p1), Low(p2), Low(p3), High(p0), High(p1), High(p2), High(p3));
    }

    /// <summary>Rows of eight lanes, one to a vector: lane j of the result is the sum of <c>pj</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> OfOctets(
        Vector256<float> p0, Vector256<float> p1, Vector256<float> p2, Vector256<float> p3,
        Vector256<float> p4, Vector256<float> p5, Vector256<float> p6, Vector256<float> p7)
    {
        if (Avx.IsSupported)
        {
            // pairs of lanes, then pairs of pairs: [p0₀₋₃, p1₀₋₃, p2₀₋₃, p3₀₋₃ | p0₄₋₇, p1₄₋₇, p2₄₋₇, p3₄₋₇]
            Vector256<float> low = Avx.HorizontalAdd(Avx.HorizontalAdd(p0, p1), Avx.HorizontalAdd(p2, p3));
            Vector256<float> high = Avx.HorizontalAdd(Avx.HorizontalAdd(p4, p5), Avx.HorizontalAdd(p6, p7));

            // each row's first four lanes plus its last four
            return Avx.Permute2x128(low, high, 0x20) + Avx.Permute2x128(low, high, 0x31);
        }

        return Vector256.Create(Sum(p0), Sum(p1), Sum(p2), Sum(p3), Sum(p4), Sum(p5), Sum(p6), Sum(p7));
    }

    /// <summary>
    /// At most four rows of eight lanes, one to a vector: lane j &lt; 4 of the result is the sum of <c>pj</c>,
    /// as <see cref="OfOctets(Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float})"/>
    /// adds it, and lanes 4–7 are +0: the eight-row form with four rows of zeros, without the instructions
    /// that add those zeros (a small network's one-example time grows with its instruction count).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> OfOctets(Vector256<float> p0, Vector256<float> p1, Vector256<float> p2, Vector256<float> p3)
    {
        if (Avx.IsSupported)
        {
            // [p0₀₋₃, p1₀₋₃, p2₀₋₃, p3₀₋₃ | p0₄₋₇, p1₄₋₇, p2₄₋₇, p3₄₋₇], then each row's first four lanes plus its last four
            Vector256<float> halves = Avx.HorizontalAdd(Avx.HorizontalAdd(p0, p1), Avx.HorizontalAdd(p2, p3));
            return (halves.GetLower() + halves.GetUpper()).ToVector256();
        }

        return Vector256.Create(Sum(p0), Sum(p1), Sum(p2), Sum(p3), 0f, 0f, 0f, 0f);
    }

    /// <summary>
    /// At most two rows of eight lanes, one to a vector: lane j &lt; 2 of the result is the sum of <c>pj</c>,
    /// as the four-row form adds it, and lanes 2–7 are +0, again without the instructions that add rows
    /// of zeros.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> OfOctets(Vector256<float> p0, Vector256<float> p1)
    {
        if (Avx.IsSupported)
        {
            // [p0₀₋₃, p1₀₋₃, 0, 0 | p0₄₋₇, p1₄₋₇, 0, 0], then each row's first four lanes plus its last four
            Vector256<float> halves = Avx.HorizontalAdd(Avx.HorizontalAdd(p0, p1), Vector256<float>.Zero);
            return (halves.GetLower() + halves.GetUpper()).ToVector256();
        }

        return Vector256.Create(Sum(p0), Sum(p1), 0f, 0f, 0f, 0f, 0f, 0f);
    }

    /// <summary>
    /// Four rows of sixteen lanes, one to a vector: lane j of the result is the sum of <c>pj</c>, added
    /// as <see cref="Vector512.Sum{T}(Vector512{T})"/> adds it — each 128-bit quarter as
    /// (p₀ + p₁) + (p₂ + p₃), then (q₀ + q₁) + (q₂ + q₃) — so a kernel that sums four rows at once has the
    /// bits of one that sums them one by one, with a quarter of the shuffles and additions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> OfSixteens(Vector512<float> p0, Vector512<float> p1, Vector512<float> p2, Vector512<float> p3)
    {
        if (Avx512F.IsSupported)
        {
            // in every quarter: [p0₀₊₁, p0₂₊₃, p1₀₊₁, p1₂₊₃] and [p2₀₊₁, p2₂₊₃, p3₀₊₁, p3₂₊₃], then [q(p0), q(p1), q(p2), q(p3)]
            Vector512<float> pairs01 = Avx512F.Shuffle(p0, p1, 0b10_00_10_00) + Avx512F.Shuffle(p0, p1, 0b11_01_11_01);
            Vector512<float> pairs23 = Avx512F.Shuffle(p2, p3, 0b10_00_10_00) + Avx512F.Shuffle(p2, p3, 0b11_01_11_01);
            Vector512<float> quarters = Avx512F.Shuffle(pairs01, pairs23, 0b10_00_10_00) + Avx512F.Shuffle(pairs01, pairs23, 0b11_01_11_01);

            // quarters 0 + 1 and 2 + 3 (each quarter next to its neighbour), then the two halves
            Vector512<float> halves = quarters + Avx512F.Shuffle4x128(quarters, quarters, 0b10_11_00_01);
            return halves.GetLower().GetLower() + halves.GetUpper().GetLower();
        }

        return Vector128.Create(Vector512.Sum(p0), Vector512.Sum(p1), Vector512.Sum(p2), Vector512.Sum(p3));
    }

    /// <summary>Rows of four lanes, one to a vector: lane j of the result is the sum of <c>pj</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> OfQuads(Vector256<double> p0, Vector256<double> p1, Vector256<double> p2, Vector256<double> p3)
    {
        if (Avx.IsSupported)
        {
            // [p0₀₊₁, p1₀₊₁ | p0₂₊₃, p1₂₊₃] and the same for p2 and p3
            Vector256<double> first = Avx.HorizontalAdd(p0, p1);
            Vector256<double> second = Avx.HorizontalAdd(p2, p3);
            return Avx.Permute2x128(first, second, 0x20) + Avx.Permute2x128(first, second, 0x31);
        }

        return Vector256.Create(Sum(p0), Sum(p1), Sum(p2), Sum(p3));
    }

    /// <summary>
    /// Rows of four floats on 128-bit vectors, one to a vector: lane j of the result is the sum of
    /// <c>pj</c>, (p₀ + p₁) + (p₂ + p₃). A row of eight is two vectors, low and high, made one by
    /// <see cref="PairSums(Vector128{float}, Vector128{float})"/> first: then lane j is
    /// ((p₀ + p₁) + (p₂ + p₃)) + ((p₄ + p₅) + (p₆ + p₇)), the sum the 256-bit forms give.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> OfQuads(Vector128<float> p0, Vector128<float> p1, Vector128<float> p2, Vector128<float> p3) =>
        PairSums(PairSums(p0, p1), PairSums(p2, p3));

    /// <summary>
    /// Two rows of four floats on 128-bit vectors: lanes 0 and 1 of the result are the sums of
    /// <paramref name="p0"/> and <paramref name="p1"/>, as the four-row form adds them, and lanes 2 and 3
    /// are +0, without the instructions that would add two rows of zeros.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> OfQuads(Vector128<float> p0, Vector128<float> p1) =>
        PairSums(PairSums(p0, p1), Vector128<float>.Zero);

    /// <summary>
    /// [a₀ + a₁, a₂ + a₃, b₀ + b₁, b₂ + b₃]: HADDPS on x64 (SSE3), FADDP on ARM64, lane by lane elsewhere.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> PairSums(Vector128<float> a, Vector128<float> b)
    {
        if (Sse3.IsSupported)
        {
            return Sse3.HorizontalAdd(a, b);
        }

        if (AdvSimd.Arm64.IsSupported)
        {
            return AdvSimd.Arm64.AddPairwise(a, b);
        }

        return Vector128.Create(a[0] + a[1], a[2] + a[3], b[0] + b[1], b[2] + b[3]);
    }

    /// <summary>
    /// Avx.HorizontalAdd(a, b), the same sums: [a₀ + a₁, a₂ + a₃, b₀ + b₁, b₂ + b₃] in each half, by
    /// two shuffles and one vertical addition, which the benchmark machine (AMD Zen) runs sooner
    /// than VHADDPS: a small layer's forward pass waits on them (W2's first layer by these sums and
    /// with its rows paired so that no lane crosses a half: see benchmarks/HISTORY.md).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> PairSums(Vector256<float> a, Vector256<float> b) =>
        Avx.Shuffle(a, b, 0b10_00_10_00) + Avx.Shuffle(a, b, 0b11_01_11_01);

    /// <summary>
    /// A row's first 256-bit vector times the input's (<paramref name="x"/>), as the dense kernels start
    /// a row where <c>Vector&lt;T&gt;</c> is 256 bits: a multiply-add from zero, fused where the hardware
    /// fuses it (the same as the product but for a product of −0, which gives +0). For floats the row's
    /// sum is then this vector's lanes added up with <see cref="OfOctets(Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float})"/>,
    /// for doubles with <c>Vector.Sum</c>, as the kernels add them, so a layer written out with these
    /// methods has the kernels' bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> FusedProducts<T>(ref T row, Vector256<T> x)
        where T : unmanaged =>
        MulAdd.OfVector256(Vector256.LoadUnsafe(ref row), x, Vector256<T>.Zero);

    /// <summary>The same for a row's first two vectors, vector after vector: lane k holds the products of inputs k and k + one vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> FusedProducts<T>(ref T row, Vector256<T> x, Vector256<T> xSecond)
        where T : unmanaged =>
        AddFusedProducts(ref Unsafe.Add(ref row, Vector256<T>.Count), xSecond, FusedProducts(ref row, x));

    /// <summary>The same for a row's first three vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> FusedProducts<T>(ref T row, Vector256<T> x, Vector256<T> xSecond, Vector256<T> xThird)
        where T : unmanaged =>
        AddFusedProducts(ref Unsafe.Add(ref row, 2 * Vector256<T>.Count), xThird, FusedProducts(ref row, x, xSecond));

    /// <summary>
    /// <paramref name="products"/> (a row's vectors so far, from <see cref="FusedProducts{T}(ref T, Vector256{T}, Vector256{T}, Vector256{T})"/>)
    /// plus its next vector, at <paramref name="vector"/>, times the input's (<paramref name="x"/>), in one
    /// multiply-add, as the kernels add a row's fourth vector and those after it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> AddFusedProducts<T>(ref T vector, Vector256<T> x, Vector256<T> products)
        where T : unmanaged =>
        MulAdd.OfVector256(Vector256.LoadUnsafe(ref vector), x, products);

    /// <summary>
    /// A row's first 128-bit vector times the input's, as the dense kernels start a row where
    /// <c>Vector&lt;T&gt;</c> is 128 bits (<see cref="FusedProducts{T}(ref T, Vector256{T})"/>); the
    /// row's sum is then <c>Vector.Sum</c> of its vectors' multiply-adds, as the kernels add it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> FusedProducts<T>(ref T row, Vector128<T> x)
        where T : unmanaged =>
        MulAdd.OfVector128(Vector128.LoadUnsafe(ref row), x, Vector128<T>.Zero);

    /// <summary>The same for a row's next 128-bit vector (<see cref="AddFusedProducts{T}(ref T, Vector256{T}, Vector256{T})"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> AddFusedProducts<T>(ref T vector, Vector128<T> x, Vector128<T> products)
        where T : unmanaged =>
        MulAdd.OfVector128(Vector128.LoadUnsafe(ref vector), x, products);

    /// <summary>
    /// <paramref name="products"/> (a float row's whole vectors, from <see cref="FusedProducts{T}(ref T, Vector256{T})"/>) plus
    /// the products of the values past them, as the kernels add a row's tail: the row's last vector, ending
    /// where the row of <paramref name="rowLength"/> floats (more than eight, not a multiple of eight) ends, its
    /// lanes that the whole vectors hold cleared (<see cref="LoadLast(ref float, int)"/>), times
    /// <paramref name="xLast"/> (the input's last vector, cleared the same way), in one multiply-add.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> AddLastProducts(ref float row, int rowLength, Vector256<float> xLast, Vector256<float> products) =>
        MulAdd.OfVector256(LoadLast(ref Unsafe.Add(ref row, rowLength - 8), rowLength % 8), xLast, products);

    /// <summary>
    /// The first <paramref name="length"/> values from <paramref name="origin"/> in a vector, the other
    /// lanes +0; reads a whole vector, so the caller makes sure a whole vector lies there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref float origin, int length) => VectorMath.FirstLanes(Vector256.LoadUnsafe(ref origin), length);

    /// <summary>
    /// The first <paramref name="length"/> values from <paramref name="origin"/> in a 128-bit vector, the
    /// other lanes +0; reads a whole vector, so the caller makes sure a whole vector lies there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LoadQuad(ref float origin, int length) => VectorMath.FirstLanes(Vector128.LoadUnsafe(ref origin), length);

    /// <summary>
    /// The last <paramref name="length"/> of the eight values from <paramref name="origin"/> in a vector,
    /// the lanes before them +0: a row's last vector, which ends where the row ends, with the values
    /// the row's whole vectors already hold cleared, so that they add exactly +0 (an infinite weight or
    /// input among them cannot make a NaN). Reads a whole vector, so the caller makes sure a whole vector lies there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LoadLast(ref float origin, int length) =>
        Vector256.LoadUnsafe(ref origin) & LastLanes(length);

    /// <summary>
    /// <see cref="LoadLast(ref float, int)"/>'s vector for a row of <paramref name="rowLength"/> floats (9 to
    /// 31) from <paramref name="row"/>: the last eight values, the ones the row's whole vectors hold +0 —
    /// put together from the two whole vectors at the multiples of eight around them (one permute with
    /// AVX-512, two and a blend with AVX2) instead of loaded where they start. For a row that a layer
    /// has just stored a vector at a time: a load that spans two stores still on their way to the cache
    /// cannot take its values from them and waits until both are there. The same values, so the same bits.
    /// Reads up to the next multiple of eight past the row's end: a region padded to whole vectors.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowLength"/> is not 9 to 31.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LoadLastOfStored(ref float row, int rowLength)
    {
        (int start, int whole, int kept) = LastVectorOf(rowLength, 8);
        Vector256<int> picks = Vector256.Create(start - whole) + Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        Vector256<float> last;
        if (start == whole)
        {
            last = Vector256.LoadUnsafe(ref row, (nuint)start);
        }
        else if (Avx512F.VL.IsSupported)
        {
            // lane k: value start + k, from the first vector below 8, from the second at 8 and above
            last = Avx512F.VL.PermuteVar8x32x2(Vector256.LoadUnsafe(ref row, (nuint)whole), picks, Vector256.LoadUnsafe(ref row, (nuint)whole + 8));
        }
        else if (Avx2.IsSupported)
        {
            // VPERMPS reads each pick's low three bits: lane k of both vectors, then the second's where the pick is 8 or more
            last = Vector256.ConditionalSelect(
                Vector256.GreaterThanOrEqual(picks, Vector256.Create(8)).AsSingle(),
                Avx2.PermuteVar8x32(Vector256.LoadUnsafe(ref row, (nuint)whole + 8), picks),
                Avx2.PermuteVar8x32(Vector256.LoadUnsafe(ref row, (nuint)whole), picks));
        }
        else
        {
            last = Vector256.LoadUnsafe(ref row, (nuint)start);
        }

        return last & LastLanes(kept);
    }

    /// <summary>All bits set in the last <paramref name="length"/> of eight lanes, none in the ones before them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> LastLanes(int length) =>
        Vector256.GreaterThanOrEqual(Vector256.Create(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f), Vector256.Create((float)(8 - length)));

    /// <summary>
    /// Where the last vector of <paramref name="lanes"/> values of a row of <paramref name="rowLength"/>
    /// (more than one vector, at most 31) starts, the multiple of <paramref name="lanes"/> at or below that,
    /// and how many of its values lie past the row's whole vectors.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowLength"/> is not <paramref name="lanes"/> + 1 to 31.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (int Start, int Whole, int Kept) LastVectorOf(int rowLength, int lanes)
    {
        if ((uint)(rowLength - lanes - 1) > 31 - lanes - 1)
        {
            ThrowRowLength(rowLength, lanes + 1);
        }

        int start = rowLength - lanes;
        return (start, start / lanes * lanes, rowLength - ((rowLength - 1) / lanes * lanes));
    }

    [DoesNotReturn]
    private static void ThrowRowLength(int rowLength, int shortest) =>
        throw new ArgumentOutOfRangeException(nameof(rowLength), rowLength, "Expected a row of " + shortest + " to 31 values.");

    /// <summary>
    /// The last <paramref name="length"/> of the four values from <paramref name="origin"/> in a 128-bit
    /// vector, the lanes before them +0: a quarter of <see cref="LoadLast(ref float, int)"/>'s vector.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LoadLastQuad(ref float origin, int length) =>
        Vector128.LoadUnsafe(ref origin) & Vector128.GreaterThanOrEqual(Vector128.Create(0f, 1f, 2f, 3f), Vector128.Create((float)(4 - length)));

    /// <inheritdoc cref="Load(ref float, int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(ref double origin, int length) => VectorMath.FirstLanes(Vector256.LoadUnsafe(ref origin), length);

    /// <summary>
    /// The last <paramref name="length"/> of the four values from <paramref name="origin"/> in a vector,
    /// the lanes before them +0: a double row's last vector, as <see cref="LoadLast(ref float, int)"/>.
    /// Reads a whole vector, so the caller makes sure a whole vector lies there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LoadLast(ref double origin, int length) => Vector256.LoadUnsafe(ref origin) & LastDoubleLanes(length);

    /// <summary>
    /// <see cref="LoadLast(ref double, int)"/>'s vector for a row of <paramref name="rowLength"/> doubles
    /// (5 to 31) from <paramref name="row"/>, as <see cref="LoadLastOfStored(ref float, int)"/> for
    /// floats: put together from the two whole vectors at the multiples of four around it (one or two
    /// lane moves with AVX) instead of loaded where it starts, across two stores still on their way to
    /// the cache. The same values, so the same bits. Reads up to the next multiple of four past the
    /// row's end: a region padded to whole vectors.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowLength"/> is not 5 to 31.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LoadLastOfStored(ref double row, int rowLength)
    {
        (int start, int whole, int kept) = LastVectorOf(rowLength, 4);
        Vector256<double> last;
        if (start != whole && Avx.IsSupported)
        {
            Vector256<double> low = Vector256.LoadUnsafe(ref row, (nuint)whole);
            Vector256<double> high = Vector256.LoadUnsafe(ref row, (nuint)whole + 4);
            // values whole + 2 … whole + 5: the high half of the first vector, the low half of the second
            Vector256<double> middle = Avx.Permute2x128(low, high, 0x21);
            // VSHUFPD 0b0101: in each 128-bit half, the first operand's high value, then the second's low one
            last = (start - whole) switch
            {
                1 => Avx.Shuffle(low, middle, 0b0101),
                2 => middle,
                _ => Avx.Shuffle(middle, high, 0b0101),
            };
        }
        else
        {
            last = Vector256.LoadUnsafe(ref row, (nuint)start);
        }

        return last & LastDoubleLanes(kept);
    }

    /// <summary>
    /// Two rows of a double layer where <c>Vector&lt;T&gt;</c> is 128 bits: each row given as
    /// <see cref="PairSums(Vector128{double}, Vector128{double})"/> of its low and high halves, lane j of
    /// the result is row j's (p₀ + p₁) + (p₂ + p₃), the sum <see cref="OfQuads(Vector256{double}, Vector256{double}, Vector256{double}, Vector256{double})"/> gives.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> OfPairs(Vector128<double> p0, Vector128<double> p1) => PairSums(p0, p1);

    /// <summary>[a₀ + a₁, b₀ + b₁]: HADDPD on x64 (SSE3), FADDP on ARM64, lane by lane elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> PairSums(Vector128<double> a, Vector128<double> b)
    {
        if (Sse3.IsSupported)
        {
            return Sse3.HorizontalAdd(a, b);
        }

        if (AdvSimd.Arm64.IsSupported)
        {
            return AdvSimd.Arm64.AddPairwise(a, b);
        }

        return Vector128.Create(a[0] + a[1], b[0] + b[1]);
    }

    /// <summary>The first <paramref name="length"/> (0 to 2) values from <paramref name="origin"/> in a 128-bit vector, the other lane +0; reads a whole vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> LoadPair(ref double origin, int length) =>
        Vector128.LoadUnsafe(ref origin) & Vector128.LessThan(Vector128.Create(0.0, 1.0), Vector128.Create((double)length));

    /// <summary>The last <paramref name="length"/> (0 to 2) of the two values from <paramref name="origin"/> in a 128-bit vector, the lane before them +0; reads a whole vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> LoadLastPair(ref double origin, int length) =>
        Vector128.LoadUnsafe(ref origin) & Vector128.GreaterThanOrEqual(Vector128.Create(0.0, 1.0), Vector128.Create((double)(2 - length)));

    /// <summary>All bits set in the last <paramref name="length"/> of four double lanes, none in the ones before them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> LastDoubleLanes(int length) =>
        Vector256.GreaterThanOrEqual(Vector256.Create(0.0, 1.0, 2.0, 3.0), Vector256.Create((double)(4 - length)));

    private static float Sum(Vector256<float> p) => Low(p) + High(p);

    private static float Low(Vector256<float> p) => (p[0] + p[1]) + (p[2] + p[3]);

    private static float High(Vector256<float> p) => (p[4] + p[5]) + (p[6] + p[7]);

    private static double Sum(Vector256<double> p) => (p[0] + p[1]) + (p[2] + p[3]);
}
