using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetCompiler;

/// <summary>A function of one value, given for a scalar and for a whole vector, computing the same bits per lane.</summary>
internal interface IUnaryOperator<T>
    where T : struct
{
    static abstract T Invoke(T x);

    static abstract Vector<T> Invoke(Vector<T> x);
}

/// <summary>Applies a <see cref="IUnaryOperator{T}"/> to every element of a span.</summary>
internal static class Elementwise
{
    /// <summary>
    /// y[i] = f(x[i]): whole vectors first, then a scalar tail. Each element is read before it is
    /// written, so <paramref name="y"/> may be <paramref name="x"/> itself. The caller checks lengths.
    /// </summary>
    public static void Apply<T, TOperator>(ReadOnlySpan<T> x, Span<T> y)
        where T : struct
        where TOperator : IUnaryOperator<T>
    {
        ref T source = ref MemoryMarshal.GetReference(x);
        ref T destination = ref MemoryMarshal.GetReference(y);
        nuint length = (nuint)x.Length;
        nuint i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + (nuint)Vector<T>.Count <= length; i += (nuint)Vector<T>.Count)
            {
                TOperator.Invoke(Vector.LoadUnsafe(ref source, i)).StoreUnsafe(ref destination, i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref destination, i) = TOperator.Invoke(Unsafe.Add(ref source, i));
        }
    }
}
