using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetCompiler.Generators.Emit;
using NetCompiler.Generators.Model;

namespace NetCompiler.Generators;

/// <summary>
/// Compiles every class marked [Network] into specialized Forward, Backward and Step code.
/// The pipeline: attributes → <see cref="ParseResult"/> (model + diagnostics) → weights file
/// resolved → source text. Only equatable values travel past the first step.
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

        Report(context, parsed.SelectMany(static (result, _) => result.Diagnostics));

        IncrementalValuesProvider<NetworkRequest> requests = parsed
            .Select(static (result, _) => result.Model is null ? null : new NetworkRequest(result.Model, result.Weights))
            .Where(static request => request is not null)
            .Select(static (request, _) => request!)
            .WithTrackingName(TrackingNames.Model);

        IncrementalValuesProvider<ResolvedNetwork> resolved = requests
            .Combine(context.AdditionalTextsProvider.Collect())
            .Select(static (pair, cancellationToken) => WeightsResolver.Resolve(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.Weights);

        Report(context, resolved.SelectMany(static (result, _) => result.Diagnostics));

        IncrementalValuesProvider<NetworkSource> sources = resolved
            .Select(static (result, _) => result.Source)
            .Where(static source => source is not null)
            .Select(static (source, _) => source!)
            .WithTrackingName(TrackingNames.Source);

        context.RegisterSourceOutput(
            sources,
            static (output, source) => output.AddSource(source.Model.FullName + ".g.cs", NetworkEmitter.Emit(source)));

        IncrementalValuesProvider<DiagnosticInfo> orphans = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.InputAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                OrphanLayerCheck.Check)
            .Where(static diagnostic => diagnostic is not null)
            .Select(static (diagnostic, _) => diagnostic!)
            .WithTrackingName(TrackingNames.OrphanLayers);

        Report(context, orphans);
    }

    /// <summary>
    /// Reports diagnostics carried as data. Only this last step sees the compilation, to place each
    /// diagnostic in its syntax tree; the steps before it stay free of symbols and syntax.
    /// </summary>
    private static void Report(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<DiagnosticInfo> diagnostics) =>
        context.RegisterSourceOutput(
            diagnostics.Combine(context.CompilationProvider),
            static (output, pair) => output.ReportDiagnostic(pair.Left.ToDiagnostic(pair.Right)));
}
