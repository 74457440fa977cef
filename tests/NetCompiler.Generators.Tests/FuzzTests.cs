using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NetCompiler.Generators.Tests;

/// <summary>
/// Throws hundreds of malformed declarations at the generator. Whatever the input, the generator
/// never throws (no exception in the run result, no CS8785 or AD0001), reports only NCxxxx
/// diagnostics, writes code that compiles, and when it reports no error adds no error anywhere.
/// </summary>
public class FuzzTests
{
    private const int Seed = 20_261_125;
    private const int Cases = 300;

    [Fact]
    public void GeneratorNeverThrowsAndItsCodeCompiles()
    {
        var declarations = new MalformedDeclarations(Seed);
        string[] sources = Enumerable.Range(0, Cases).Select(_ => declarations.Next()).ToArray();

        // The cases are written in order from the seed, then checked in parallel; the first failure is reported.
        string[] failures = sources.AsParallel().AsOrdered().Select(Check).ToArray();

        int first = System.Array.FindIndex(failures, failure => failure.Length > 0);
        Assert.True(first < 0, first < 0 ? null : "Case " + first + " of seed " + Seed + ": " + failures[first] + "\n\n" + GeneratorRun.WithLineNumbers(sources[first]));
    }

    /// <summary>What went wrong with <paramref name="source"/>, or an empty string.</summary>
    private static string Check(string source)
    {
        CSharpCompilation input = GeneratorHarness.CreateCompilation(source);
        GeneratorRun run = GeneratorHarness.Run(input);
        GeneratorRunResult result = run.Result.Results.Single();
        if (result.Exception is not null)
        {
            return "the generator threw " + result.Exception;
        }

        Diagnostic[] compiled = run.Output.GetDiagnostics().ToArray();
        Diagnostic[] crashes = run.GeneratorDiagnostics.Concat(compiled)
            .Where(diagnostic => diagnostic.Id is "CS8785" or "AD0001")
            .ToArray();
        if (crashes.Length > 0)
        {
            return "the generator crashed: " + string.Join("\n", crashes.Select(diagnostic => diagnostic.ToString()));
        }

        Diagnostic[] foreign = run.GeneratorDiagnostics.Where(diagnostic => !diagnostic.Id.StartsWith("NC", System.StringComparison.Ordinal)).ToArray();
        if (foreign.Length > 0)
        {
            return "the generator reported diagnostics that are not its own: " + string.Join("\n", foreign.Select(diagnostic => diagnostic.ToString()));
        }

        // Code is written only for valid networks, so it must compile whatever else is wrong; and
        // when the generator found nothing wrong, it must add no error anywhere.
        bool generatorFoundErrors = run.GeneratorDiagnostics.Any(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);
        var existing = new HashSet<string>(input.GetDiagnostics().Select(diagnostic => diagnostic.ToString()));
        string[] added = compiled
            .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
            .Where(error => !generatorFoundErrors || !(error.Location.SourceTree is { } tree && input.SyntaxTrees.Contains(tree)))
            .Select(diagnostic => diagnostic.ToString())
            .Where(error => !existing.Contains(error))
            .ToArray();
        return added.Length == 0
            ? string.Empty
            : "the generated code does not compile:\n" + string.Join("\n", added) + "\n\n"
                + GeneratorRun.WithLineNumbers(string.Join("\n// ----\n", run.GeneratedSources));
    }
}
