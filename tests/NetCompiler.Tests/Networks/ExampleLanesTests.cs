using System;
using System.Numerics;
using System.Reflection;

namespace NetCompiler.Tests.Networks;

/// <summary>
/// Networks of small dense layers run batches with examples in vector lanes, as many per block as
/// <c>Vector&lt;T&gt;</c> has lanes, wherever it runs on vector instructions (at 128, 256 and 512 bits;
/// not where it runs in software); the results are the same either way (<see cref="TrainingTests"/>),
/// so only this tells that the fast path is the one taken.
/// </summary>
public class ExampleLanesTests
{
    [Fact]
    public void FloatBatchesRunInLanesOfVectorT()
    {
        Assert.Equal(Vector.IsHardwareAccelerated, ExamplesInLanes(typeof(FourInputPairsSingle)));
        Assert.Equal(Vector<float>.Count, Lanes(typeof(FourInputPairsSingle)));
    }

    [Fact]
    public void DoubleBatchesRunInLanesOfVectorT()
    {
        Assert.Equal(Vector.IsHardwareAccelerated, ExamplesInLanes(typeof(FourInputRowsDouble)));
        Assert.Equal(Vector<double>.Count, Lanes(typeof(FourInputRowsDouble)));
    }

    [Fact]
    public void NetworksWithLargeLayersHaveNoLanesPath() =>
        Assert.Null(CompiledLayers(typeof(WideSingle)).GetProperty("ExamplesInLanes", BindingFlags.NonPublic | BindingFlags.Static));

    private static bool ExamplesInLanes(Type network) =>
        (bool)CompiledLayers(network).GetProperty("ExamplesInLanes", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

    private static int Lanes(Type network) =>
        (int)CompiledLayers(network).GetProperty("Lanes", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

    private static Type CompiledLayers(Type network) => network.GetNestedType("CompiledLayers", BindingFlags.NonPublic)!;
}
