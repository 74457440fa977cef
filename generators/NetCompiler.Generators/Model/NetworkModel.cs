using System.Linq;
using NetCompiler.Shared;

namespace NetCompiler.Generators.Model;

/// <summary>
/// Everything the emitter needs about one network, as plain equatable data: no symbols, no
/// syntax, no locations, so that an unrelated edit leaves it equal and the output cached.
/// </summary>
internal sealed record NetworkModel(
    string? Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string ClassName,
    Precision Precision,
    LossFunction Loss,
    LayerShape Input,
    EquatableArray<LayerModel> Layers,
    bool DeclaresLoss,
    string? WeightsPath)
{
    public LayerModel OutputLayer => Layers[Layers.Count - 1];

    public int InputSize => (int)Input.Size;

    public int OutputSize => OutputLayer.OutputSize;

    public int ParameterCount => OutputLayer.BiasOffset + OutputLayer.BiasCount;

    /// <summary>Whether backpropagation can train it: no layer uses the Step activation.</summary>
    public bool IsTrainable => Layers.All(layer => layer.Activation != Activation.Step);

    /// <summary>The canonical structure text, as weights files carry it.</summary>
    public string Structure => NetworkRules.DescribeStructure(Input, Layers.Select(layer => layer.Declaration));

    /// <summary>
    /// The type name with its namespace and containing types, for the hint name and messages;
    /// without the @ of escaped keywords, which hint names do not allow.
    /// </summary>
    public string FullName =>
        string.Join(".", new[] { Namespace }.Concat(ContainingTypes.Select(type => type.Name)).Concat(new[] { ClassName }).Where(part => part is not null))
            .Replace("@", string.Empty);
}
