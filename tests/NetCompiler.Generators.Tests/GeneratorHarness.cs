using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NetCompiler.Generators.Tests;

/// <summary>
/// Runs the generator in memory on C# source, against .NET 10 reference assemblies and the
/// NetCompiler runtime, and can compile and load the result.
/// </summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References =
        Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location))
            .ToImmutableArray();

    public static CSharpCompilation CreateCompilation(params string[] sources) => CreateCompilation(ParseOptions, sources);

    /// <summary>A compilation in the given language version (the generated code is parsed with it too, by <see cref="Run(CSharpCompilation, IEnumerable{AdditionalText}?)"/>); unsafe code not allowed.</summary>
    public static CSharpCompilation CreateCompilation(CSharpParseOptions parseOptions, params string[] sources) =>
        CSharpCompilation.Create(
            "GeneratedNetworks",
            sources.Select((source, index) => CSharpSyntaxTree.ParseText(source, parseOptions, path: "Network" + index + ".cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText>? additionalTexts = null, CSharpParseOptions? parseOptions = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() },
            additionalTexts,
            parseOptions ?? ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once: the updated compilation and what the generator reported.</summary>
    public static GeneratorRun Run(params string[] sources) => Run(CreateCompilation(sources));

    public static GeneratorRun Run(CSharpCompilation compilation, IEnumerable<AdditionalText>? additionalTexts = null)
    {
        var parseOptions = compilation.SyntaxTrees.FirstOrDefault()?.Options as CSharpParseOptions;
        GeneratorDriver driver = CreateDriver(additionalTexts, parseOptions).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> _);
        GeneratorDriverRunResult result = driver.GetRunResult();
        return new GeneratorRun(output, result);
    }
}

/// <summary>The outcome of one generator run.</summary>
internal sealed record GeneratorRun(Compilation Output, GeneratorDriverRunResult Result)
{
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Result.Diagnostics;

    public IEnumerable<string> GeneratedDiagnosticsText() => GeneratorDiagnostics.Select(d => d.ToString());

    public IEnumerable<Diagnostic> CompilationErrors =>
        Output.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);

    public string GeneratedSource(int index = 0) => Result.Results.Single().GeneratedSources[index].SourceText.ToString();

    public IReadOnlyList<string> GeneratedSources => Result.Results.Single().GeneratedSources.Select(source => source.SourceText.ToString()).ToList();

    /// <summary>Emits the compilation and loads it into a collectible context, failing with the source on errors.</summary>
    public Assembly Load()
    {
        using var stream = new MemoryStream();
        var emitted = Output.Emit(stream);
        if (!emitted.Success)
        {
            throw new InvalidOperationException(
                "The generated code does not compile:\n" + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
                + "\n\n" + WithLineNumbers(string.Join("\n// ----\n", GeneratedSources)));
        }

        stream.Position = 0;
        return new AssemblyLoadContext("generated", isCollectible: true).LoadFromStream(stream);
    }

    public static string WithLineNumbers(string source) =>
        string.Join("\n", source.Split('\n').Select((line, index) => (index + 1).ToString().PadLeft(5) + "  " + line));
}
