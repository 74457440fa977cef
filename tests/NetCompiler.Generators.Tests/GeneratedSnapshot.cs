using System.Linq;
using System.Text.RegularExpressions;
using ApprovalTests;

namespace NetCompiler.Generators.Tests;

/// <summary>
/// Compares the one file the generator writes for a network with its approved snapshot, after
/// checking that it compiles. The generator version is scrubbed, so a release does not change
/// every snapshot.
/// </summary>
internal static partial class GeneratedSnapshot
{
    public const string ScrubbedVersion = "[version]";

    public static void Verify(string source)
    {
        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Empty(run.CompilationErrors);
        Assert.DoesNotContain(run.GeneratorDiagnostics, diagnostic => diagnostic.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        string generated = Assert.Single(run.GeneratedSources);
        string scrubbed = ScrubVersion(generated);
        Assert.DoesNotContain("\"" + Emit.NetworkEmitter.Version + "\"", scrubbed);
        Approvals.VerifyWithExtension(scrubbed, ".cs");
    }

    /// <summary>Replaces the version in every <c>[GeneratedCode("NetCompiler.Generators", "x.y.z")]</c>.</summary>
    public static string ScrubVersion(string generated) =>
        GeneratedCodeVersion().Replace(generated, "$1" + ScrubbedVersion + "$2");

    [GeneratedRegex("""(GeneratedCode\("NetCompiler\.Generators", ")[^"]*("\))""")]
    private static partial Regex GeneratedCodeVersion();
}
