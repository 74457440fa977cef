namespace NetCompiler.Generators.Model;

/// <summary>
/// A network after its weights file (if any) was found and validated: the source to emit, or the
/// diagnostics and the stand-in to write instead.
/// </summary>
internal sealed record ResolvedNetwork(NetworkSource? Source, StandIn? StandIn, EquatableArray<DiagnosticInfo> Diagnostics);
