using System.Linq;
using Microsoft.CodeAnalysis;

namespace NetCompiler.Generators.Model;

/// <summary>A diagnostic as plain, equatable data: the descriptor, where, and the message arguments.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor, location, new EquatableArray<string>(arguments));

    /// <summary>
    /// The diagnostic, located in the compilation's own syntax tree when there is one for the file,
    /// so that <c>#pragma warning disable</c> and editors treat it like any compiler diagnostic.
    /// </summary>
    public Diagnostic ToDiagnostic(Compilation compilation)
    {
        Location? location = null;
        if (Location is not null)
        {
            SyntaxTree? tree = compilation.SyntaxTrees.FirstOrDefault(candidate => candidate.FilePath == Location.FilePath);
            location = tree is not null && Location.Span.End <= tree.Length
                ? Microsoft.CodeAnalysis.Location.Create(tree, Location.Span)
                : Location.ToLocation();
        }

        return Diagnostic.Create(Descriptor, location, Arguments.ToArray<object>());
    }
}
