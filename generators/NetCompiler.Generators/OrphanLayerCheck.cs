using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using NetCompiler.Generators.Model;

namespace NetCompiler.Generators;

/// <summary>Warns about a class that declares an [Input] but forgot [Network] (NC0019).</summary>
internal static class OrphanLayerCheck
{
    public static DiagnosticInfo? Check(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        bool isNetwork = context.TargetSymbol.GetAttributes()
            .Any(attribute => attribute.AttributeClass?.ToDisplayString() == KnownNames.NetworkAttribute);
        if (isNetwork || context.Attributes.IsEmpty)
        {
            return null;
        }

        SyntaxNode? attributeSyntax = context.Attributes[0].ApplicationSyntaxReference?.GetSyntax(cancellationToken);
        return DiagnosticInfo.Create(
            DiagnosticDescriptors.LayerWithoutNetwork,
            LocationInfo.From(attributeSyntax),
            context.TargetSymbol.Name);
    }
}
