using System;
using System.Linq;
using System.Numerics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetCompiler.Tests.Dense;

/// <summary>
/// The runtime's dense kernels (<see cref="DenseForward"/>, <see cref="DenseBackward"/>) on their own,
/// for shapes the benchmark networks do not have: 13 × 37 (eight-row blocks, four rows and a single
/// row, four-row blocks and a row left over, a tail past the whole vectors at every width), 34 × 272
/// (the 512-bit form where the CPU has it: pairs of vectors and an odd one, two rows left over),
/// 35 × 256 (the 512-bit form with pairs of vectors only and an odd number of rows), 33 × 48 (rows
/// too short for that form in floats) and, for the forward pass in doubles, 13 × 37, 33 × 48 and
/// 33 × 136 (the 512-bit form, pairs only and pairs and an odd vector). Each kernel against the
/// formula computed in double, and every batch form against one example at a time, bit for bit,
/// with strides wider than a row and values that make another order round differently.
/// </summary>
public class DenseKernelsTests
{
    [Fact]
    public void ForwardIsTheFormula()
    {
        CheckForward<float, Odd>();
        CheckForward<float, Wide>();
        CheckForward<float, WideOdd>();
        CheckForward<float, WideShortRows>();
        CheckForward<double, Odd>();
        CheckForward<double, WideShortRows>();
        CheckForward<double, WideOfDoubles>();
    }

    [Fact]
    public void ForwardBatchEqualsOneExampleAtATime()
    {
        CheckForwardBatch<float, Odd>();
        CheckForwardBatch<float, Wide>();
        CheckForwardBatch<float, WideOdd>();
        CheckForwardBatch<float, WideShortRows>();
        CheckForwardBatch<double, Odd>();
        CheckForwardBatch<double, WideShortRows>();
        CheckForwardBatch<double, WideOfDoubles>();
    }

    /// <summary>
    /// One example on 512-bit vectors has the same bits whether its rows are read one at a time or two
    /// side by side (<see cref="RowStreams"/> picks one for the core): shapes with pairs of vectors
    /// and an odd one, pairs only and an odd number of rows, and doubles.
    /// </summary>
    [Fact]
    public void OneExampleOn512BitsHasTheSameBitsOneRowOrTwoAtATime()
    {
        CheckRowsOneOrTwoAtATime<float, Wide>();
        CheckRowsOneOrTwoAtATime<float, WideOdd>();
        CheckRowsOneOrTwoAtATime<double, WideOfDoubles>();
    }

    /// <summary>
    /// An infinite weight in every row, among the values a row's whole vectors cover and its last,
    /// overlapping vector reads again: each z is that infinity, not NaN (the overlap adds exactly +0).
    /// </summary>
    [Fact]
    public void AnInfiniteWeightGivesAnInfiniteSum()
    {
        var random = new Random(5);
        int covered = Odd.Inputs - (Odd.Inputs % 8) - 1;
        float[] w = Values<float>(random, Odd.Units * Odd.Inputs);
        float[] b = Values<float>(random, Odd.Units);
        float[] x = Values<float>(random, Odd.Inputs).Select(Math.Abs).ToArray();
        for (int j = 0; j < Odd.Units; j++)
        {
            w[(j * Odd.Inputs) + covered] = float.PositiveInfinity;
        }

        float[] one = new float[Odd.PaddedUnits];
        float[] batch = new float[2 * Odd.PaddedUnits];
        DenseForward.One<float, Odd>(ref w[0], ref b[0], ref x[0], ref one[0]);
        DenseForward.Batch<float, Odd>(ref w[0], ref b[0], ref x.Concat(x).ToArray()[0], Odd.Inputs, ref batch[0], 2);

        Assert.All(one.Take(Odd.Units), z => Assert.Equal(float.PositiveInfinity, z));
        Assert.All(batch.Take(Odd.Units).Concat(batch.Skip(Odd.PaddedUnits).Take(Odd.Units)), z => Assert.Equal(float.PositiveInfinity, z));
    }

    [Fact]
    public void BackpropagateIsTheFormula()
    {
        CheckBackpropagate<Odd, Vector<float>, Lanes<float>>();
        CheckBackpropagate<Wide, Vector<float>, Lanes<float>>();
        CheckBackpropagate<Odd, Vector512<float>, Lanes512<float>>();
        CheckBackpropagate<Wide, Vector512<float>, Lanes512<float>>();
    }

