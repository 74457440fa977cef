using System.Linq;
using NetCompiler.Shared;

namespace NetCompiler.Generators.Model;

/// <summary>
/// Everything the emitter needs about one network, as plain equatable data: no symbols, no
/// syntax, no locations, so that an unrelated edit leaves it equal and the output cached.
/// </summary>
internal sealed record NetworkModel(
    NetworkType Type,
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

    public string ClassName => Type.ClassName;

    /// <summary>The stand-in written in place of this network's code when its weights file fails.</summary>
    public StandIn StandIn => new(Type, Precision, WeightsPath is not null);
}
