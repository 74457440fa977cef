using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;
using NetCompiler.Shared;

namespace NetCompiler;

/// <summary>
/// A network as data: its input shape, its layers in order, and its loss. Generated networks
/// expose theirs as the static <c>Spec</c>; one can also be built by hand for the
/// <c>ReferenceInterpreter</c>. The constructor applies the same rules as the generator.
/// </summary>
public sealed class NetworkSpec : IEquatable<NetworkSpec>
{
    private readonly int[] _parameterOffsets;

    /// <exception cref="ArgumentNullException"><paramref name="layers"/> or one of its items is null.</exception>
    /// <exception cref="ArgumentException">The layers do not make a network; the message says which layer and why.</exception>
    public NetworkSpec(TensorShape input, IEnumerable<LayerSpec> layers, LossFunction loss = LossFunction.MeanSquaredError)
    {
        ArgumentNullException.ThrowIfNull(layers);
        LayerSpec[] layerArray = layers.ToArray();
        if (Array.IndexOf(layerArray, null) >= 0)
        {
            throw new ArgumentNullException(nameof(layers), "A layer of the network is null.");
        }

        if (NetworkRules.CheckInput(input.ToLayerShape()) != RuleViolation.None)
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "The input shape {0} needs every dimension ≥ 1 and at most {1} values.", input, NetworkRules.MaxValues),
                nameof(input));
        }

        if (layerArray.Length == 0)
        {
            throw new ArgumentException("A network needs at least one layer after its input.", nameof(layers));
        }

        var shapes = new TensorShape[layerArray.Length + 1];
        _parameterOffsets = new int[layerArray.Length + 1];
        shapes[0] = input;
        long parameterCount = 0;
        for (int i = 0; i < layerArray.Length; i++)
        {
            LayerShape layerInput = shapes[i].ToLayerShape();
            LayerDeclaration declaration = layerArray[i].Declaration;
            RuleViolation violation = NetworkRules.Apply(layerInput, declaration, isLast: i == layerArray.Length - 1, out LayerShape layerOutput);
            if (violation != RuleViolation.None)
            {
                throw new ArgumentException(
                    string.Format(CultureInfo.InvariantCulture, "Layer {0}: {1}.", i + 1, NetworkRules.Explain(violation, layerInput, declaration)),
                    nameof(layers));
            }

            shapes[i + 1] = TensorShape.From(layerOutput);
            _parameterOffsets[i] = (int)parameterCount;
            parameterCount += NetworkRules.ParameterCount(layerInput, declaration);
            if (parameterCount > NetworkRules.MaxValues)
            {
                throw new ArgumentException(
                    string.Format(CultureInfo.InvariantCulture, "The network has more than {0} parameters; make it smaller.", NetworkRules.MaxValues),
                    nameof(layers));
            }
        }

        _parameterOffsets[layerArray.Length] = (int)parameterCount;
        Activation lastActivation = layerArray[^1].Activation;
        if (NetworkRules.CheckLoss(loss, lastActivation) is var lossViolation && lossViolation != RuleViolation.None)
        {
            throw new ArgumentException(
                lossViolation == RuleViolation.UnknownLoss
                    ? string.Format(CultureInfo.InvariantCulture, "The loss {0} is not a member of NetCompiler.LossFunction.", (int)loss)
                    : string.Format(CultureInfo.InvariantCulture, "The loss {0} needs a {1} last layer, but the last layer uses {2}.", loss, RequiredLastActivation(loss), lastActivation),
                nameof(loss));
        }

        InputShape = input;
        Layers = new ReadOnlyCollection<LayerSpec>(layerArray);
        Shapes = new ReadOnlyCollection<TensorShape>(shapes);
        Loss = loss;
        ParameterCount = (int)parameterCount;
        IsTrainable = Array.TrueForAll(layerArray, layer => layer.Activation != Activation.Step);
        Structure = NetworkRules.DescribeStructure(input.ToLayerShape(), layerArray.Select(layer => layer.Declaration));
    }

    /// <summary>The shape of the network's input.</summary>
    public TensorShape InputShape { get; }

    /// <summary>The layers, first to last.</summary>
    public IReadOnlyList<LayerSpec> Layers { get; }

    /// <summary>The loss the network is trained with.</summary>
    public LossFunction Loss { get; }

    /// <summary>The shapes between the layers: <c>Shapes[0]</c> is the input, <c>Shapes[i + 1]</c> the output of layer i.</summary>
    public IReadOnlyList<TensorShape> Shapes { get; }

    /// <summary>The shape of the network's output, that of its last layer.</summary>
    public TensorShape OutputShape => Shapes[^1];

    /// <summary>The number of input values.</summary>
    public int InputSize => InputShape.Size;

    /// <summary>The number of output values.</summary>
    public int OutputSize => OutputShape.Size;

    /// <summary>All weights and biases together.</summary>
    public int ParameterCount { get; }

    /// <summary>Whether backpropagation can train the network: false when a layer uses <see cref="Activation.Step"/>.</summary>
    public bool IsTrainable { get; }

    /// <summary>
    /// The canonical one-line text of the layer structure (without the loss), which weights
    /// files carry to tell which network they belong to.
    /// </summary>
    public string Structure { get; }

    /// <summary>Where layer <paramref name="layer"/>'s weights start in the parameter block; its biases follow them.</summary>
    public int GetParameterOffset(int layer) => _parameterOffsets[CheckLayer(layer)];

    /// <summary>How many weights layer <paramref name="layer"/> has (0 for pooling).</summary>
    public int GetWeightCount(int layer) =>
        (int)NetworkRules.WeightCount(Shapes[CheckLayer(layer)].ToLayerShape(), Layers[layer].Declaration);

    /// <summary>How many biases layer <paramref name="layer"/> has (0 for pooling).</summary>
    public int GetBiasCount(int layer) => (int)NetworkRules.BiasCount(Layers[CheckLayer(layer)].Declaration);

    public bool Equals(NetworkSpec? other) =>
        other is not null && InputShape.Equals(other.InputShape) && Loss == other.Loss && Layers.SequenceEqual(other.Layers);

    public override bool Equals(object? obj) => Equals(obj as NetworkSpec);

    public override int GetHashCode() => HashCode.Combine(Structure, Loss);

    /// <summary>"Input(2) Dense(6, Tanh) Dense(2, Softmax) Loss(CrossEntropy)".</summary>
    public override string ToString() => Structure + " Loss(" + Loss + ")";

    internal static Activation RequiredLastActivation(LossFunction loss) =>
        loss == LossFunction.CrossEntropy ? Activation.Softmax : Activation.Sigmoid;

    private int CheckLayer(int layer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(layer, Layers.Count);
        return layer;
    }
}
