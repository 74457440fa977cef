using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetCompiler.Generators.Emit;
using NetCompiler.Generators.Model;

namespace NetCompiler.Generators;

/// <summary>
/// Compiles every class marked [Network] into specialized Forward, Backward and Step code.
/// The pipeline: attributes → <see cref="ParseResult"/> (model + diagnostics) → weights file
/// resolved → source text; a class with errors gets a <see cref="StandIn"/> instead. Only
/// equatable values travel past the first step.
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

        // A class whose declaration (or weights file) has errors gets a stand-in instead, whose
        // members throw: the code using it then reports no errors besides the NC ones.
        IncrementalValueProvider<ImmutableArray<string>> classesWithCode = sources.Select(static (source, _) => source.Model.Type.FullName).Collect();
        IncrementalValueProvider<EquatableArray<StandIn>> standIns = parsed.Select(static (result, _) => result.StandIn).Collect()
            .Combine(resolved.Select(static (result, _) => result.StandIn).Collect())
            .Combine(classesWithCode)
            .Select(static (all, _) => OnePerClass(all.Left.Left.Concat(all.Left.Right), all.Right))
            .WithTrackingName(TrackingNames.StandIn);

        // Names that only case tells apart, which file names cannot (usually none, so every file stays cached).
        IncrementalValueProvider<EquatableArray<string>> clashing = classesWithCode
            .Combine(standIns)
            .Select(static (all, _) => HintNames.Clashing(all.Left.Concat(all.Right.Select(standIn => standIn.Type.FullName))))
            .WithTrackingName(TrackingNames.HintNames);

        context.RegisterSourceOutput(
            sources.Combine(clashing),
            static (output, pair) => Add(output, pair.Left.Model.Type, pair.Right, () => NetworkEmitter.Emit(pair.Left)));

        context.RegisterSourceOutput(
            standIns.Combine(clashing),
            static (output, pair) =>
            {
                foreach (StandIn standIn in pair.Left)
                {
                    Add(output, standIn.Type, pair.Right, () => StandInEmitter.Emit(standIn));
                }
            });

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

    /// <summary>Adds the file of one class under its <see cref="HintNames"/> name; none where another class has the very same full name.</summary>
    private static void Add(SourceProductionContext output, NetworkType type, EquatableArray<string> clashing, Func<string> emit)
    {
        if (HintNames.For(type.FullName, clashing) is string hintName)
        {
            output.AddSource(hintName, emit());
        }
    }

    /// <summary>
    /// The first stand-in of each class that gets no network code: a class declared in several
    /// partial declarations, each with [Network], is parsed once per declaration, and one of them
    /// may even be valid, while a generated file's name must be unique.
    /// </summary>
    private static EquatableArray<StandIn> OnePerClass(IEnumerable<StandIn?> standIns, ImmutableArray<string> classesWithCode)
    {
        var taken = new HashSet<string>(classesWithCode, StringComparer.Ordinal);
        return standIns
            .Where(standIn => standIn is not null && taken.Add(standIn.Type.FullName))
            .Select(standIn => standIn!)
            .ToEquatableArray();
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
