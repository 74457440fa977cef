namespace NetCompiler.Generators.Model;

/// <summary>A valid network and the weights file it asks for, if any: the input of weights resolution.</summary>
internal sealed record NetworkRequest(NetworkModel Model, WeightsReference? Weights);
