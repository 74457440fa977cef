namespace NetCompiler.Generators.Model;

/// <summary>Everything one generated file is made from: the network, and the weights it embeds if any.</summary>
internal sealed record NetworkSource(NetworkModel Model, EmbeddedWeights? Weights);
