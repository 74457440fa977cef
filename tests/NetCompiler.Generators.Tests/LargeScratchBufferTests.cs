using System.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace NetCompiler.Generators.Tests;

/// <summary>
/// Scratch buffers too large for the stack (over 64 KB) take native memory through the runtime's
/// <c>NativeScratch&lt;T&gt;</c>, freed by a <c>using</c>, never an array pool; and the code compiles
/// in a project with default settings: C# 12 (net8.0's default) and no unsafe code.
/// </summary>
public class LargeScratchBufferTests
{
    // 2×96×96 → 4×96×96 → 2×96×96 → pool 4 → 3: â of both convolutions, dJ/dâ of the second,
    // the pooling scan and Infer's halves are all over the stack limit (the tests' HugeLayersFloat).
    private const string HugeLayers = """
        using NetCompiler;

        [Network]
        [Input(2, 96, 96)]
        [Conv2D(4, 3, Activation.ReLU, Padding = 1)]
        [Conv2D(2, 3, Activation.Tanh, Padding = 1)]
        [MaxPool2D(4)]
        [Dense(3, Activation.Softmax)]
        [Loss(LossFunction.CrossEntropy)]
        public partial class Huge { }
        """;

    [Fact]
    public void HugeLayersTakeNativeScratchAndCompileAsCSharp12WithoutUnsafe()
    {
        var csharp12 = new CSharpParseOptions(LanguageVersion.CSharp12);
        var compilation = GeneratorHarness.CreateCompilation(csharp12, HugeLayers);
        Assert.False(compilation.Options.AllowUnsafe);

        GeneratorRun run = GeneratorHarness.Run(compilation);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationErrors);
        Assert.All(run.Output.SyntaxTrees, tree => Assert.Equal(LanguageVersion.CSharp12, ((CSharpParseOptions)tree.Options).LanguageVersion));
        run.Load();

        string generated = string.Join("\n", run.GeneratedSources);
        Assert.Contains("using (var firstScratch = new global::NetCompiler.NativeScratch<float>(", generated);
        Assert.True(generated.Split("new global::NetCompiler.NativeScratch<").Length - 1 >= 4, "Every large buffer takes native memory.");
        Assert.DoesNotContain("ArrayPool", generated);
        Assert.DoesNotContain("unsafe", generated);
    }

    [Fact]
    public void SmallLayersStayOnTheStack()
    {
        GeneratorRun run = GeneratorHarness.Run(HugeLayers.Replace("[Input(2, 96, 96)]", "[Input(2, 16, 16)]"));
        Assert.Empty(run.CompilationErrors);
        string generated = string.Join("\n", run.GeneratedSources);
        Assert.Contains("stackalloc", generated);
        Assert.DoesNotContain("NativeScratch", generated);
    }
}
