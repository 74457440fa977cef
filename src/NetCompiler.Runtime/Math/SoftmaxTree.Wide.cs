using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetCompiler;

/// <summary>
/// <see cref="SoftmaxTree"/> over more than sixteen outputs (a 26-letter or a hundred-class head): too many
/// for registers, so zᴸ is taken a <c>Vector&lt;T&gt;</c> at a time, the eₖ stored in p on the way, and each
/// sⱼ = eⱼ + eⱼ₊₈ + … kept in its lane of two 128-bit accumulators (j = 0–3 and 4–7), whatever the width.
/// </summary>
public static partial class SoftmaxTree
{
    /// <summary>pₖ = eₖ / Σ: the exponentials stored in p, divided there; the last vector's from its register.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WideSoftmax(ref float z, ref float p, int count)
    {
        Vector<float> divisor = new(WideExponentials(ref z, ref p, storesExponentials: true, count, out _, out Vector<float> last));
        int lastStart = LastVectorStart<float>(count);
        for (int i = 0; i < lastStart; i += Vector<float>.Count)
        {
            Vector.StoreUnsafe(Vector.LoadUnsafe(ref p, (nuint)i) / divisor, ref p, (nuint)i);
        }

        StoreFirstLanes(last / divisor, ref Unsafe.Add(ref p, lastStart), count - lastStart);
    }

    /// <summary>
    /// max z and Σₖ eₖ in the tree; every eₖ but the last vector's stored to <paramref name="e"/> where
    /// <paramref name="storesExponentials"/> (else <paramref name="e"/> is not touched), the last vector's
    /// returned in <paramref name="last"/> (+0 past the last output).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float WideExponentials(ref float z, ref float e, bool storesExponentials, int count, out float max, out Vector<float> last)
    {
        CheckCount(count);
        int lastStart = LastVectorStart<float>(count);

        // the last vector's z, −∞ past the last output (a padded region's other lanes may hold anything)
        Vector<float> lastZ = Vector.ConditionalSelect(LaneMask(count - lastStart), Vector.LoadUnsafe(ref z, (nuint)lastStart), new Vector<float>(float.NegativeInfinity));
        Vector<float> maxima = lastZ;
        for (int i = 0; i < lastStart; i += Vector<float>.Count)
        {
            maxima = VectorMath.MaxNative(maxima, Vector.LoadUnsafe(ref z, (nuint)i));
        }

        Vector128<float> largest = MaxOfLanes(MaxOfQuarters(maxima));
        max = largest.ToScalar();
        Vector<float> shift = new(largest.ToScalar());

        // sⱼ for j = 0–3 and 4–7, each term added in output order (from +0, which changes no eₖ)
        Vector128<float> low = Vector128<float>.Zero;
        Vector128<float> high = Vector128<float>.Zero;
        for (int i = 0; i < lastStart; i += Vector<float>.Count)
        {
            Vector<float> exponentials = Activations.ExpOfNonPositive(Vector.LoadUnsafe(ref z, (nuint)i) - shift);
            if (storesExponentials)
            {
                Vector.StoreUnsafe(exponentials, ref e, (nuint)i);
            }

            AddToColumns(exponentials, i, ref low, ref high);
        }

        last = Activations.ExpOfNonPositive(lastZ - shift);
        AddToColumns(last, lastStart, ref low, ref high);

        // tⱼ = sⱼ + sⱼ₊₄, then the quarter's tree
        return SumOfQuarter(low + high);
    }

    /// <summary>max z and Σₖ eₖ in the tree, over more than sixteen outputs: <see cref="WideExponentials"/> in a call of its own.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float WideSum(ref float z, int count, out float max) =>
        WideExponentials(ref z, ref Unsafe.NullRef<float>(), storesExponentials: false, count, out max, out _);

    /// <summary>Where the <c>Vector&lt;T&gt;</c> holding the last of <paramref name="count"/> outputs starts.</summary>
    private static int LastVectorStart<T>(int count) => (count - 1) / Vector<T>.Count * Vector<T>.Count;

    /// <summary>
    /// Adds the eₖ of the vector starting at output <paramref name="start"/> to sⱼ (j = k mod 8): its
    /// eight-output halves, or its quarter where <c>Vector&lt;T&gt;</c> is 128 bits, in output order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddToColumns(Vector<float> exponentials, int start, ref Vector128<float> low, ref Vector128<float> high)
    {
        if (Vector<float>.Count == 4)
        {
            if ((start & 4) == 0)
            {
                low += exponentials.AsVector128();
            }
            else
            {
                high += exponentials.AsVector128();
            }

            return;
        }

        Vector256<float> half = exponentials.AsVector256();
        low += half.GetLower();
        high += half.GetUpper();
        if (Vector<float>.Count == 16)
        {
            half = exponentials.AsVector512().GetUpper();
            low += half.GetLower();
            high += half.GetUpper();
        }
    }

    /// <summary>The lane-by-lane maximum of a <c>Vector&lt;T&gt;</c>'s 128-bit quarters.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> MaxOfQuarters(Vector<float> v)
    {
        if (Vector<float>.Count == 4)
        {
            return v.AsVector128();
        }

        Vector256<float> halves = v.AsVector256();
        if (Vector<float>.Count == 16)
        {
            halves = MaxNative(halves, v.AsVector512().GetUpper());
        }

        return MaxNative(halves.GetLower(), halves.GetUpper());
    }

    /// <summary>All bits set in the first <paramref name="count"/> lanes of a <c>Vector&lt;T&gt;</c>, none in the others.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> LaneMask(int count) =>
        Vector<float>.Count == 4 ? VectorMath.LaneMask128(count).AsVector()
            : Vector<float>.Count == 8 ? VectorMath.LaneMask(count).AsVector()
            : Vector512.Create(VectorMath.LaneMask(count), VectorMath.LaneMask(count - 8)).AsVector();

    /// <summary>The first <paramref name="count"/> lanes of <paramref name="v"/> (1 to a whole vector) to <paramref name="destination"/>, nothing past them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreFirstLanes(Vector<float> v, ref float destination, int count)
    {
        if (Vector<float>.Count == 16 && count > 8)
        {
            v.AsVector256().StoreUnsafe(ref destination);
            VectorMath.StoreFirstLanes(v.AsVector512().GetUpper(), ref Unsafe.Add(ref destination, 8), count - 8);
            return;
        }

        VectorMath.StoreFirstLanes(Vector<float>.Count == 4 ? Vector256.Create(v.AsVector128(), Vector128<float>.Zero) : v.AsVector256(), ref destination, count);
    }
}
