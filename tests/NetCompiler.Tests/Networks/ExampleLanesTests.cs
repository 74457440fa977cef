using System;
using System.Numerics;
using System.Reflection;

namespace NetCompiler.Tests.Networks;

/// <summary>
/// Networks of small dense layers run batches with examples in vector lanes exactly where
/// <c>Vector&lt;T&gt;</c> is 256 bits wide (the width of the one-example code they repeat), and not
/// otherwise; the results are the same either way (<see cref="TrainingTests"/>), so only this tells
/// that the fast path is the one taken.
/// </summary>
public class ExampleLanesTests
{
    [Fact]
    public void FloatBatchesRunInLanesOnTwoHundredFiftySixBitVectors() =>
        Assert.Equal(Vector<float>.Count == 8, ExamplesInLanes(typeof(FourInputPairsSingle)));

    [Fact]
    public void DoubleBatchesRunInLanesOnTwoHundredFiftySixBitVectors() =>
        Assert.Equal(Vector<double>.Count == 4, ExamplesInLanes(typeof(FourInputRowsDouble)));

    [Fact]
    public void NetworksWithLargeLayersHaveNoLanesPath() =>
        Assert.Null(CompiledLayers(typeof(WideSingle)).GetProperty("ExamplesInLanes", BindingFlags.NonPublic | BindingFlags.Static));

    private static bool ExamplesInLanes(Type network) =>
        (bool)CompiledLayers(network).GetProperty("ExamplesInLanes", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

    private static Type CompiledLayers(Type network) => network.GetNestedType("CompiledLayers", BindingFlags.NonPublic)!;
}