    [Fact]
    public void PropagateWritesWhatBackpropagateWrites()
    {
        CheckPropagate<Odd, Vector<float>, Lanes<float>>();
        CheckPropagate<Wide, Vector<float>, Lanes<float>>();
        CheckPropagate<Odd, Vector512<float>, Lanes512<float>>();
        CheckPropagate<Wide, Vector512<float>, Lanes512<float>>();
    }

    [Fact]
    public void DescendOuterProductIsTheStepAfterAccumulatingFromZero()
    {
        CheckDescendOuterProduct<Odd, Vector<float>, Lanes<float>>();
        CheckDescendOuterProduct<Wide, Vector<float>, Lanes<float>>();
        CheckDescendOuterProduct<OneVectorRows, Vector<float>, Lanes<float>>();
        CheckDescendOuterProduct<Odd, Vector512<float>, Lanes512<float>>();
        CheckDescendOuterProduct<Wide, Vector512<float>, Lanes512<float>>();
        CheckDescendOuterProduct<OneVectorRows, Vector512<float>, Lanes512<float>>();
    }

    [Fact]
    public void DescendOuterProductWithDecayIsTheStepAfterAccumulatingFromZero()
    {
        CheckDescendOuterProductWithDecay<Odd, Vector<float>, Lanes<float>>();
        CheckDescendOuterProductWithDecay<Wide, Vector<float>, Lanes<float>>();
        CheckDescendOuterProductWithDecay<OneVectorRows, Vector<float>, Lanes<float>>();
        CheckDescendOuterProductWithDecay<Odd, Vector512<float>, Lanes512<float>>();
        CheckDescendOuterProductWithDecay<Wide, Vector512<float>, Lanes512<float>>();
        CheckDescendOuterProductWithDecay<OneVectorRows, Vector512<float>, Lanes512<float>>();
    }

    [Fact]
    public void BackwardBatchEqualsOneExampleAtATime()
    {
        CheckBackwardBatch<Odd, Vector<float>, Lanes<float>>();
        CheckBackwardBatch<Wide, Vector<float>, Lanes<float>>();
        CheckBackwardBatch<Odd, Vector512<float>, Lanes512<float>>();
        CheckBackwardBatch<Wide, Vector512<float>, Lanes512<float>>();
    }

    /// <summary>The JIT compiles these once per layer: like the generated methods, each stays far below the size where it stops optimising.</summary>
    [Fact]
    public void KernelsAreSmallMethods()
    {
        var methods = new[] { typeof(DenseForward), typeof(DenseBackward) }
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(method => (method.Name, Size: method.GetMethodBody()!.GetILAsByteArray()!.Length))
            .ToArray();
        Assert.Contains(methods, method => method.Name == nameof(DenseForward.Batch));
        Assert.All(methods, method => Assert.True(method.Size < 4 * 1024, method.Name + " has " + method.Size + " bytes of IL"));
    }

    private static void CheckForward<T, TShape>()
        where T : unmanaged, IFloatingPointIeee754<T>
        where TShape : struct, IDenseShape
    {
        var random = new Random(TShape.Units);
        (T[] w, T[] b) = RandomLayer<T, TShape>(random);
        T[] x = Values<T>(random, TShape.Inputs);
        T[] z = Enumerable.Repeat(T.NaN, TShape.PaddedUnits).ToArray();

        DenseForward.One<T, TShape>(ref w[0], ref b[0], ref x[0], ref z[0]);

        for (int j = 0; j < TShape.Units; j++)
        {
            double expected = double.CreateChecked(b[j]);
            double magnitude = Math.Abs(expected);
            for (int i = 0; i < TShape.Inputs; i++)
            {
                double product = double.CreateChecked(w[(j * TShape.Inputs) + i]) * double.CreateChecked(x[i]);
                expected += product;
                magnitude += Math.Abs(product);
            }

            double actual = double.CreateChecked(z[j]);
            Assert.True(Math.Abs(actual - expected) <= SumTolerance<T>(TShape.Inputs + 1, magnitude), $"z[{j}] = {actual}, expected {expected}");
        }

        AssertOnlyZerosPastOutputs(z, TShape.Units);
    }

