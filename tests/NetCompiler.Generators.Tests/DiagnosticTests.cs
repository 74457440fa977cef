using System.Linq;
using Microsoft.CodeAnalysis;

namespace NetCompiler.Generators.Tests;

/// <summary>
/// One test per diagnostic the generator reports: its ID and severity, its location (the span
/// marked «like this»: the offending attribute, or the class name for class-level problems), and
/// a message that says what to change. A wrong declaration gets the diagnostic and, where the class
/// can take members, a stand-in instead of code (<see cref="StandInTests"/>).
/// </summary>
public class DiagnosticTests
{
    [Fact]
    public void ValidNetworkHasNoDiagnostics()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using NetCompiler;
            [Network(Precision = Precision.Double)]
            [Input(1, 6, 6)]
            [Conv2D(2, 3, Activation.ReLU, Padding = 1)]
            [MaxPool2D(2)]
            [Dense(3, Activation.Softmax)]
            [Loss(LossFunction.CrossEntropy)]
            public partial class Valid { }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationErrors);
        Assert.Single(run.GeneratedSources);
    }

    [Fact]
    public void NC0001_ClassNotPartial() => AssertDiagnostic(
        """
        [Network]
        [Input(2)]
        [Dense(1)]
        public class «Net» { }
        """,
        "NC0001",
        "The network class 'Net' must be declared partial",
        writesFile: false);

    [Fact]
    public void NC0002_NoInput() => AssertDiagnostic(
        """
        [Network]
        [Dense(1)]
        public partial class «Net» { }
        """,
        "NC0002",
        "add [Input(size)] or [Input(channels, height, width)] before its first layer");

    [Fact]
    public void NC0003_SecondInput() => AssertDiagnostic(
        """
        [Network]
        [Input(2)]
        [«Input(3)»]
        [Dense(1)]
        public partial class Net { }
        """,
        "NC0003",
        "a network has exactly one input, so remove this one");

    [Fact]
    public void NC0004_NoLayers() => AssertDiagnostic(
        """
        [Network]
        [Input(2)]
        [Loss(LossFunction.MeanSquaredError)]
        public partial class «Net» { }
        """,
        "NC0004",
        "add at least one [Dense], [Conv2D] or [MaxPool2D] after its [Input]");

    [Theory]
    [InlineData("[Input(2)] [«Dense(0)»]", "Layer 1: Dense(0, Identity) needs at least one unit")]
    [InlineData("[Input(1, 4, 4)] [«Conv2D(2, 3, Stride = 0)»]", "needs filters, kernel size and stride of at least 1")]
    [InlineData("[Input(1, 4, 4)] [«MaxPool2D(-2)»]", "needs a size and stride of at least 1")]
    [InlineData("[«Input(0)»] [Dense(1)]", "needs every dimension of at least 1")]
    public void NC0005_SizeNotPositive(string layers, string advice) => AssertDiagnostic(
        "[Network] " + layers + " public partial class Net { }",
        "NC0005",
        advice);

    [Theory]
    [InlineData("[«Conv2D(2, 5)»]", "Conv2D(2, 5, Identity, Stride = 1, Padding = 0) has a 5×5 window but its input is 1×4×4 (with padding 0); use a smaller kernel or more padding")]
    [InlineData("[«MaxPool2D(8)»]", "MaxPool2D(8, Stride = 8) has a 8×8 window but its input is 1×4×4 (with padding 0); use a smaller pool size or more padding")]
    public void NC0006_WindowLargerThanInput(string layer, string advice) => AssertDiagnostic(
        "[Network] [Input(1, 4, 4)] " + layer + " public partial class Net { }",
        "NC0006",
        "Layer 1: " + advice);

    [Fact]
    public void NC0007_WindowDoesNotTile() => AssertDiagnostic(
        """
        [Network]
        [Input(1, 5, 5)]
        [«MaxPool2D(2)»]
        public partial class Net { }
        """,
        "NC0007",
        "must be a multiple of the stride 2; change the stride, padding or window");

    [Fact]
    public void NC0008_SpatialLayerAfterFlat() => AssertDiagnostic(
        """
        [Network]
        [Input(1, 8, 8)]
        [Dense(16)]
        [«Conv2D(2, 3)»]
        public partial class Net { }
        """,
        "NC0008",
        "Layer 2: Conv2D(2, 3, Identity, Stride = 1, Padding = 0) needs an image input (channels, height, width) but receives a flat vector of 16");

    [Fact]
    public void NC0009_SoftmaxNotLast() => AssertDiagnostic(
        """
        [Network]
        [Input(2)]
        [«Dense(4, Activation.Softmax)»]
        [Dense(2)]
        public partial class Net { }
        """,
        "NC0009",
        "Layer 1: Dense(4, Softmax) uses Softmax, which is allowed on the last layer only; choose another activation");

    [Theory]
    [InlineData("Tanh", "CrossEntropy", "needs a Softmax last layer, but the last layer of 'Net' uses Tanh; change the last activation to Softmax or choose another loss")]
    [InlineData("Softmax", "BinaryCrossEntropy", "needs a Sigmoid last layer, but the last layer of 'Net' uses Softmax; change the last activation to Sigmoid or choose another loss")]
    public void NC0010_LossDoesNotFitActivation(string activation, string loss, string advice) => AssertDiagnostic(
        "[Network] [Input(2)] [Dense(2, Activation." + activation + ")] [«Loss(LossFunction." + loss + ")»] public partial class Net { }",
        "NC0010",
        advice);

    [Fact]
    public void NC0011_LayersSpreadOverPartialDeclarations() => AssertDiagnostic(
        """
        [Network]
        [Input(2)]
        public partial class «Net» { }

        [Dense(1)]
        public partial class Net { }
        """,
        "NC0011",
        "put [Network], [Input], the layers and [Loss] on one declaration");

    [Fact]
    public void NC0012_StepLayerWarns() => AssertDiagnostic(
        """
        [Network]
        [Input(2)]
        [Dense(3, Activation.ReLU)]
        [«Dense(1, Activation.Step)»]
        public partial class Net { }
        """,
        "NC0012",
        "Layer 2 of 'Net' uses Step",
        DiagnosticSeverity.Warning);

    [Fact]
    public void NC0013_SecondLoss() => AssertDiagnostic(
        """
        [Network]
        [Input(2)]
        [Dense(1)]
        [Loss(LossFunction.MeanSquaredError)]
        [«Loss(LossFunction.MeanSquaredError)»]
        public partial class Net { }
        """,
        "NC0013",
        "declares a second [Loss]; keep one");

    [Fact]
    public void NC0014_TrainingAStepNetworkIsACompileError()
    {
        var source = MarkedSource.Parse("""
            using NetCompiler;

            [Network]
            [Input(2)]
            [Dense(1, Activation.Step)]
            public partial class Perceptron { }

            public static class Trainer
            {
                public static float Train(Perceptron net) => «net.Backward(new float[2], new float[1])»;
            }
            """);

        GeneratorRun run = GeneratorHarness.Run(source.Text);

        Diagnostic error = Assert.Single(run.CompilationErrors);
        Assert.Equal("NC0014", error.Id);
        Assert.Equal(source.Span, error.Location.SourceSpan);
        Assert.Contains("Perceptron has a Step layer", error.GetMessage(), System.StringComparison.Ordinal);
        Assert.EndsWith("diagnostics.md#nc0014", error.Descriptor.HelpLinkUri, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Network] [Input(2)] [«Dense(2, (Activation)42)»]", "(Activation)42 is not a member of NetCompiler.Activation; use one of its named values")]
    [InlineData("[Network] [Input(2)] [Dense(2)] [«Loss((LossFunction)(-1))»]", "(LossFunction)-1 is not a member of NetCompiler.LossFunction; use one of its named values")]
    [InlineData("[«Network(Precision = (Precision)3)»] [Input(2)] [Dense(2)]", "(Precision)3 is not a member of NetCompiler.Precision; use one of its named values")]
    public void NC0015_UnknownEnumValue(string attributes, string advice) => AssertDiagnostic(
        attributes + " public partial class Net { }",
        "NC0015",
        advice);

    [Theory]
    [InlineData("[«Input(65536, 65536, 1)»] [Dense(1)]", "The input 65536×65536×1 of 'Net' needs every dimension of at least 1 and at most 268435456 values")]
    [InlineData("[Input(100000)] [«Dense(100000)»]", "Layer 1: Dense(100000, Identity) on a 100000 input has more than 268435456 values or parameters; make it smaller")]
    [InlineData("[Input(10000)] [Dense(20000)] [«Dense(10000)»]", "The network 'Net' has more than 268435456 parameters; make it smaller")]
    public void NC0016_NetworkTooLarge(string layers, string advice) => AssertDiagnostic(
        "[Network] " + layers + " public partial class Net { }",
        "NC0016",
        advice);

    [Theory]
    [InlineData("[Network] [Input(2)] [Dense(1)] public partial record «Net»;", "is a record")]
    [InlineData("[Network] [Input(2)] [Dense(1)] public static partial class «Net» { }", "is static")]
    [InlineData("[Network] [Input(2)] [Dense(1)] public partial class «Net»<T> { }", "is generic")]
    [InlineData("public partial class Outer<T> { [Network] [Input(2)] [Dense(1)] public partial class «Net» { } }", "is nested in the generic type 'Outer'")]
    [InlineData("public class Outer { [Network] [Input(2)] [Dense(1)] public partial class «Net» { } }", "is nested in 'Outer', which is not partial")]
    public void NC0017_UnsupportedClass(string declaration, string problem) => AssertDiagnostic(
        declaration,
        "NC0017",
        "The network class 'Net' " + problem + "; declare it as a non-generic, non-static partial class",
        writesFile: false);

    [Theory]
    [InlineData("Forward")]
    [InlineData("Spec")]
    [InlineData("CompiledLayers")]
    public void NC0017_ClassNamedLikeAGeneratedMember(string name) => AssertDiagnostic(
        "[Network] [Input(2)] [Dense(1)] public partial class «" + name + "» { }",
        "NC0017",
        "The network class '" + name + "' has the name of a member the generator adds to it",
        writesFile: false);

    [Fact]
    public void NC0018_InputAfterLayer() => AssertDiagnostic(
        """
        [Network]
        [Dense(2)]
        [«Input(2)»]
        public partial class Net { }
        """,
        "NC0018",
        "follows a layer; move it before the first layer");

    [Fact]
    public void NC0019_LayersWithoutNetwork() => AssertDiagnostic(
        """
        [«Input(2)»]
        [Dense(1)]
        public partial class Net { }
        """,
        "NC0019",
        "'Net' has layer attributes but no [Network] attribute, so no network is generated; add [Network] to the class",
        DiagnosticSeverity.Warning,
        writesFile: false);

    /// <summary>
    /// Runs the generator on <paramref name="markedSource"/> (with <c>using NetCompiler;</c> added)
    /// and checks it reports exactly one diagnostic, <paramref name="id"/>, at the marked span, with
    /// <paramref name="advice"/> in its message, and writes one file unless <paramref name="writesFile"/>
    /// is false: the network's code for a warning, a stand-in for an error.
    /// </summary>
    private static void AssertDiagnostic(
        string markedSource,
        string id,
        string advice,
        DiagnosticSeverity severity = DiagnosticSeverity.Error,
        bool writesFile = true)
    {
        var source = MarkedSource.Parse("using NetCompiler;\n" + markedSource);

        GeneratorRun run = GeneratorHarness.Run(source.Text);

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Equal("Network0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(source.MarkedText, source.Text.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Contains(advice, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.EndsWith("diagnostics.md#" + id.ToLowerInvariant(), diagnostic.Descriptor.HelpLinkUri, System.StringComparison.Ordinal);
        Assert.Empty(run.CompilationErrors);
        if (writesFile)
        {
            bool standIn = Assert.Single(run.GeneratedSources).Contains("a stand-in whose members throw", System.StringComparison.Ordinal);
            Assert.Equal(severity == DiagnosticSeverity.Error, standIn);
        }
        else
        {
            Assert.Empty(run.GeneratedSources);
        }
    }
}
