using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetCompiler;

/// <summary>
/// <see cref="SoftmaxTree"/> on a block of examples, one per lane (output k of example e at
/// k·<c>Vector&lt;T&gt;.Count</c> + e): the same operations and the same tree, a vector per output, so
/// each lane gets the bits its example gets alone. The generated code writes this out for up to sixteen
/// float outputs; wider softmaxes, and double ones, call it.
/// </summary>
public static partial class SoftmaxTree
{
    /// <summary>p = softmax(z) for every example of the block, over <paramref name="count"/> outputs.</summary>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="count"/> is less than 5.</exception>
    public static void SoftmaxLanes(ref float z, ref float p, int count) => SoftmaxLanes<float>(ref z, ref p, count);

    /// <inheritdoc cref="SoftmaxLanes(ref float, ref float, int)"/>
    public static void SoftmaxLanes(ref double z, ref double p, int count) => SoftmaxLanes<double>(ref z, ref p, count);

    /// <summary>
    /// <see cref="LogSumExp(ref float, int)"/> for every example of the block, each lane's logarithm the scalar
    /// one, so a loss that takes it first keeps no value across a call while it adds over the outputs.
    /// </summary>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="count"/> is less than 5.</exception>
    public static Vector<float> LogSumExpLanes(ref float z, int count) => LogSumExpLanes<float>(ref z, count);

    /// <inheritdoc cref="LogSumExpLanes(ref float, int)"/>
    public static Vector<double> LogSumExpLanes(ref double z, int count) => LogSumExpLanes<double>(ref z, count);

    private static void SoftmaxLanes<T>(ref T z, ref T p, int count)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> sum = ExponentialsInLanes(ref z, ref p, storesExponentials: true, count, out _);
        for (int k = 0; k < count; k++)
        {
            StoreLanes(LoadLanes(ref p, k) / sum, ref p, k);
        }
    }

    private static Vector<T> LogSumExpLanes<T>(ref T z, int count)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> sum = ExponentialsInLanes(ref z, ref Unsafe.NullRef<T>(), storesExponentials: false, count, out Vector<T> max);
        Vector<T> result = default;
        ref T lanes = ref Unsafe.As<Vector<T>, T>(ref result);
        for (int e = 0; e < Vector<T>.Count; e++)
        {
            Unsafe.Add(ref lanes, e) = LogOfShiftedSum(max[e], sum[e]);
        }

        return result;
    }

    private static Vector<T> ExponentialsInLanes<T>(ref T z, ref T e, bool storesExponentials, int count, out Vector<T> max)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckCount(count);

        // (a local, not the out parameter, in the loop: the JIT keeps a local in a register)
        Vector<T> largest = LoadLanes(ref z, 0);
        for (int k = 1; k < count; k++)
        {
            largest = MaxNative(largest, LoadLanes(ref z, k));
        }

        max = largest;

        // tⱼ = sⱼ + sⱼ₊₄, uⱼ = tⱼ + tⱼ₊₂, Σ = u₀ + u₁
        Vector<T> t0 = Column(ref z, ref e, storesExponentials, count, 0, largest) + Column(ref z, ref e, storesExponentials, count, 4, largest);
        Vector<T> t1 = Column(ref z, ref e, storesExponentials, count, 1, largest) + Column(ref z, ref e, storesExponentials, count, 5, largest);
        Vector<T> t2 = Column(ref z, ref e, storesExponentials, count, 2, largest) + Column(ref z, ref e, storesExponentials, count, 6, largest);
        Vector<T> t3 = Column(ref z, ref e, storesExponentials, count, 3, largest) + Column(ref z, ref e, storesExponentials, count, 7, largest);
        return (t0 + t2) + (t1 + t3);
    }

    /// <summary>sⱼ = eⱼ + eⱼ₊₈ + … in output order (+0 where j is past the last output), each eₖ stored where asked.</summary>
    private static Vector<T> Column<T>(ref T z, ref T e, bool storesExponentials, int count, int j, Vector<T> max)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> sum = Vector<T>.Zero;
        for (int k = j; k < count; k += 8)
        {
            Vector<T> exponential = ExpOfNonPositive(LoadLanes(ref z, k) - max);
            if (storesExponentials)
            {
                StoreLanes(exponential, ref e, k);
            }

            sum += exponential;
        }

        return sum;
    }

    /// <summary>The runtime's exponential of a vector of non-positive values, float's or double's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> ExpOfNonPositive<T>(Vector<T> x)
        where T : unmanaged =>
        typeof(T) == typeof(float)
            ? Vector.As<float, T>(Activations.ExpOfNonPositive(Vector.As<T, float>(x)))
            : Vector.As<double, T>(Activations.ExpOfNonPositive(Vector.As<T, double>(x)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> MaxNative<T>(Vector<T> a, Vector<T> b)
        where T : unmanaged =>
        typeof(T) == typeof(float)
            ? Vector.As<float, T>(VectorMath.MaxNative(Vector.As<T, float>(a), Vector.As<T, float>(b)))
            : Vector.As<double, T>(VectorMath.MaxNative(Vector.As<T, double>(a), Vector.As<T, double>(b)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> LoadLanes<T>(ref T region, int k)
        where T : unmanaged => Vector.LoadUnsafe(ref region, (nuint)(k * Vector<T>.Count));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreLanes<T>(Vector<T> value, ref T region, int k)
        where T : unmanaged => Vector.StoreUnsafe(value, ref region, (nuint)(k * Vector<T>.Count));
}
