using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetCompiler;

/// <summary>
/// The gradient step of generated code over one region of a network's parameters and the gradients
/// accumulated for them: each value on its own, on the vectors of the width the caller picks and
/// a scalar tail, clearing the gradients it has used. The generated <c>Step</c> calls it with each
/// region's offset and length as constants. Written once here rather than in every generated network:
/// the JIT compiles it once per element and vector type, whichever assembly it lives in.
/// Public only because generated code lives in the user's assembly; not meant to be called directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class GradientDescent
{
    /// <summary>
    /// p := p − (α/m)·g, then g := 0, over <paramref name="count"/> values: one multiply-add per value,
    /// fused where the hardware fuses, in the vectors and the scalar tail alike, so the vector width
    /// never changes a bit.
    /// </summary>
    /// <param name="parameters">The first parameter of the region.</param>
    /// <param name="gradients">Its gradient.</param>
    /// <param name="count">Values in the region.</param>
    /// <param name="rate">α/m: the learning rate over the number of examples accumulated.</param>
    public static void Descend<T, TVector, V>(ref T parameters, ref T gradients, int count, T rate)
        where T : unmanaged, INumberBase<T>
        where TVector : struct
        where V : struct, ILanes<TVector, T>
        => Descend<T, TVector, V>(ref parameters, ref gradients, count, rate, skipZeroGradients: false);

    /// <summary>
    /// <see cref="Descend{T, TVector, V}(ref T, ref T, int, T)"/>, except that when α/m is finite and
    /// not negative (no sign bit), a vector of gradients that are all +0 leaves its parameters unread
    /// and both unwritten: p + (−α/m)·(+0) is p + (−0), which is p for every p, so its parameters
    /// already hold the result and its gradients are already cleared. For the weights of ReLU layers after one
    /// example, where the rows of the units that did not fire are +0 (about half of them), so that a
    /// step reads and writes about half as much memory, to the same bits.
    /// </summary>
    /// <inheritdoc cref="Descend{T, TVector, V}(ref T, ref T, int, T)"/>
    public static void DescendSkippingZeroGradients<T, TVector, V>(ref T parameters, ref T gradients, int count, T rate)
        where T : unmanaged, INumberBase<T>
        where TVector : struct
        where V : struct, ILanes<TVector, T>
        => Descend<T, TVector, V>(ref parameters, ref gradients, count, rate, skipZeroGradients: true);

    /// <summary>Whether p + (−α/m)·(+0) is p for every p: (−α/m)·(+0) is −0, which adds nothing to any p, only when −α/m is negative or −0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool LeavesZeroGradientsAlone<T>(T rate)
        where T : unmanaged, INumberBase<T>
        => T.IsFinite(rate) && !T.IsNegative(rate);

    /// <summary>The loop of both forms, compiled into each with <paramref name="skipZeroGradients"/> a constant.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Descend<T, TVector, V>(ref T parameters, ref T gradients, int count, T rate, bool skipZeroGradients)
        where T : unmanaged, INumberBase<T>
        where TVector : struct
        where V : struct, ILanes<TVector, T>
    {
        TVector negativeRate = V.Create(-rate);
        bool skip = skipZeroGradients && LeavesZeroGradientsAlone(rate);
        int i = 0;
        for (; i + V.Count <= count; i += V.Count)
        {
            TVector g = V.Load(ref gradients, i);
            if (skip && V.IsZero(g))
            {
                continue;
            }

            V.Store(V.MultiplyAdd(negativeRate, g, V.Load(ref parameters, i)), ref parameters, i);
            V.Store(V.Zero, ref gradients, i);
        }

        for (; i < count; i++)
        {
            ref T p = ref Unsafe.Add(ref parameters, i);
            ref T g = ref Unsafe.Add(ref gradients, i);
            p = MulAdd.OfScalar(-rate, g, p);
            g = T.Zero;
        }
    }

    /// <summary>
    /// p := p − α(g/m + λp), then g := 0, over <paramref name="count"/> weights, rounded operation by
    /// operation in the vectors and the scalar tail alike.
    /// </summary>
    /// <param name="parameters">The first weight of the region.</param>
    /// <param name="gradients">Its gradient.</param>
    /// <param name="count">Weights in the region.</param>
    /// <param name="inverseCount">1/m: one over the number of examples accumulated.</param>
    /// <param name="learningRate">α.</param>
    /// <param name="weightDecay">λ.</param>
    public static void DescendWithDecay<T, TVector, V>(ref T parameters, ref T gradients, int count, T inverseCount, T learningRate, T weightDecay)
        where T : unmanaged, INumberBase<T>
        where TVector : struct
        where V : struct, ILanes<TVector, T>
    {
        TVector m = V.Create(inverseCount);
        TVector alpha = V.Create(learningRate);
        TVector lambda = V.Create(weightDecay);
        int i = 0;
        for (; i + V.Count <= count; i += V.Count)
        {
            V.Store(DecayedStep<T, TVector, V>(V.Load(ref parameters, i), V.Load(ref gradients, i), m, alpha, lambda), ref parameters, i);
            V.Store(V.Zero, ref gradients, i);
        }

        for (; i < count; i++)
        {
            ref T p = ref Unsafe.Add(ref parameters, i);
            ref T g = ref Unsafe.Add(ref gradients, i);
            p = DecayedStep(p, g, inverseCount, learningRate, weightDecay);
            g = T.Zero;
        }
    }

    /// <summary>p − α(g/m + λp) on vectors, rounded operation by operation (m, α, λ broadcast).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector DecayedStep<T, TVector, V>(TVector p, TVector g, TVector m, TVector alpha, TVector lambda)
        where T : unmanaged, INumberBase<T>
        where TVector : struct
        where V : struct, ILanes<TVector, T>
        => V.Subtract(p, V.Multiply(alpha, V.Add(V.Multiply(g, m), V.Multiply(lambda, p))));

    /// <summary>p − α(g/m + λp) on one value, rounded as the vector form rounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T DecayedStep<T>(T p, T g, T inverseCount, T learningRate, T weightDecay)
        where T : unmanaged, INumberBase<T>
        => p - (learningRate * ((g * inverseCount) + (weightDecay * p)));
}
