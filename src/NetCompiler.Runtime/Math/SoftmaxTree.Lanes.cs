using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetCompiler;

/// <summary>
/// <see cref="SoftmaxTree"/> on a block of examples, one per lane (output k of example e at
/// k·<c>Vector&lt;T&gt;.Count</c> + e): the same operations and the same tree, a vector per output, so
/// each lane gets the bits its example gets alone. The generated code writes this out for up to sixteen
/// outputs; wider softmaxes call it.
/// </summary>
public static partial class SoftmaxTree
{
    /// <summary>p = softmax(z) for every example of the block, over <paramref name="count"/> outputs.</summary>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="count"/> is less than 5.</exception>
    public static void SoftmaxLanes(ref float z, ref float p, int count)
    {
        Vector<float> sum = ExponentialsInLanes(ref z, ref p, storesExponentials: true, count, out _);
        for (int k = 0; k < count; k++)
        {
            StoreLanes(LoadLanes(ref p, k) / sum, ref p, k);
        }
    }

    /// <summary>
    /// <see cref="LogSumExp"/> for every example of the block, each lane's logarithm the scalar one, so a
    /// loss that takes it first keeps no value across a call while it adds over the outputs.
    /// </summary>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="count"/> is less than 5.</exception>
    public static Vector<float> LogSumExpLanes(ref float z, int count)
    {
        Vector<float> sum = ExponentialsInLanes(ref z, ref Unsafe.NullRef<float>(), storesExponentials: false, count, out Vector<float> max);
        Vector<float> result = default;
        ref float lanes = ref Unsafe.As<Vector<float>, float>(ref result);
        for (int e = 0; e < Vector<float>.Count; e++)
        {
            Unsafe.Add(ref lanes, e) = LogOfShiftedSum(max[e], sum[e]);
        }

        return result;
    }

    private static Vector<float> ExponentialsInLanes(ref float z, ref float e, bool storesExponentials, int count, out Vector<float> max)
    {
        CheckCount(count);
        max = LoadLanes(ref z, 0);
        for (int k = 1; k < count; k++)
        {
            max = VectorMath.MaxNative(max, LoadLanes(ref z, k));
        }

        // tⱼ = sⱼ + sⱼ₊₄, uⱼ = tⱼ + tⱼ₊₂, Σ = u₀ + u₁
        Vector<float> t0 = Column(ref z, ref e, storesExponentials, count, 0, max) + Column(ref z, ref e, storesExponentials, count, 4, max);
        Vector<float> t1 = Column(ref z, ref e, storesExponentials, count, 1, max) + Column(ref z, ref e, storesExponentials, count, 5, max);
        Vector<float> t2 = Column(ref z, ref e, storesExponentials, count, 2, max) + Column(ref z, ref e, storesExponentials, count, 6, max);
        Vector<float> t3 = Column(ref z, ref e, storesExponentials, count, 3, max) + Column(ref z, ref e, storesExponentials, count, 7, max);
        return (t0 + t2) + (t1 + t3);
    }

    /// <summary>sⱼ = eⱼ + eⱼ₊₈ + … in output order (+0 where j is past the last output), each eₖ stored where asked.</summary>
    private static Vector<float> Column(ref float z, ref float e, bool storesExponentials, int count, int j, Vector<float> max)
    {
        Vector<float> sum = Vector<float>.Zero;
        for (int k = j; k < count; k += 8)
        {
            Vector<float> exponential = Activations.ExpOfNonPositive(LoadLanes(ref z, k) - max);
            if (storesExponentials)
            {
                StoreLanes(exponential, ref e, k);
            }

            sum += exponential;
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> LoadLanes(ref float region, int k) => Vector.LoadUnsafe(ref region, (nuint)(k * Vector<float>.Count));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreLanes(Vector<float> value, ref float region, int k) => Vector.StoreUnsafe(value, ref region, (nuint)(k * Vector<float>.Count));
}
