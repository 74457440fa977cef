namespace NetCompiler.Generators.Tests;

/// <summary>
/// Which dense layers are written out weight by weight: small ones, but not a layer of at least eight
/// units whose rows are two or more whole 256-bit vectors (16 or 24 inputs), which the runtime's
/// kernels run faster (see <c>DenseLayerEmitter.IsUnrolled</c>).
/// </summary>
public class UnrollingTests
{
    [Theory]
    [InlineData(16, 16, false)]
    [InlineData(24, 8, false)]
    [InlineData(16, 4, true)]
    [InlineData(12, 12, true)]
    [InlineData(20, 8, true)]
    [InlineData(8, 16, true)]
    public void RowsOfWholeVectorsRunOnTheKernels(int inputs, int units, bool writtenOut)
    {
        string source = $$"""
            using NetCompiler;

            [Network]
            [Input({{inputs}})]
            [Dense({{units}}, Activation.Tanh)]
            [Dense(2, Activation.Softmax)]
            [Loss(LossFunction.CrossEntropy)]
            public partial class Net { }
            """;
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationErrors);
        string generated = string.Join("\n", run.GeneratedSources);

        // written out, the layer's forward pass reads its last weight by its constant index
        string lastWeight = "At(ref w, " + ((inputs * units) - 1) + ") * x" + (inputs - 1);
        Assert.Equal(writtenOut, generated.Contains(lastWeight, System.StringComparison.Ordinal));
    }
}
