namespace NetCompiler.Generators.Model;

/// <summary>
/// What the parser makes of one [Network] class: a model when the declaration is valid, the
/// weights file it asks for (if any), and the diagnostics it found either way; when it is not
/// valid but the class can take members, the stand-in to write in place of its code.
/// </summary>
internal sealed record ParseResult(NetworkModel? Model, WeightsReference? Weights, StandIn? StandIn, EquatableArray<DiagnosticInfo> Diagnostics);
