using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetCompiler;

/// <summary>
/// Softmax and log-sum-exp over a span, stably: both shift by the largest element m first, so every
/// exponential is e^(zᵢ − m) ≤ 1 and the sum lies in [1, n]. Vectorised with scalar tails; the
/// exponentials are <see cref="ExpKernel"/>'s, lane or tail alike.
/// </summary>
internal static class SoftmaxKernel
{
    /// <summary>p = e^(z − m) / Σ e^(z − m). <paramref name="p"/> may be <paramref name="z"/> itself.</summary>
    public static void Softmax<T, TExp>(ReadOnlySpan<T> z, Span<T> p)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TExp : IUnaryOperator<T>
    {
        if (z.IsEmpty)
        {
            return;
        }

        T sum = ExpShifted<T, TExp>(z, Max(z), p);
        ref T values = ref MemoryMarshal.GetReference(p);
        nuint length = (nuint)p.Length;
        nuint i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<T> divisor = new(sum);
            for (; i + (nuint)Vector<T>.Count <= length; i += (nuint)Vector<T>.Count)
            {
                (Vector.LoadUnsafe(ref values, i) / divisor).StoreUnsafe(ref values, i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref values, i) /= sum;
        }
    }

    /// <summary>
    /// log Σ e^z = m + log Σ e^(z − m). An empty span gives −∞ (the log of an empty sum); an infinite
    /// largest element is the answer itself.
    /// </summary>
    public static T LogSumExp<T, TExp>(ReadOnlySpan<T> z)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TExp : IUnaryOperator<T>
    {
        if (z.IsEmpty)
        {
            return T.NegativeInfinity;
        }

        T max = Max(z);
        return T.IsInfinity(max) ? max : max + T.Log(ExpShifted<T, TExp>(z, max, Span<T>.Empty));
    }

    /// <summary>
    /// The largest element. A NaN element may or may not be seen here, but it makes its own term of
    /// the sum NaN, so softmax and log-sum-exp come out NaN either way.
    /// </summary>
    private static T Max<T>(ReadOnlySpan<T> z)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T values = ref MemoryMarshal.GetReference(z);
        nuint length = (nuint)z.Length;
        nuint i = 0;
        T max = T.NegativeInfinity;
        if (Vector.IsHardwareAccelerated && length >= (nuint)Vector<T>.Count)
        {
            Vector<T> maxima = new(T.NegativeInfinity);
            for (; i + (nuint)Vector<T>.Count <= length; i += (nuint)Vector<T>.Count)
            {
                Vector<T> v = Vector.LoadUnsafe(ref values, i);
                maxima = Vector.ConditionalSelect(Vector.GreaterThan(v, maxima), v, maxima);
            }

            for (int lane = 0; lane < Vector<T>.Count; lane++)
            {
                max = T.Max(max, maxima[lane]);
            }
        }

        for (; i < length; i++)
        {
            max = T.Max(max, Unsafe.Add(ref values, i));
        }

        return max;
    }

    /// <summary>Σ e^(zᵢ − max), also storing each term in <paramref name="terms"/> unless it is empty.</summary>
    private static T ExpShifted<T, TExp>(ReadOnlySpan<T> z, T max, Span<T> terms)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TExp : IUnaryOperator<T>
    {
        ref T source = ref MemoryMarshal.GetReference(z);
        ref T destination = ref MemoryMarshal.GetReference(terms);
        bool store = !terms.IsEmpty;
        nuint length = (nuint)z.Length;
        nuint i = 0;
        T sum = T.Zero;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<T> shift = new(max);
            Vector<T> sums = Vector<T>.Zero;
            for (; i + (nuint)Vector<T>.Count <= length; i += (nuint)Vector<T>.Count)
            {
                Vector<T> e = TExp.Invoke(Vector.LoadUnsafe(ref source, i) - shift);
                if (store)
                {
                    e.StoreUnsafe(ref destination, i);
                }

                sums += e;
            }

            sum = Vector.Sum(sums);
        }

        for (; i < length; i++)
        {
            T e = TExp.Invoke(Unsafe.Add(ref source, i) - max);
            if (store)
            {
                Unsafe.Add(ref destination, i) = e;
            }

            sum += e;
        }

        return sum;
    }
}
