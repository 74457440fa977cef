using System.Linq;

namespace NetCompiler.Generators.Tests;

/// <summary>
/// A network, namespace or containing type named after a C# keyword (written <c>@event</c>) gets
/// code that escapes the name, in a file whose hint name drops the @.
/// </summary>
public class KeywordNameTests
{
    [Fact]
    public void EscapedNamesCompile()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using NetCompiler;

            namespace @namespace.Models;

            public partial class @class
            {
                [Network]
                [Input(2)]
                [Dense(1, Activation.Sigmoid)]
                public partial class @event { }
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationErrors);
        Assert.Equal("namespace.Models.class.event.g.cs", run.Result.Results.Single().GeneratedSources.Single().HintName);
    }
}