    private static void CheckRowsOneOrTwoAtATime<T, TShape>()
        where T : unmanaged, IFloatingPointIeee754<T>
        where TShape : struct, IDenseShape
    {
        var random = new Random(3 * TShape.Units);
        (T[] w, T[] b) = RandomLayer<T, TShape>(random);
        T[] x = Values<T>(random, TShape.Inputs);
        T[] oneAtATime = new T[TShape.PaddedUnits];
        T[] twoAtATime = new T[TShape.PaddedUnits];

        DenseForward.OneOn512<T, TShape>(ref w[0], ref b[0], ref x[0], ref oneAtATime[0], oneAtATime: true);
        DenseForward.OneOn512<T, TShape>(ref w[0], ref b[0], ref x[0], ref twoAtATime[0], oneAtATime: false);

        Assert.Equal(Bits(twoAtATime), Bits(oneAtATime));
        Assert.Contains(oneAtATime.Take(TShape.Units), z => !T.IsZero(z));
    }

    /// <summary>W and b of a layer of <typeparamref name="TShape"/>, drawn from <paramref name="random"/>.</summary>
    private static (T[] W, T[] B) RandomLayer<T, TShape>(Random random)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TShape : struct, IDenseShape =>
        (Values<T>(random, TShape.Units * TShape.Inputs), Values<T>(random, TShape.Units));

