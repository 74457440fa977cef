namespace NetCompiler.Generators.Model;

/// <summary>
/// What the parser makes of one [Network] class: a model when the declaration is valid, and the
/// diagnostics (errors and warnings) it found either way.
/// </summary>
internal sealed record ParseResult(NetworkModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
