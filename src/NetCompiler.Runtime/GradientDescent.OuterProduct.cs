using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetCompiler;

public static partial class GradientDescent
{
    /// <summary>
    /// The step after a single example whose gradient of one large dense layer was kept as its δ and a
    /// rather than added to ∇W: W := W − (α/m)·δaᵀ and b := b − (α/m)·δ, with each gradient rounded as
    /// <see cref="DenseBackward.Accumulate{T, TShape, TVector, V}"/> would have accumulated it from +0
    /// (a unit whose δ is ±0 adds nothing; otherwise 0 + δⱼaᵢ) and each step as <see cref="Descend{T, TVector, V}(ref T, ref T, int, T)"/>
    /// takes it, so the parameters get the same bits as from that accumulation and that step, while ∇W
    /// and ∇b (which the caller promises hold +0) are neither read nor written. Every row steps, with no
    /// branch on δ: for layers whose δ is seldom ±0 (every activation but ReLU).
    /// </summary>
    /// <param name="weights">The first weight of the layer: <paramref name="units"/> rows of <paramref name="inputs"/>.</param>
    /// <param name="biases">The first bias.</param>
    /// <param name="delta">δ of the example, one per unit.</param>
    /// <param name="input">a, the layer's input of the example.</param>
    /// <param name="units">Rows of W.</param>
    /// <param name="inputs">Weights in a row.</param>
    /// <param name="rate">α/m: the learning rate over the number of examples accumulated.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void DescendOuterProduct<T, TVector, V>(ref T weights, ref T biases, ref T delta, ref T input, int units, int inputs, T rate)
        where T : unmanaged, INumberBase<T>
        where TVector : struct
        where V : struct, ILanes<TVector, T>
    {
        // a unit whose δ is ±0 steps by +0, which 0 + δⱼaᵢ already is when every aᵢ is finite: then no
        // test on δ at all
        bool finite = FiniteValues.All(ref input, inputs);
        DescendBiases<T, TVector, V>(ref biases, ref delta, units, rate);
        for (int j = 0; j < units; j++)
        {
            T d = Unsafe.Add(ref delta, j);
            DescendRow<T, TVector, V>(ref Unsafe.Add(ref weights, j * inputs), d, ref input, inputs, rate, zeroGradient: !finite && T.IsZero(d));
        }
    }

    /// <summary>
    /// <see cref="DescendOuterProduct{T, TVector, V}"/> for a ReLU layer, where about half the units have
    /// a δ of ±0, at random. When α/m is finite and not negative and the rows are longer than one
    /// vector, those units are skipped: their rows are not read. Rows of one vector all step, which
    /// costs less than finding the units that fired.
    /// </summary>
    /// <inheritdoc cref="DescendOuterProduct{T, TVector, V}"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void DescendOuterProductSkippingZeroDeltas<T, TVector, V>(ref T weights, ref T biases, ref T delta, ref T input, int units, int inputs, T rate)
        where T : unmanaged, INumberBase<T>
        where TVector : struct
        where V : struct, ILanes<TVector, T>
    {
        if (inputs > V.Count && LeavesZeroGradientsAlone(rate))
        {
            DescendFiredRows<T, TVector, V>(ref weights, ref biases, ref delta, ref input, units, inputs, rate);
            return;
        }

        DescendOuterProduct<T, TVector, V>(ref weights, ref biases, ref delta, ref input, units, inputs, rate);
    }

    /// <summary>The step of <see cref="DescendOuterProductSkippingZeroDeltas{T, TVector, V}"/> over the units whose δ is not ±0 alone.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DescendFiredRows<T, TVector, V>(ref T weights, ref T biases, ref T delta, ref T input, int units, int inputs, T rate)
        where T : unmanaged, INumberBase<T>
        where TVector : struct
        where V : struct, ILanes<TVector, T>
    {
        Span<int> stepping = stackalloc int[FiredUnits.Chunk];
        for (int start = 0; start < units; start += FiredUnits.Chunk)
        {
            int count = FiredUnits.Collect(ref delta, start, units, stepping);
            for (int k = 0; k < count; k++)
            {
                int j = stepping[k];
                T d = Unsafe.Add(ref delta, j);
                ref T bias = ref Unsafe.Add(ref biases, j);
                bias = MulAdd.OfScalar(-rate, T.Zero + d, bias);
                DescendRow<T, TVector, V>(ref Unsafe.Add(ref weights, j * inputs), d, ref input, inputs, rate, zeroGradient: false);
            }
        }
    }

