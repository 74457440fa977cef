using System.Linq;

namespace NetCompiler.Generators.Model;

/// <summary>
/// Where a network class is declared, as written in source: its namespace (null for the global
/// one), the types it is nested in, outermost first, and its name (keywords escaped, <c>@class</c>).
/// </summary>
internal sealed record NetworkType(string? Namespace, EquatableArray<ContainingType> ContainingTypes, string ClassName)
{
    /// <summary>
    /// The type name with its namespace and containing types, for the hint name and messages;
    /// without the @ of escaped keywords, which hint names do not allow.
    /// </summary>
    public string FullName =>
        string.Join(".", new[] { Namespace }.Concat(ContainingTypes.Select(type => type.Name)).Concat(new[] { ClassName }).Where(part => part is not null))
            .Replace("@", string.Empty);
}
