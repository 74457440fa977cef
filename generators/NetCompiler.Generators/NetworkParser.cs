using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetCompiler.Generators.Model;
using NetCompiler.Shared;

namespace NetCompiler.Generators;

/// <summary>
/// Turns a class marked [Network] into a <see cref="NetworkModel"/>, or into diagnostics that say
/// what to change. Symbols and syntax are used here and nowhere after. Never throws on any input.
/// </summary>
internal static class NetworkParser
{
    /// <summary>The members the generator adds; a network class of one of these names could not hold them.</summary>
    private static readonly HashSet<string> GeneratedMemberNames = new(System.StringComparer.Ordinal)
    {
        "InputSize", "OutputSize", "ParameterCount", "Spec", "Parameters", "Gradients", "AccumulatedSamples",
        "Forward", "Backward", "Backpropagate", "Step", "ZeroGradients", "Infer", "EmbeddedParameters",
        "ForwardOne", "ForwardPass", "BackwardOne", "CompiledLayers",
    };

    /// <summary>The namespace as it is written in source: keywords escaped (<c>@class</c>), no <c>global::</c>.</summary>
    private static readonly SymbolDisplayFormat NamespaceFormat =
        SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var symbol = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (TypeDeclarationSyntax)context.TargetNode;
        var diagnostics = new List<DiagnosticInfo>();