    /// <summary>
    /// <see cref="DescendOuterProduct{T, TVector, V}"/> with weight decay: W := W − α[(1/m)·δaᵀ + λW] and
    /// b := b − (α/m)·δ, each gradient rounded as accumulated from +0 and each step as
    /// <see cref="DescendWithDecay{T, TVector, V}"/> and <see cref="Descend{T, TVector, V}(ref T, ref T, int, T)"/>
    /// take it, ∇W and ∇b neither read nor written. Every row steps (the decay moves every weight).
    /// </summary>
    /// <param name="weights">The first weight of the layer: <paramref name="units"/> rows of <paramref name="inputs"/>.</param>
    /// <param name="biases">The first bias.</param>
    /// <param name="delta">δ of the example, one per unit.</param>
    /// <param name="input">a, the layer's input of the example.</param>
    /// <param name="units">Rows of W.</param>
    /// <param name="inputs">Weights in a row.</param>
    /// <param name="inverseCount">1/m: one over the number of examples accumulated.</param>
    /// <param name="learningRate">α.</param>
    /// <param name="weightDecay">λ.</param>
    public static void DescendOuterProductWithDecay<T, TVector, V>(ref T weights, ref T biases, ref T delta, ref T input, int units, int inputs, T inverseCount, T learningRate, T weightDecay)
        where T : unmanaged, INumberBase<T>
        where TVector : struct
        where V : struct, ILanes<TVector, T>
    {
        // the biases by α/m, their step per unit of gradient, as Step computes it
        DescendBiases<T, TVector, V>(ref biases, ref delta, units, learningRate * inverseCount);
        TVector m = V.Create(inverseCount);
        TVector alpha = V.Create(learningRate);
        TVector lambda = V.Create(weightDecay);
        // a δ of ±0 gives +0, as 0 + δⱼaᵢ already does when every aᵢ is finite
        bool finite = FiniteValues.All(ref input, inputs);
        for (int j = 0; j < units; j++)
        {
            T d = Unsafe.Add(ref delta, j);
            bool zeroGradient = !finite && T.IsZero(d);
            ref T row = ref Unsafe.Add(ref weights, j * inputs);
            TVector v = V.Create(d);
            int i = 0;
            for (; i + V.Count <= inputs; i += V.Count)
            {
                TVector g = FromZero<T, TVector, V>(v, V.Load(ref input, i), zeroGradient);
                V.Store(DecayedStep<T, TVector, V>(V.Load(ref row, i), g, m, alpha, lambda), ref row, i);
            }

            for (; i < inputs; i++)
            {
                ref T p = ref Unsafe.Add(ref row, i);
                p = DecayedStep(p, FromZero(d, Unsafe.Add(ref input, i), zeroGradient), inverseCount, learningRate, weightDecay);
            }
        }
    }

    /// <summary>b := b − (α/m)·(0 + δ) for every unit: each bias by its gradient accumulated from +0, a vector of units at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DescendBiases<T, TVector, V>(ref T biases, ref T delta, int units, T rate)
        where T : unmanaged, INumberBase<T>
        where TVector : struct
        where V : struct, ILanes<TVector, T>
    {
        TVector negativeRate = V.Create(-rate);
        int j = 0;
        for (; j + V.Count <= units; j += V.Count)
        {
            V.Store(V.MultiplyAdd(negativeRate, V.Add(V.Zero, V.Load(ref delta, j)), V.Load(ref biases, j)), ref biases, j);
        }

        for (; j < units; j++)
        {
            ref T bias = ref Unsafe.Add(ref biases, j);
            bias = MulAdd.OfScalar(-rate, T.Zero + Unsafe.Add(ref delta, j), bias);
        }
    }

    /// <summary>
    /// One unit's row of weights steps by its gradient accumulated from +0: +0 when
    /// <paramref name="zeroGradient"/> (a δ of ±0 adds nothing), otherwise 0 + δⱼaᵢ.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DescendRow<T, TVector, V>(ref T row, T d, ref T input, int inputs, T rate, bool zeroGradient)
        where T : unmanaged, INumberBase<T>
        where TVector : struct
        where V : struct, ILanes<TVector, T>
    {
        TVector negativeRate = V.Create(-rate);
        TVector v = V.Create(d);
        int i = 0;
        for (; i + V.Count <= inputs; i += V.Count)
        {
            TVector g = FromZero<T, TVector, V>(v, V.Load(ref input, i), zeroGradient);
            V.Store(V.MultiplyAdd(negativeRate, g, V.Load(ref row, i)), ref row, i);
        }

        for (; i < inputs; i++)
        {
            ref T p = ref Unsafe.Add(ref row, i);
            p = MulAdd.OfScalar(-rate, FromZero(d, Unsafe.Add(ref input, i), zeroGradient), p);
        }
    }

    /// <summary>
    /// δⱼaᵢ as the one-example kernel accumulates it into a gradient of +0, on vectors: +0 for a δ of
    /// ±0 (<paramref name="zeroGradient"/>: the kernel skips the unit), else 0 + δⱼaᵢ in one multiply-add.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector FromZero<T, TVector, V>(TVector d, TVector a, bool zeroGradient)
        where T : unmanaged, INumberBase<T>
        where TVector : struct
        where V : struct, ILanes<TVector, T>
        => zeroGradient ? V.Zero : V.MultiplyAdd(d, a, V.Zero);

    /// <summary>δⱼaᵢ accumulated into +0 on one value (the kernels' scalar tails): +0 when <paramref name="zeroGradient"/>, else 0 + δⱼaᵢ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T FromZero<T>(T d, T a, bool zeroGradient)
        where T : unmanaged, INumberBase<T>
        => zeroGradient ? T.Zero : T.Zero + (d * a);
}
