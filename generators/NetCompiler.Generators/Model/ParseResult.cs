namespace NetCompiler.Generators.Model;

/// <summary>
/// What the parser makes of one [Network] class: a model when the declaration is valid, the
/// weights file it asks for (if any), and the diagnostics it found either way.
/// </summary>
internal sealed record ParseResult(NetworkModel? Model, WeightsReference? Weights, EquatableArray<DiagnosticInfo> Diagnostics);
