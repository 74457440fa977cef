namespace NetCompiler.Generators.Tests;

/// <summary>
/// Which vector width a large layer's training kernels take: the caller's (512 bits where the CPU
/// has them at full speed) only where the layer's rows are a whole number of 512-bit vectors, else
/// always <c>Vector&lt;T&gt;</c>, which leaves fewer of a row's values to the kernels' scalar loop
/// (see <c>VectorLanes.ForRowsOf</c>). Every kernel of the layer, one example, batch and the pending
/// example's step, takes the same width.
/// </summary>
public class KernelWidthTests
{
    [Theory]
    [InlineData("float", 10, false)]
    [InlineData("float", 24, false)]
    [InlineData("float", 32, true)]
    [InlineData("float", 48, true)]
    [InlineData("double", 12, false)]
    [InlineData("double", 16, true)]
    public void RowsOfWhole512BitVectorsTakeTheCallersWidth(string type, int inputs, bool callersWidth)
    {
        string precision = type == "double" ? "(Precision = Precision.Double)" : string.Empty;
        string source = $$"""
            using NetCompiler;

            [Network{{precision}}]
            [Input({{inputs}})]
            [Dense(32)]
            [Loss(LossFunction.MeanSquaredError)]
            public partial class Net { }
            """;
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationErrors);
        string generated = string.Join("\n", run.GeneratedSources);

        string[] kernels = ["DenseBackward.Accumulate<", "DenseBackward.AccumulateBatch<", "GradientDescent.DescendOuterProduct<", "GradientDescent.DescendOuterProductWithDecay<"];
        string width = callersWidth ? ", TVector, V>(" : ", global::System.Numerics.Vector<" + type + ">, global::NetCompiler.Lanes<" + type + ">>(";
        foreach (string kernel in kernels)
        {
            string[] calls = generated.Split("global::NetCompiler." + kernel)[1..];
            Assert.NotEmpty(calls);
            Assert.All(calls, call => Assert.Contains(width, call.Split('\n')[0], System.StringComparison.Ordinal));
        }
    }
}
