using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetCompiler;

/// <summary>
/// <see cref="SoftmaxTree"/> over five or more double outputs: zᴸ a <c>Vector&lt;T&gt;</c> at a time (each
/// vector put together from values loaded one by one, as a double layer stores them), the
/// exponentials stored into p on the way and divided there, each sⱼ (j = k mod 8) kept in its lane of two
/// 256-bit accumulators (columns 0–3 and 4–7) at every width, then the same tree as the float form. Σ
/// has the bits the examples in lanes (<see cref="SoftmaxLanes(ref double, ref double, int)"/>) give every lane.
/// </summary>
public static partial class SoftmaxTree
{
    /// <summary>
    /// p = softmax(z) over <paramref name="count"/> double outputs. <paramref name="z"/> is read a whole
    /// <c>Vector&lt;T&gt;</c> at a time (a region padded to whole vectors, as the generated state's are);
    /// exactly <paramref name="count"/> values of <paramref name="p"/> are written.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 5.</exception>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Softmax(ref double z, ref double p, int count)
    {
        double sum = DoubleExponentials(ref z, ref p, storesExponentials: true, count, out _, out Vector<double> last);
        Vector<double> divisor = new(sum);
        int lastStart = LastVectorStart<double>(count);
        for (int i = 0; i < lastStart; i += Vector<double>.Count)
        {
            Vector.StoreUnsafe(Vector.LoadUnsafe(ref p, (nuint)i) / divisor, ref p, (nuint)i);
        }

        // the last vector's outputs from its register, one by one: exactly the outputs written
        for (int k = lastStart; k < count; k++)
        {
            Unsafe.Add(ref p, k) = last[k - lastStart] / sum;
        }
    }

    /// <summary>
    /// log Σₖ e^zₖ = max z + log Σₖ e^(zₖ − max z) over <paramref name="count"/> double outputs, Σ in the
    /// tree (an infinite max the answer itself): the cross-entropy's term.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 5.</exception>
    public static double LogSumExp(ref double z, int count)
    {
        double sum = DoubleSum(ref z, count, out double max);
        return LogOfShiftedSum(max, sum);
    }

    /// <summary>
    /// max z and Σₖ eₖ: <see cref="DoubleExponentials"/> in a call of its own, so that the logarithm's
    /// call after it keeps none of its loops' values on the stack.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double DoubleSum(ref double z, int count, out double max) =>
        DoubleExponentials(ref z, ref Unsafe.NullRef<double>(), storesExponentials: false, count, out max, out _);

    /// <summary>
    /// max z and Σₖ eₖ in the tree; every eₖ but the last vector's stored to <paramref name="e"/> where
    /// <paramref name="storesExponentials"/>, the last vector's returned in <paramref name="last"/> (+0 past the last output).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double DoubleExponentials(ref double z, ref double e, bool storesExponentials, int count, out double max, out Vector<double> last)
    {
        CheckCount(count);
        int lastStart = LastVectorStart<double>(count);

        // max z value by value: a double layer stores its z value by value, and a vector load across
        // such stores waits until they reach the cache, where a load of one value takes it from its store
        double largest = z;
        for (int k = 1; k < count; k++)
        {
            largest = VectorMath.MaxNative(largest, Unsafe.Add(ref z, k));
        }

        // (a local, not the out parameter, in the loop: the JIT keeps a local in a register)
        max = largest;

        // sⱼ for j = 0–3 and 4–7, each term added in output order (from +0, which changes no eₖ)
        Vector<double> shift = new(largest);
        Vector256<double> low = Vector256<double>.Zero;
        Vector256<double> high = Vector256<double>.Zero;
        for (int i = 0; i < lastStart; i += Vector<double>.Count)
        {
            Vector<double> exponentials = Activations.ExpOfNonPositive(FromValues(ref z, i) - shift);
            if (storesExponentials)
            {
                Vector.StoreUnsafe(exponentials, ref e, (nuint)i);
            }

            AddToColumns(exponentials, i, ref low, ref high);
        }

        // the last vector's z − max z, −∞ past the last output (a padded region's other lanes may hold anything)
        last = Activations.ExpOfNonPositive(Vector.ConditionalSelect(
            Vector.LessThan(DoubleLaneNumbers(), new Vector<double>(count - lastStart)), FromValues(ref z, lastStart) - shift, new Vector<double>(double.NegativeInfinity)));
        AddToColumns(last, lastStart, ref low, ref high);

        // tⱼ = sⱼ + sⱼ₊₄, uⱼ = tⱼ + tⱼ₊₂, Σ = u₀ + u₁
        Vector256<double> t = low + high;
        return (t.GetElement(0) + t.GetElement(2)) + (t.GetElement(1) + t.GetElement(3));
    }

    /// <summary>The vector of the values from <paramref name="start"/>, each loaded by itself (see <see cref="DoubleExponentials"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> FromValues(ref double z, int start)
    {
        ref double first = ref Unsafe.Add(ref z, start);
        if (Vector<double>.Count == 2)
        {
            return Vector128.Create(first, Unsafe.Add(ref first, 1)).AsVector();
        }

        Vector256<double> low = Vector256.Create(first, Unsafe.Add(ref first, 1), Unsafe.Add(ref first, 2), Unsafe.Add(ref first, 3));
        return Vector<double>.Count == 4
            ? low.AsVector()
            : Vector512.Create(low, Vector256.Create(Unsafe.Add(ref first, 4), Unsafe.Add(ref first, 5), Unsafe.Add(ref first, 6), Unsafe.Add(ref first, 7))).AsVector();
    }

    /// <summary>0, 1, 2, …: the lane numbers of a <c>Vector&lt;double&gt;</c> at any width, a constant once compiled.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> DoubleLaneNumbers() =>
        Vector<double>.Count == 2 ? Vector128.Create(0.0, 1.0).AsVector()
            : Vector<double>.Count == 4 ? Vector256.Create(0.0, 1.0, 2.0, 3.0).AsVector()
            : Vector512.Create(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0).AsVector();

    /// <summary>
    /// Adds the eₖ of the vector starting at output <paramref name="start"/> to sⱼ (j = k mod 8): its 256-bit
    /// halves where <c>Vector&lt;T&gt;</c> is 512 bits, itself where 256, its column pair where 128, in output order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddToColumns(Vector<double> exponentials, int start, ref Vector256<double> low, ref Vector256<double> high)
    {
        if (Vector<double>.Count == 8)
        {
            low += exponentials.AsVector512().GetLower();
            high += exponentials.AsVector512().GetUpper();
        }
        else if (Vector<double>.Count == 4)
        {
            if ((start & 4) == 0)
            {
                low += exponentials.AsVector256();
            }
            else
            {
                high += exponentials.AsVector256();
            }
        }
        else
        {
            Vector128<double> pair = exponentials.AsVector128();
            switch ((start >> 1) & 3)
            {
                case 0: low = low.WithLower(low.GetLower() + pair); break;
                case 1: low = low.WithUpper(low.GetUpper() + pair); break;
                case 2: high = high.WithLower(high.GetLower() + pair); break;
                default: high = high.WithUpper(high.GetUpper() + pair); break;
            }
        }
    }
}
