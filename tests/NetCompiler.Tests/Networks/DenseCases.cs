using System;
using System.Collections.Generic;

namespace NetCompiler.Tests.Networks;

/// <summary>The dense networks of <c>DenseNetworks.cs</c>, freshly constructed, as xUnit theory data.</summary>
public static class DenseCases
{
    private static readonly Func<NetworkUnderTest>[] Factories =
    [
        () => NetworkUnderTest.Of(new LinearSingle(seed: 1), LinearSingle.Infer),
        () => NetworkUnderTest.OfDouble(new LinearDouble(seed: 1), LinearDouble.Infer),
        () => NetworkUnderTest.Of(new SoftmaxClassifierSingle(seed: 2), SoftmaxClassifierSingle.Infer),
        () => NetworkUnderTest.OfDouble(new SoftmaxClassifierDouble(seed: 2), SoftmaxClassifierDouble.Infer),
        () => NetworkUnderTest.Of(new FourLayerSingle(seed: 3), FourLayerSingle.Infer),
        () => NetworkUnderTest.OfDouble(new FourLayerDouble(seed: 3), FourLayerDouble.Infer),
        () => NetworkUnderTest.Of(new SoftmaxSquaredErrorSingle(seed: 4), SoftmaxSquaredErrorSingle.Infer),
        () => NetworkUnderTest.OfDouble(new SoftmaxSquaredErrorDouble(seed: 4), SoftmaxSquaredErrorDouble.Infer),
        () => NetworkUnderTest.Of(new WideSingle(seed: 5), WideSingle.Infer),
        () => NetworkUnderTest.OfDouble(new WideDouble(seed: 5), WideDouble.Infer),
        () => NetworkUnderTest.OfDouble(new WideSoftmaxDouble(seed: 6), WideSoftmaxDouble.Infer),
        () => NetworkUnderTest.Of(new WideIntoSmallSingle(seed: 7), WideIntoSmallSingle.Infer),
        () => NetworkUnderTest.OfDouble(new WideIntoSmallDouble(seed: 7), WideIntoSmallDouble.Infer),
        () => NetworkUnderTest.Of(new EightInputRowsSingle(seed: 9), EightInputRowsSingle.Infer),
        () => NetworkUnderTest.OfDouble(new FourInputRowsDouble(seed: 9), FourInputRowsDouble.Infer),
        () => NetworkUnderTest.Of(new SixteenInputRowsSingle(seed: 15), SixteenInputRowsSingle.Infer),
        () => NetworkUnderTest.OfDouble(new SixteenInputRowsDouble(seed: 15), SixteenInputRowsDouble.Infer),
        () => NetworkUnderTest.Of(new FoldedRowsSingle(seed: 16), FoldedRowsSingle.Infer),
        () => NetworkUnderTest.Of(new TailFoldedRowsSingle(seed: 20), TailFoldedRowsSingle.Infer),
        () => NetworkUnderTest.Of(new NineInputRowsSingle(seed: 20), NineInputRowsSingle.Infer),
        () => NetworkUnderTest.Of(new FifteenInputRowsSingle(seed: 20), FifteenInputRowsSingle.Infer),
        () => NetworkUnderTest.Of(new TwentyInputRowsSingle(seed: 22), TwentyInputRowsSingle.Infer),
        () => NetworkUnderTest.Of(new ThirtyOneInputRowsSingle(seed: 22), ThirtyOneInputRowsSingle.Infer),
        () => NetworkUnderTest.Of(new SeventeenInputRowsSingle(seed: 22), SeventeenInputRowsSingle.Infer),
        () => NetworkUnderTest.Of(new TwentyFourInputRowsSingle(seed: 22), TwentyFourInputRowsSingle.Infer),
        () => NetworkUnderTest.Of(new TenClassHeadSingle(seed: 23), TenClassHeadSingle.Infer),
        () => NetworkUnderTest.Of(new TenClassFoldedSingle(seed: 23), TenClassFoldedSingle.Infer),
        () => NetworkUnderTest.Of(new WideLinearHeadSingle(seed: 23), WideLinearHeadSingle.Infer),
        () => NetworkUnderTest.OfDouble(new WideLinearHeadDouble(seed: 23), WideLinearHeadDouble.Infer),
        () => NetworkUnderTest.Of(new WideRowSumsSingle(seed: 17), WideRowSumsSingle.Infer),
        () => NetworkUnderTest.Of(new WideRowPairsSingle(seed: 17), WideRowPairsSingle.Infer),
        () => NetworkUnderTest.OfDouble(new WideRowSumsDouble(seed: 17), WideRowSumsDouble.Infer),
        () => NetworkUnderTest.Of(new WideColumnsSingle(seed: 18), WideColumnsSingle.Infer),
        () => NetworkUnderTest.Of(new WideReluColumnsSingle(seed: 18), WideReluColumnsSingle.Infer),
        () => NetworkUnderTest.Of(new WideAfterNarrowSingle(seed: 19), WideAfterNarrowSingle.Infer),
        () => NetworkUnderTest.Of(new SixWaySoftmaxSingle(seed: 10), SixWaySoftmaxSingle.Infer),
        () => NetworkUnderTest.Of(new FiveWaySoftmaxSingle(seed: 10), FiveWaySoftmaxSingle.Infer),
        () => NetworkUnderTest.Of(new KernelInputTailSingle(seed: 24), KernelInputTailSingle.Infer),
        () => NetworkUnderTest.Of(new ThirteenWaySoftmaxSingle(seed: 10), ThirteenWaySoftmaxSingle.Infer),
        () => NetworkUnderTest.Of(new SixteenWaySoftmaxSingle(seed: 10), SixteenWaySoftmaxSingle.Infer),
        () => NetworkUnderTest.Of(new SeventeenWaySoftmaxSingle(seed: 25), SeventeenWaySoftmaxSingle.Infer),
        () => NetworkUnderTest.Of(new TwentySixWaySoftmaxSingle(seed: 25), TwentySixWaySoftmaxSingle.Infer),
        () => NetworkUnderTest.Of(new HundredWaySoftmaxSingle(seed: 25), HundredWaySoftmaxSingle.Infer),
        () => NetworkUnderTest.Of(new LetterHeadOnKernelsSingle(seed: 25), LetterHeadOnKernelsSingle.Infer),
        () => NetworkUnderTest.OfDouble(new SixWaySoftmaxDouble(seed: 27), SixWaySoftmaxDouble.Infer),
        () => NetworkUnderTest.OfDouble(new TwentyOneWaySoftmaxDouble(seed: 27), TwentyOneWaySoftmaxDouble.Infer),
        () => NetworkUnderTest.OfDouble(new EighteenInputRowsDouble(seed: 28), EighteenInputRowsDouble.Infer),
        () => NetworkUnderTest.OfDouble(new ThirtyInputRowsDouble(seed: 28), ThirtyInputRowsDouble.Infer),
        () => NetworkUnderTest.OfDouble(new FoldedRowsDouble(seed: 29), FoldedRowsDouble.Infer),
        () => NetworkUnderTest.OfDouble(new SixteenFoldedRowsDouble(seed: 29), SixteenFoldedRowsDouble.Infer),
        () => NetworkUnderTest.OfDouble(new ThirtyOneFoldedRowsDouble(seed: 29), ThirtyOneFoldedRowsDouble.Infer),
        () => NetworkUnderTest.Of(new ThreeVectorKernelRowsSingle(seed: 30), ThreeVectorKernelRowsSingle.Infer),
        () => NetworkUnderTest.Of(new StackedKernelRowsSingle(seed: 30), StackedKernelRowsSingle.Infer),
        () => NetworkUnderTest.Of(new KernelRowsHeadSingle(seed: 30), KernelRowsHeadSingle.Infer),
        () => NetworkUnderTest.Of(new WidestKernelRowsSingle(seed: 30), WidestKernelRowsSingle.Infer),
        () => NetworkUnderTest.Of(new TailKernelRowsSingle(seed: 31), TailKernelRowsSingle.Infer),
        () => NetworkUnderTest.Of(new NineInputKernelRowsSingle(seed: 31), NineInputKernelRowsSingle.Infer),
        () => NetworkUnderTest.Of(new OneVectorKernelRowsSingle(seed: 31), OneVectorKernelRowsSingle.Infer),
        () => NetworkUnderTest.Of(new LongKernelRowsSingle(seed: 31), LongKernelRowsSingle.Infer),
        () => NetworkUnderTest.Of(new SigmoidKernelRowsSingle(seed: 32), SigmoidKernelRowsSingle.Infer),
        () => NetworkUnderTest.OfDouble(new SigmoidKernelRowsDouble(seed: 32), SigmoidKernelRowsDouble.Infer),
        () => NetworkUnderTest.OfDouble(new KernelRowsHeadDouble(seed: 32), KernelRowsHeadDouble.Infer),
        () => NetworkUnderTest.Of(new FourInputPairsSingle(seed: 11), FourInputPairsSingle.Infer),
        () => NetworkUnderTest.Of(new RowsOn512Single(seed: 12), RowsOn512Single.Infer),
        () => NetworkUnderTest.Of(new RowsOn512DeepSingle(seed: 12), RowsOn512DeepSingle.Infer),
        () => NetworkUnderTest.OfDouble(new RowsOn512Double(seed: 12), RowsOn512Double.Infer),
        () => NetworkUnderTest.Of(new VectorInputSingle(seed: 13), VectorInputSingle.Infer),
        () => NetworkUnderTest.OfDouble(new VectorInputDouble(seed: 13), VectorInputDouble.Infer),
        () => NetworkUnderTest.Of(new OneInputColumnSingle(seed: 14), OneInputColumnSingle.Infer),
        () => NetworkUnderTest.Of(new TwoInputColumnsSingle(seed: 14), TwoInputColumnsSingle.Infer),
        () => NetworkUnderTest.Of(new ThreeInputColumnsSingle(seed: 14), ThreeInputColumnsSingle.Infer),
        () => NetworkUnderTest.Of(new IdentityColumnsSingle(seed: 14), IdentityColumnsSingle.Infer),
        () => NetworkUnderTest.Of(new ReluColumnsSingle(seed: 14), ReluColumnsSingle.Infer),
    ];

    public static IEnumerable<object[]> All()
    {
        foreach (Func<NetworkUnderTest> factory in Factories)
        {
            yield return [new NamedFactory(factory)];
        }
    }

    public static IEnumerable<object[]> DoublePrecision()
    {
        foreach (Func<NetworkUnderTest> factory in Factories)
        {
            if (factory().IsDouble)
            {
                yield return [new NamedFactory(factory)];
            }
        }
    }

    /// <summary>A factory that shows the network's name in the test explorer.</summary>
    public sealed class NamedFactory(Func<NetworkUnderTest> create)
    {
        public NetworkUnderTest Create() => create();

        public override string ToString() => create().Name;
    }
}
