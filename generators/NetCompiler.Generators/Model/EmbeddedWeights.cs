namespace NetCompiler.Generators.Model;

/// <summary>The values of a validated weights file, to be compiled in, and the file they came from.</summary>
internal sealed record EmbeddedWeights(string Path, string Checksum, EquatableArray<double> Values);
