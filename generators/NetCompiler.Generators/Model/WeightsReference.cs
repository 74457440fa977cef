namespace NetCompiler.Generators.Model;

/// <summary>
/// A <c>[Network(Weights = "…")]</c> path as written, where it was written (for diagnostics), and
/// the folder of the file that wrote it (a relative path is resolved against it first).
/// </summary>
internal sealed record WeightsReference(string Path, string SourceDirectory, LocationInfo? Location);
