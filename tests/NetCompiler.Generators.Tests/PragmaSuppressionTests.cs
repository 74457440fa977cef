using System.Linq;

namespace NetCompiler.Generators.Tests;

/// <summary>
/// The generator's warnings sit in the user's syntax tree, not merely at a file position, so
/// <c>#pragma warning disable</c> silences them like any compiler warning (dotnet/roslyn#68291).
/// </summary>
public class PragmaSuppressionTests
{
    [Fact]
    public void PragmaSilencesAWarning()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using NetCompiler;

            [Network]
            [Input(2)]
            #pragma warning disable NC0012 // a perceptron, on purpose
            [Dense(1, Activation.Step)]
            #pragma warning restore NC0012
            public partial class Perceptron { }

            [Input(2)]
            [Dense(1)]
            public partial class Forgotten { }
            """);

        Assert.Equal(new[] { "NC0019" }, run.GeneratorDiagnostics.Where(diagnostic => !diagnostic.IsSuppressed).Select(diagnostic => diagnostic.Id));
        Assert.True(run.GeneratorDiagnostics.Single(diagnostic => diagnostic.Id == "NC0019").Location.IsInSource);
    }
}