    /// <summary>Past the outputs (NaN before the call) only +0, up to the next whole 256-bit vector (the last rows' sums are stored as one), and nothing further.</summary>
    private static void AssertOnlyZerosPastOutputs<T>(T[] z, int units)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int vectorEnd = (units + 7) / 8 * 8;
        for (int k = units; k < z.Length; k++)
        {
            Assert.True(T.IsNaN(z[k]) || (k < vectorEnd && T.IsZero(z[k]) && T.IsPositive(z[k])), $"z[{k}] = {z[k]}, past the layer's outputs");
        }
    }

    private static void CheckForwardBatch<T, TShape>()
        where T : unmanaged, IFloatingPointIeee754<T>
        where TShape : struct, IDenseShape
    {
        var random = new Random(7 * TShape.Units);
        (T[] w, T[] b) = RandomLayer<T, TShape>(random);
        int inputStride = TShape.Inputs + 3;
        foreach (int count in new[] { 1, 2, 3, 5 })
        {
            T[] inputs = Values<T>(random, count * inputStride);
            T[] batch = Enumerable.Repeat(T.NaN, count * TShape.PaddedUnits).ToArray();
            DenseForward.Batch<T, TShape>(ref w[0], ref b[0], ref inputs[0], inputStride, ref batch[0], count);

            for (int n = 0; n < count; n++)
            {
                T[] one = Enumerable.Repeat(T.NaN, TShape.PaddedUnits).ToArray();
                DenseForward.One<T, TShape>(ref w[0], ref b[0], ref inputs[n * inputStride], ref one[0]);
                T[] row = batch.AsSpan(n * TShape.PaddedUnits, TShape.PaddedUnits).ToArray();
                Assert.Equal(Bits(one[..TShape.Units]), Bits(row[..TShape.Units]));
                AssertOnlyZerosPastOutputs(row, TShape.Units);
            }
        }
    }

    private static void CheckBackpropagate<TShape, TVector, V>()
        where TShape : struct, IDenseShape
        where TVector : struct
        where V : struct, ILanes<TVector, float>
    {
        var random = new Random(3 * TShape.Units);
        float[] w = Values<float>(random, TShape.Units * TShape.Inputs);
        float[] x = Values<float>(random, TShape.Inputs);
        float[] delta = Deltas(random, TShape.Units);
        float[] gw = Values<float>(random, w.Length);
        float[] gb = Values<float>(random, TShape.Units);
        float[] gwBefore = gw.ToArray();
        float[] gbBefore = gb.ToArray();
        float[] inputDelta = Enumerable.Repeat(float.NaN, TShape.PaddedInputs).ToArray();

        DenseBackward.Backpropagate<float, TShape, TVector, V>(ref w[0], ref gw[0], ref gb[0], ref delta[0], ref x[0], ref inputDelta[0]);

        for (int j = 0; j < TShape.Units; j++)
        {
            Assert.Equal(gbBefore[j] + delta[j], gb[j]);
            for (int i = 0; i < TShape.Inputs; i++)
            {
                int k = (j * TShape.Inputs) + i;
                double term = (double)delta[j] * x[i];
                Assert.True(Math.Abs(gw[k] - (gwBefore[k] + term)) <= SumTolerance<float>(2, Math.Abs(gwBefore[k]) + Math.Abs(term)), $"∇W[{j}, {i}]");
            }
        }

        for (int i = 0; i < TShape.Inputs; i++)
        {
            double expected = Enumerable.Range(0, TShape.Units).Sum(j => (double)w[(j * TShape.Inputs) + i] * delta[j]);
            double magnitude = Enumerable.Range(0, TShape.Units).Sum(j => Math.Abs((double)w[(j * TShape.Inputs) + i] * delta[j]));
            Assert.True(Math.Abs(inputDelta[i] - expected) <= SumTolerance<float>(TShape.Units, magnitude), $"dJ/da[{i}] = {inputDelta[i]}, expected {expected}");
        }

        Assert.All(inputDelta.Skip(TShape.Inputs), value => Assert.Equal(0f, value));
    }

    /// <summary>dJ/da from <see cref="DenseBackward.Propagate"/>, which takes no gradient, has the bits <see cref="DenseBackward.Backpropagate"/> writes, every padded value included.</summary>
    private static void CheckPropagate<TShape, TVector, V>()
        where TShape : struct, IDenseShape
        where TVector : struct
        where V : struct, ILanes<TVector, float>
    {
        var random = new Random(5 * TShape.Units);
        float[] w = Values<float>(random, TShape.Units * TShape.Inputs);
        float[] x = Values<float>(random, TShape.Inputs);
        float[] delta = Deltas(random, TShape.Units);
        float[] gw = new float[w.Length];
        float[] gb = new float[TShape.Units];
        float[] backpropagated = Enumerable.Repeat(float.NaN, TShape.PaddedInputs).ToArray();
        float[] propagated = Enumerable.Repeat(float.NaN, TShape.PaddedInputs).ToArray();

        DenseBackward.Backpropagate<float, TShape, TVector, V>(ref w[0], ref gw[0], ref gb[0], ref delta[0], ref x[0], ref backpropagated[0]);
        DenseBackward.Propagate<float, TShape, TVector, V>(ref w[0], ref delta[0], ref propagated[0]);

        Assert.Equal(Bits(backpropagated), Bits(propagated));
    }

    /// <summary>
    /// <see cref="GradientDescent.DescendOuterProduct"/> and <see cref="GradientDescent.DescendOuterProductSkippingZeroDeltas"/>
    /// leave W and b with the bits that accumulating the example into +0 gradients
    /// (<see cref="DenseBackward.Accumulate"/>) and then descending them
    /// (<see cref="GradientDescent.Descend{T, TVector, V}(ref T, ref T, int, T)"/>) give, at rates that skip the units whose δ is zero
    /// and at rates that may not (negative, zero, infinite), with each kind of input of <see cref="OuterProductExample"/>.
    /// </summary>
    private static void CheckDescendOuterProduct<TShape, TVector, V>()
        where TShape : struct, IDenseShape
        where TVector : struct
        where V : struct, ILanes<TVector, float>
    {
        foreach (bool skipping in new[] { false, true })
        {
            foreach (OuterProductInput input in Enum.GetValues<OuterProductInput>())
            {
                foreach (float rate in new[] { 0.0371f, -0.25f, 0f, float.PositiveInfinity })
                {
                    (float[] w, float[] b, float[] x, float[] delta, float[] expectedW, float[] expectedB, float[] gw, float[] gb) = AccumulatedExample<TShape, TVector, V>(7 * TShape.Units, input);
                    GradientDescent.Descend<float, TVector, V>(ref expectedW[0], ref gw[0], w.Length, rate);
                    GradientDescent.Descend<float, TVector, V>(ref expectedB[0], ref gb[0], b.Length, rate);

                    if (skipping)
                    {
                        GradientDescent.DescendOuterProductSkippingZeroDeltas<float, TVector, V>(ref w[0], ref b[0], ref delta[0], ref x[0], TShape.Units, TShape.Inputs, rate);
                    }
                    else
                    {
                        GradientDescent.DescendOuterProduct<float, TVector, V>(ref w[0], ref b[0], ref delta[0], ref x[0], TShape.Units, TShape.Inputs, rate);
                    }

                    string context = $"{typeof(TShape).Name}, {typeof(V).Name}, skipping {skipping}, {input} input, α/m = {rate}";
                    Assert.True(SameBits(expectedW, w), context + ": W");
                    Assert.True(SameBits(expectedB, b), context + ": b");
                }
            }
        }
    }

    /// <summary>
    /// <see cref="GradientDescent.DescendOuterProductWithDecay"/> leaves W and b with the bits that
    /// accumulating the example into +0 gradients and then stepping with decay
    /// (<see cref="GradientDescent.DescendWithDecay"/> for W, the plain step for b) give: the same
    /// special values (<see cref="OuterProductExample"/>), at two learning rates and λ = 0.0013, m = 3.
    /// </summary>
    private static void CheckDescendOuterProductWithDecay<TShape, TVector, V>()
        where TShape : struct, IDenseShape
        where TVector : struct
        where V : struct, ILanes<TVector, float>
    {
        const float inverseCount = 1f / 3;
        const float weightDecay = 0.0013f;
        foreach (OuterProductInput input in Enum.GetValues<OuterProductInput>())
        {
            foreach (float learningRate in new[] { 0.05f, -0.25f })
            {
                (float[] w, float[] b, float[] x, float[] delta, float[] expectedW, float[] expectedB, float[] gw, float[] gb) = AccumulatedExample<TShape, TVector, V>(9 * TShape.Units, input);
                GradientDescent.DescendWithDecay<float, TVector, V>(ref expectedW[0], ref gw[0], w.Length, inverseCount, learningRate, weightDecay);
                GradientDescent.Descend<float, TVector, V>(ref expectedB[0], ref gb[0], b.Length, learningRate * inverseCount);

                GradientDescent.DescendOuterProductWithDecay<float, TVector, V>(ref w[0], ref b[0], ref delta[0], ref x[0], TShape.Units, TShape.Inputs, inverseCount, learningRate, weightDecay);

                string context = $"{typeof(TShape).Name}, {typeof(V).Name}, {input} input, α = {learningRate}";
                Assert.True(SameBits(expectedW, w), context + ": W");
                Assert.True(SameBits(expectedB, b), context + ": b");
            }
        }
    }

    /// <summary>
    /// An <see cref="OuterProductExample"/> (from <paramref name="seed"/>), its gradient accumulated into
    /// +0 by the one-example kernel (∇W, ∇b), and copies of W and b for the expected step to take.
    /// </summary>
    private static (float[] W, float[] B, float[] X, float[] Delta, float[] ExpectedW, float[] ExpectedB, float[] GW, float[] GB) AccumulatedExample<TShape, TVector, V>(int seed, OuterProductInput input)
        where TShape : struct, IDenseShape
        where TVector : struct
        where V : struct, ILanes<TVector, float>
    {
        (float[] w, float[] b, float[] x, float[] delta) = OuterProductExample<TShape>(new Random(seed), input);
        float[] gw = new float[w.Length];
        float[] gb = new float[TShape.Units];
        DenseBackward.Accumulate<float, TShape, TVector, V>(ref gw[0], ref gb[0], ref delta[0], ref x[0]);
        return (w, b, x, delta, w.ToArray(), b.ToArray(), gw, gb);
    }

    /// <summary>
    /// W, b, a and δ of one example for the outer-product steps, with the values that make their bits
    /// matter: −0 weights and biases, a −0 input, a δ that is NaN, subnormal or −0, and as
    /// <paramref name="input"/> says an infinite input early in the row or a NaN as its last (which a
    /// unit whose δ is zero must not multiply: 0·∞ and 0·NaN are NaN).
    /// </summary>
    private static (float[] W, float[] B, float[] X, float[] Delta) OuterProductExample<TShape>(Random random, OuterProductInput input)
        where TShape : struct, IDenseShape
    {
        float[] w = Values<float>(random, TShape.Units * TShape.Inputs);
        float[] b = Values<float>(random, TShape.Units);
        float[] x = Values<float>(random, TShape.Inputs);
        float[] delta = Deltas(random, TShape.Units);
        for (int k = 0; k < w.Length; k += 5)
        {
            w[k] = -0f;
        }

        // a −0 bias whose δ is −0 keeps its sign only if its gradient is 0 + δ = +0, not δ itself: one
        // in the biases' first vector, one in their scalar tail
        b[1] = -0f;
        b[TShape.Units - 1] = -0f;
        x[4] = -0f;
        if (input == OuterProductInput.InfiniteEarly)
        {
            x[3] = float.PositiveInfinity;
        }
        else if (input == OuterProductInput.NaNLast)
        {
            x[TShape.Inputs - 1] = float.NaN;
        }

        delta[1] = -0f;
        delta[2] = float.NaN;
        delta[5] = float.Epsilon;
        delta[TShape.Units - 1] = -0f;
        return (w, b, x, delta);
    }

    /// <summary>The inputs of <see cref="OuterProductExample"/>: all finite, or one not, in a row's first vector or in its last value.</summary>
    private enum OuterProductInput
    {
        Finite,
        InfiniteEarly,
        NaNLast,
    }

    /// <summary>The same bits, any NaN as any NaN.</summary>
    private static bool SameBits(float[] expected, float[] actual) =>
        expected.Zip(actual).All(pair => float.IsNaN(pair.First) ? float.IsNaN(pair.Second) : BitConverter.SingleToInt32Bits(pair.First) == BitConverter.SingleToInt32Bits(pair.Second));

    private static void CheckBackwardBatch<TShape, TVector, V>()
        where TShape : struct, IDenseShape
        where TVector : struct
        where V : struct, ILanes<TVector, float>
    {
        var random = new Random(5 * TShape.Units);
        float[] w = Values<float>(random, TShape.Units * TShape.Inputs);
        int inputStride = TShape.Inputs + 5;
        foreach ((int count, bool infinite) in new[] { (1, false), (3, false), (6, false), (5, true) })
        {
            float[] inputs = Values<float>(random, count * inputStride);
            if (infinite)
            {
                // an infinite input: a unit that did not fire must still add nothing (0 × ∞ would be NaN)
                inputs[(2 * inputStride) + 5] = float.PositiveInfinity;
            }

            float[] deltas = Enumerable.Range(0, count).SelectMany(_ => Deltas(random, TShape.Units).Concat(new float[TShape.PaddedUnits - TShape.Units])).ToArray();
            float[] gw = Values<float>(random, w.Length);
            float[] gb = Values<float>(random, TShape.Units);

            // one example at a time
            float[] gwOne = gw.ToArray();
            float[] gbOne = gb.ToArray();
            float[] inputDeltasOne = new float[count * TShape.PaddedInputs];
            for (int n = 0; n < count; n++)
            {
                DenseBackward.Backpropagate<float, TShape, TVector, V>(
                    ref w[0], ref gwOne[0], ref gbOne[0], ref deltas[n * TShape.PaddedUnits], ref inputs[n * inputStride], ref inputDeltasOne[n * TShape.PaddedInputs]);
            }

            float[] gwBatch = gw.ToArray();
            float[] gbBatch = gb.ToArray();
            float[] inputDeltasBatch = Enumerable.Repeat(float.NaN, count * TShape.PaddedInputs).ToArray();
            DenseBackward.BackpropagateBatch<float, TShape, TVector, V>(ref w[0], ref gwBatch[0], ref gbBatch[0], ref deltas[0], ref inputs[0], inputStride, ref inputDeltasBatch[0], count);
            Assert.Equal(Bits(gwOne), Bits(gwBatch));
            Assert.Equal(Bits(gbOne), Bits(gbBatch));
            Assert.Equal(Bits(inputDeltasOne), Bits(inputDeltasBatch));

            float[] gwAccumulated = gw.ToArray();
            float[] gbAccumulated = gb.ToArray();
            DenseBackward.AccumulateBatch<float, TShape, TVector, V>(ref gwAccumulated[0], ref gbAccumulated[0], ref deltas[0], ref inputs[0], inputStride, count);
            Assert.Equal(Bits(gwOne), Bits(gwAccumulated));
            Assert.Equal(Bits(gbOne), Bits(gbAccumulated));

            float[] gwAlone = gw.ToArray();
            float[] gbAlone = gb.ToArray();
            for (int n = 0; n < count; n++)
            {
                DenseBackward.Accumulate<float, TShape, TVector, V>(ref gwAlone[0], ref gbAlone[0], ref deltas[n * TShape.PaddedUnits], ref inputs[n * inputStride]);
            }

            Assert.Equal(Bits(gwOne), Bits(gwAlone));
            Assert.Equal(Bits(gbOne), Bits(gbAlone));
        }
    }

    /// <summary>
    /// The rounding bound of a sum of <paramref name="terms"/> products in T, each rounded, whatever
    /// the order and whether the multiply-adds fuse: (terms + 1) units of roundoff (the gap below 1:
    /// 2⁻²⁴ for float, 2⁻⁵³ for double) of Σ|product| (the classical γₙ bound, with one unit to spare).
    /// </summary>
    private static double SumTolerance<T>(int terms, double magnitude)
        where T : IFloatingPointIeee754<T> =>
        (terms + 1) * double.CreateChecked(T.One - T.BitDecrement(T.One)) * magnitude;

    /// <summary>Values of very different sizes, so that adding them in another order rounds differently.</summary>
    private static T[] Values<T>(Random random, int count)
        where T : INumberBase<T> =>
        Enumerable.Range(0, count).Select(_ => T.CreateChecked((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 2)))).ToArray();

    /// <summary>δ with some units that did not fire: every third block of four rows all zero, and single zeros elsewhere.</summary>
    private static float[] Deltas(Random random, int units)
    {
        float[] delta = Values<float>(random, units);
        for (int j = 0; j < units; j++)
        {
            if ((j / 4) % 3 == 1 || random.Next(5) == 0)
            {
                delta[j] = 0;
            }
        }

        return delta;
    }

    private static byte[] Bits<T>(T[] values)
        where T : unmanaged =>
        MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    /// <summary>Eight-row blocks and five single rows one example at a time; three four-row blocks and one row for a batch; 37 inputs leave a scalar tail at every width.</summary>
    private readonly struct Odd : IDenseShape
    {
        public static int Units => 13;

        public static int Inputs => 37;

        public static int PaddedUnits => 16;

        public static int PaddedInputs => 48;
    }

    /// <summary>An odd number of rows, at least 32, and sixteen 512-bit vectors of inputs: the 512-bit form where the CPU has it with pairs of vectors only, a row left over after the pairs of rows of one example and three after the four-row blocks of a batch.</summary>
    private readonly struct WideOdd : IDenseShape
    {
        public static int Units => 35;

        public static int Inputs => 256;

        public static int PaddedUnits => 48;

        public static int PaddedInputs => 256;
    }

    /// <summary>At least 32 rows and seventeen 512-bit vectors of inputs: the 512-bit form where the CPU has it (pairs of vectors and an odd one), two rows left over in a batch.</summary>
    /// <summary>Rows of eight: one vector where <c>Vector&lt;float&gt;</c> is 256 bits, a scalar tail alone on 512 bits; every row steps in the ReLU form.</summary>
    private readonly struct OneVectorRows : IDenseShape
    {
        public static int Units => 11;

        public static int Inputs => 8;

        public static int PaddedUnits => 16;

        public static int PaddedInputs => 8;
    }

    private readonly struct Wide : IDenseShape
    {
        public static int Units => 34;

        public static int Inputs => 272;

        public static int PaddedUnits => 48;

        public static int PaddedInputs => 272;
    }

    /// <summary>At least 32 rows and seventeen 512-bit vectors of doubles (136 inputs): the 512-bit form for doubles where the CPU has it (pairs of vectors and an odd one), one row left over after the pairs and the four-row blocks.</summary>
    private readonly struct WideOfDoubles : IDenseShape
    {
        public static int Units => 33;

        public static int Inputs => 136;

        public static int PaddedUnits => 48;

        public static int PaddedInputs => 144;
    }

    /// <summary>At least 32 rows of three 512-bit float vectors, too short for the 512-bit form where floats run on 256-bit <see cref="Vector{T}"/> (eight-row blocks and one row left over); six vectors of doubles, which take the 512-bit form (pairs only, one row left over).</summary>
    private readonly struct WideShortRows : IDenseShape
    {
        public static int Units => 33;

        public static int Inputs => 48;

        public static int PaddedUnits => 48;

        public static int PaddedInputs => 48;
    }
}
