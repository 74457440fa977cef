namespace NetCompiler.Generators.Model;

/// <summary>A network after its weights file (if any) was found and validated: the source to emit, or diagnostics.</summary>
internal sealed record ResolvedNetwork(NetworkSource? Source, EquatableArray<DiagnosticInfo> Diagnostics);
