using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetCompiler.Generators.Emit;
using NetCompiler.Generators.Model;

namespace NetCompiler.Generators;

/// <summary>
/// Compiles every class marked [Network] into specialized Forward, Backward and Step code.
/// The pipeline: attributes → <see cref="ParseResult"/> (model + diagnostics) → source text.
/// Only equatable values travel past the first step.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.NetworkAttribute,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                NetworkParser.Parse)
            .WithTrackingName(TrackingNames.Parse);

        context.RegisterSourceOutput(
            parsed.SelectMany(static (result, _) => result.Diagnostics),
            static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));

        IncrementalValuesProvider<NetworkModel> models = parsed
            .Select(static (result, _) => result.Model)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.Model);

        context.RegisterSourceOutput(
            models,
            static (output, model) => output.AddSource(model.FullName + ".g.cs", NetworkEmitter.Emit(model)));

        IncrementalValuesProvider<DiagnosticInfo> orphans = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.InputAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                OrphanLayerCheck.Check)
            .Where(static diagnostic => diagnostic is not null)
            .Select(static (diagnostic, _) => diagnostic!)
            .WithTrackingName(TrackingNames.OrphanLayers);

        context.RegisterSourceOutput(orphans, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));
    }
}
