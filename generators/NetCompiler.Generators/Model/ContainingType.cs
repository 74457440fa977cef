namespace NetCompiler.Generators.Model;

/// <summary>A type the network class is nested in: its keyword ("class", "struct", "record") and name.</summary>
internal sealed record ContainingType(string Keyword, string Name);