        bool takesMembers = CheckClass(symbol, declaration, diagnostics, out List<ContainingType> containingTypes);
        NetworkModel? model = takesMembers ? ParseNetwork(context, symbol, declaration, containingTypes, diagnostics, cancellationToken) : null;
        WeightsReference? weights = model?.WeightsPath is string path
            ? new WeightsReference(path, DirectoryOf(declaration.SyntaxTree.FilePath), WeightsArgumentLocation(context.Attributes[0], cancellationToken))
            : null;
        StandIn? standIn = takesMembers && model is null ? StandInFor(symbol, containingTypes, context.Attributes[0]) : null;
        return new ParseResult(model, weights, standIn, diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// The stand-in of a class whose declaration has errors: the element type its Precision names
    /// (single precision where it names none that is valid) and whether it names a weights file.
    /// </summary>
    private static StandIn StandInFor(INamedTypeSymbol symbol, List<ContainingType> containingTypes, AttributeData network)
    {
        Precision precision = NamedInt(network, "Precision") == (int)Precision.Double ? Precision.Double : Precision.Single;
        return new StandIn(TypeOf(symbol, containingTypes), precision, NamedString(network, "Weights") is not null);
    }

    private static NetworkType TypeOf(INamedTypeSymbol symbol, List<ContainingType> containingTypes) =>
        new(
            symbol.ContainingNamespace.IsGlobalNamespace ? null : symbol.ContainingNamespace.ToDisplayString(NamespaceFormat),
            containingTypes.ToEquatableArray(),
            SourceName(symbol.Name));

    /// <summary>NC0001 and NC0017: the class must be one the generator can add members to.</summary>
    private static bool CheckClass(
        INamedTypeSymbol symbol,
        TypeDeclarationSyntax declaration,
        List<DiagnosticInfo> diagnostics,
        out List<ContainingType> containingTypes)
    {
        containingTypes = new List<ContainingType>();
        LocationInfo? location = LocationInfo.From(declaration.Identifier.GetLocation());
        string? problem = declaration is RecordDeclarationSyntax ? "is a record"
            : symbol.IsStatic ? "is static"
            : symbol.TypeParameters.Length > 0 ? "is generic"
            : GeneratedMemberNames.Contains(symbol.Name) ? "has the name of a member the generator adds to it (a class cannot contain a member of its own name)"
            : null;

        for (INamedTypeSymbol? outer = symbol.ContainingType; outer is not null && problem is null; outer = outer.ContainingType)
        {
            if (outer.TypeParameters.Length > 0)
            {
                problem = "is nested in the generic type '" + outer.Name + "'";
            }
            else if (!outer.DeclaringSyntaxReferences.All(reference => reference.GetSyntax() is TypeDeclarationSyntax type && IsPartial(type)))
            {
                problem = "is nested in '" + outer.Name + "', which is not partial";
            }
            else
            {
                containingTypes.Insert(0, new ContainingType(TypeKeyword(outer), SourceName(outer.Name)));
            }
        }

        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedNetworkClass, location, symbol.Name, problem));
            return false;
        }

        if (!IsPartial(declaration))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NetworkClassNotPartial, location, symbol.Name));
            return false;
        }

        return true;
    }

    private static NetworkModel? ParseNetwork(
        GeneratorAttributeSyntaxContext context,
        INamedTypeSymbol symbol,
        TypeDeclarationSyntax declaration,
        List<ContainingType> containingTypes,
        List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        LocationInfo? classLocation = LocationInfo.From(declaration.Identifier.GetLocation());
        List<(AttributeData Data, SyntaxNode Syntax)>? attributes = CollectLayerAttributes(symbol, declaration, cancellationToken, out bool spread);
        if (spread)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayersSpreadOverPartialDeclarations, classLocation, symbol.Name));
            return null;
        }

        AttributeData network = context.Attributes[0];
        if (attributes is null || HasErrors(network))
        {
            // The compiler already reports attributes that do not bind; nothing to add.
            return null;
        }

        LocationInfo? networkLocation = LocationInfo.From(network.ApplicationSyntaxReference?.GetSyntax(cancellationToken));
        Precision precision = (Precision)(NamedInt(network, "Precision") ?? (int)Precision.Single);
        if (precision != Precision.Single && precision != Precision.Double)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.UnknownEnumValue, networkLocation, "(Precision)" + Format((int)precision), "NetCompiler.Precision"));
            return null;
        }

        string? weightsPath = NamedString(network, "Weights");

        LayerShape? input = null;
        LossFunction? loss = null;
        LocationInfo? lossLocation = null;
        var layers = new List<(LayerDeclaration Declaration, LocationInfo? Location)>();
        foreach ((AttributeData data, SyntaxNode syntax) in attributes)
        {
            LocationInfo? location = LocationInfo.From(syntax);
            string name = data.AttributeClass!.ToDisplayString();
            if (name == KnownNames.InputAttribute)
            {
                if (input is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateInput, location, symbol.Name));
                    return null;
                }

                if (layers.Count > 0)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InputNotFirst, location, symbol.Name));
                    return null;
                }

                input = ReadInput(data);
                if (NetworkRules.CheckInput(input.Value) is var violation && violation != RuleViolation.None)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        violation == RuleViolation.TooLarge ? DiagnosticDescriptors.NetworkTooLarge : DiagnosticDescriptors.InvalidSize,
                        location,
                        "The input " + input.Value + " of '" + symbol.Name + "' needs every dimension of at least 1 and at most " + Format(NetworkRules.MaxValues) + " values"));
                    return null;
                }
            }
            else if (name == KnownNames.LossAttribute)
            {
                if (loss is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateLoss, location, symbol.Name));
                    return null;
                }

                loss = (LossFunction)ConstructorInt(data, 0);
                lossLocation = location;
            }
            else
            {
                layers.Add((ReadLayer(data, name), location));
            }
        }

        if (input is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingInput, classLocation, symbol.Name));
            return null;
        }

        if (layers.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoLayers, classLocation, symbol.Name));
            return null;
        }

        List<LayerModel>? layerModels = ApplyLayers(input.Value, layers, symbol.Name, diagnostics);
        if (layerModels is null)
        {
            return null;
        }

        LossFunction lossFunction = loss ?? LossFunction.MeanSquaredError;
        Activation lastActivation = layerModels[layerModels.Count - 1].Activation;
        switch (NetworkRules.CheckLoss(lossFunction, lastActivation))
        {
            case RuleViolation.UnknownLoss:
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UnknownEnumValue, lossLocation, "(LossFunction)" + Format((int)lossFunction), "NetCompiler.LossFunction"));
                return null;
            case RuleViolation.LossDoesNotFitActivation:
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.LossDoesNotFitActivation,
                    lossLocation,
                    lossFunction.ToString(),
                    (lossFunction == LossFunction.CrossEntropy ? Activation.Softmax : Activation.Sigmoid).ToString(),
                    symbol.Name,
                    lastActivation.ToString()));
                return null;
        }

        int stepLayer = layers.FindIndex(layer => layer.Declaration.Activation == Activation.Step);
        if (stepLayer >= 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.StepLayerCannotBeTrained, layers[stepLayer].Location, Format(stepLayer + 1), symbol.Name));
        }

        return new NetworkModel(
            TypeOf(symbol, containingTypes),
            precision,
            lossFunction,
            input.Value,
            layerModels.ToEquatableArray(),
            loss is not null,
            weightsPath);
    }

    /// <summary>Infers every layer's shapes and parameter offsets, reporting the first layer that does not fit.</summary>
    private static List<LayerModel>? ApplyLayers(
        LayerShape input,
        List<(LayerDeclaration Declaration, LocationInfo? Location)> layers,
        string networkName,
        List<DiagnosticInfo> diagnostics)
    {
        var models = new List<LayerModel>();
        LayerShape shape = input;
        long offset = 0;
        for (int i = 0; i < layers.Count; i++)
        {
            (LayerDeclaration declaration, LocationInfo? location) = layers[i];
            RuleViolation violation = NetworkRules.Apply(shape, declaration, isLast: i == layers.Count - 1, out LayerShape output);
            if (violation != RuleViolation.None)
            {
                diagnostics.Add(LayerDiagnostic(violation, i + 1, shape, declaration, location));
                return null;
            }

            long weights = NetworkRules.WeightCount(shape, declaration);
            long biases = NetworkRules.BiasCount(declaration);
            if (offset + weights + biases > NetworkRules.MaxValues)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.NetworkTooLarge,
                    location,
                    "The network '" + networkName + "' has more than " + Format(NetworkRules.MaxValues) + " parameters; make it smaller"));
                return null;
            }

            models.Add(new LayerModel(i + 1, declaration, shape, output, (int)offset, (int)weights, (int)biases));
            offset += weights + biases;
            shape = output;
        }

        return models;
    }

    private static DiagnosticInfo LayerDiagnostic(RuleViolation violation, int number, LayerShape input, LayerDeclaration layer, LocationInfo? location)
    {
        string explanation = NetworkRules.Explain(violation, input, layer);
        string numbered = "Layer " + Format(number) + ": " + explanation;
        return violation switch
        {
            RuleViolation.InvalidSize => DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, location, numbered),
            RuleViolation.WindowLargerThanInput => DiagnosticInfo.Create(DiagnosticDescriptors.WindowLargerThanInput, location, Format(number), explanation),
            RuleViolation.WindowDoesNotTile => DiagnosticInfo.Create(DiagnosticDescriptors.WindowDoesNotTile, location, Format(number), explanation),
            RuleViolation.SpatialLayerAfterFlat => DiagnosticInfo.Create(DiagnosticDescriptors.SpatialLayerAfterFlat, location, Format(number), explanation),
            RuleViolation.SoftmaxNotLast => DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxNotLast, location, Format(number), explanation),
            RuleViolation.UnknownActivation => DiagnosticInfo.Create(
                DiagnosticDescriptors.UnknownEnumValue, location, "(Activation)" + Format((int)layer.Activation), "NetCompiler.Activation"),
            _ => DiagnosticInfo.Create(DiagnosticDescriptors.NetworkTooLarge, location, numbered),
        };
    }

    /// <summary>
    /// The input, layer and loss attributes of the class in source order, or null when one does not
    /// bind. <paramref name="spread"/> is set when any sits outside the declaration carrying [Network].
    /// </summary>
    private static List<(AttributeData Data, SyntaxNode Syntax)>? CollectLayerAttributes(
        INamedTypeSymbol symbol,
        TypeDeclarationSyntax declaration,
        CancellationToken cancellationToken,
        out bool spread)
    {
        spread = false;
        bool bound = true;
        var attributes = new List<(AttributeData Data, SyntaxNode Syntax)>();
        foreach (AttributeData data in symbol.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? name = data.AttributeClass?.ToDisplayString();
            if (name is not (KnownNames.InputAttribute or KnownNames.DenseAttribute or KnownNames.Conv2DAttribute
                or KnownNames.MaxPool2DAttribute or KnownNames.LossAttribute))
            {
                continue;
            }

            SyntaxNode? syntax = data.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
            if (syntax is null)
            {
                bound = false;
                continue;
            }

            if (syntax.SyntaxTree != declaration.SyntaxTree || !declaration.Span.Contains(syntax.Span))
            {
                spread = true;
            }

            bound &= !HasErrors(data);
            attributes.Add((data, syntax));
        }

        attributes.Sort((left, right) => left.Syntax.SpanStart.CompareTo(right.Syntax.SpanStart));
        return bound ? attributes : null;
    }

    private static LayerShape ReadInput(AttributeData data) =>
        data.ConstructorArguments.Length == 3
            ? LayerShape.Spatial(ConstructorInt(data, 0), ConstructorInt(data, 1), ConstructorInt(data, 2))
            : LayerShape.Flat(ConstructorInt(data, 0));

    private static LayerDeclaration ReadLayer(AttributeData data, string name)
    {
        switch (name)
        {
            case KnownNames.DenseAttribute:
                return LayerDeclaration.Dense(ConstructorInt(data, 0), (Activation)ConstructorInt(data, 1));
            case KnownNames.Conv2DAttribute:
                return LayerDeclaration.Conv2D(
                    ConstructorInt(data, 0),
                    ConstructorInt(data, 1),
                    NamedInt(data, "Stride") ?? 1,
                    NamedInt(data, "Padding") ?? 0,
                    (Activation)ConstructorInt(data, 2));
            default:
                int size = ConstructorInt(data, 0);
                return LayerDeclaration.MaxPool2D(size, NamedInt(data, "Stride") ?? size);
        }
    }

    private static bool HasErrors(AttributeData data) =>
        data.AttributeConstructor is null ||
        data.ConstructorArguments.Any(argument => argument.Kind == TypedConstantKind.Error || argument.Value is not (int or string or null)) ||
        data.NamedArguments.Any(argument => argument.Value.Kind == TypedConstantKind.Error);

    private static int ConstructorInt(AttributeData data, int index) =>
        index < data.ConstructorArguments.Length && data.ConstructorArguments[index].Value is int value ? value : 0;

    private static int? NamedInt(AttributeData data, string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in data.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is int value)
            {
                return value;
            }
        }

        return null;
    }

    private static string? NamedString(AttributeData data, string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in data.NamedArguments)
        {
            if (argument.Key == name)
            {
                return argument.Value.Value as string;
            }
        }

        return null;
    }

    /// <summary>The <c>Weights = "…"</c> argument of [Network], or the attribute when it cannot be found.</summary>
    private static LocationInfo? WeightsArgumentLocation(AttributeData network, CancellationToken cancellationToken)
    {
        SyntaxNode? syntax = network.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
        AttributeArgumentSyntax? argument = (syntax as AttributeSyntax)?.ArgumentList?.Arguments
            .FirstOrDefault(candidate => candidate.NameEquals?.Name.Identifier.ValueText == "Weights");
        return LocationInfo.From((SyntaxNode?)argument ?? syntax);
    }

    private static string DirectoryOf(string filePath)
    {
        int separator = System.Math.Max(filePath.LastIndexOf('/'), filePath.LastIndexOf('\\'));
        return separator < 0 ? string.Empty : filePath.Substring(0, separator);
    }

    /// <summary>A type name as it must be written in source: <c>@event</c> for a class named event.</summary>
    private static string SourceName(string name) =>
        SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None ? name : "@" + name;

    private static bool IsPartial(TypeDeclarationSyntax declaration) =>
        declaration.Modifiers.Any(SyntaxKind.PartialKeyword);

    private static string TypeKeyword(INamedTypeSymbol type) =>
        (type.IsRecord, type.TypeKind) switch
        {
            (true, TypeKind.Struct) => "record struct",
            (true, _) => "record",
            (false, TypeKind.Struct) => "struct",
            (false, TypeKind.Interface) => "interface",
            _ => "class",
        };

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
