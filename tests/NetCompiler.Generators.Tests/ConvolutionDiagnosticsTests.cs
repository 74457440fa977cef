using System.Linq;
using Microsoft.CodeAnalysis;

namespace NetCompiler.Generators.Tests;

/// <summary>
/// The diagnostics of convolution and pooling declarations: each is an error with its ID, reported
/// at the offending attribute, and the network gets only a stand-in (<see cref="StandInTests"/>).
/// </summary>
public class ConvolutionDiagnosticsTests
{
    [Theory]
    [InlineData("Conv2D(0, 3)")]                       // no filters
    [InlineData("Conv2D(4, 0)")]                       // kernel 0
    [InlineData("Conv2D(4, -3)")]                      // negative kernel
    [InlineData("Conv2D(4, 3, Stride = 0)")]
    [InlineData("Conv2D(4, 3, Padding = -1)")]
    [InlineData("MaxPool2D(0)")]
    [InlineData("MaxPool2D(2, Stride = 0)")]
    [InlineData("MaxPool2D(2, Stride = -2)")]
    public void SizeNotPositiveIsNC0005(string layer) =>
        AssertSingleError("[Input(1, 8, 8)]\n[" + layer + "]\n[Dense(2)]", "NC0005", layer);

    [Theory]
    [InlineData("Conv2D(4, 9)")]                       // 9 > 8
    [InlineData("Conv2D(4, 11, Padding = 1)")]         // 11 > 8 + 2
    [InlineData("MaxPool2D(9)")]
    public void WindowLargerThanInputIsNC0006(string layer) =>
        AssertSingleError("[Input(1, 8, 8)]\n[" + layer + "]\n[Dense(2)]", "NC0006", layer);

    [Fact]
    public void WindowLargerThanAShrunkInputIsNC0006AtTheSecondLayer() =>
        AssertSingleError("[Input(2, 6, 6)]\n[Conv2D(3, 3)]\n[MaxPool2D(5)]\n[Dense(2)]", "NC0006", "MaxPool2D(5)", "Layer 2");

    [Fact]
    public void WindowLargerThanANonSquareInputIsNC0006() =>
        AssertSingleError("[Input(1, 3, 12)]\n[Conv2D(2, 4)]\n[Dense(2)]", "NC0006", "Conv2D(2, 4)");

    [Theory]
    [InlineData(8, "Conv2D(4, 3, Stride = 2)")]                // 8 − 3 = 5 is not a multiple of 2
    [InlineData(7, "Conv2D(4, 2, Stride = 2, Padding = 1)")]   // 7 + 2 − 2 = 7
    [InlineData(8, "MaxPool2D(3)")]                            // stride 3: 8 − 3 = 5
    [InlineData(8, "MaxPool2D(2, Stride = 4)")]                // 8 − 2 = 6
    public void StrideThatDoesNotTileIsNC0007(int size, string layer) =>
        AssertSingleError("[Input(1, " + size + ", " + size + ")]\n[" + layer + "]\n[Dense(2)]", "NC0007", layer);

    [Theory]
    [InlineData("[Input(64)]\n[Conv2D(4, 3)]")]
    [InlineData("[Input(1, 8, 8)]\n[Dense(16)]\n[Conv2D(4, 3)]")]
    [InlineData("[Input(1, 8, 8)]\n[Dense(16)]\n[MaxPool2D(2)]")]
    public void SpatialLayerAfterFlatIsNC0008(string layers)
    {
        string offending = layers.Split('\n').Last().Trim('[', ']');
        AssertSingleError(layers + "\n[Dense(2)]", "NC0008", offending);
    }

    [Fact]
    public void EveryValidShapeOfTheseTestsCompiles()
    {
        // The declarations next to the failing ones, corrected: stride, padding and window that tile.
        GeneratorRun run = GeneratorHarness.Run(Source("[Input(1, 8, 8)]\n[Conv2D(4, 3, Stride = 1, Padding = 1)]\n[MaxPool2D(2, Stride = 2)]\n[Conv2D(2, 2, Stride = 2, Padding = 1)]\n[Dense(2)]"));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationErrors);
        Assert.NotNull(run.Load().GetType("Demo.ConvNet"));
    }

    private static string Source(string attributes) =>
        "using NetCompiler;\nnamespace Demo;\n[Network]\n" + attributes + "\npublic partial class ConvNet { }\n";

    private static void AssertSingleError(string attributes, string id, string attribute, string? messagePart = null)
    {
        GeneratorRun run = GeneratorHarness.Run(Source(attributes));
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.True(diagnostic.Location.IsInSource, diagnostic.ToString());
        string located = diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
        Assert.Equal(attribute, located);
        if (messagePart is not null)
        {
            Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Contains("a stand-in whose members throw", Assert.Single(run.GeneratedSources), System.StringComparison.Ordinal);
    }
}
