using NetCompiler.Generators.Model;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// Where a network instance keeps its working values, in one array laid out once: the
/// activations a⁰ (a copy of the input) … aᴸ, the output layer's weighted input zᴸ, and the
/// deltas δ⁰ (dJ/d input) … δᴸ. Every region is padded to a multiple of
/// <see cref="Alignment"/> values, so vector loops over a layer need no scalar tail.
/// </summary>
internal sealed class StateLayout
{
    /// <summary>The most values one <c>Vector&lt;T&gt;</c> holds on any current hardware (AVX-512 floats).</summary>
    public const int Alignment = 16;

    private readonly int[] _activations;
    private readonly int[] _deltas;

    public StateLayout(NetworkModel network)
    {
        int layers = network.Layers.Count;
        _activations = new int[layers + 1];
        _deltas = new int[layers + 1];
        int offset = 0;
        for (int i = 0; i <= layers; i++)
        {
            _activations[i] = offset;
            offset += Padded(SizeAt(network, i));
        }

        OutputWeightedInput = offset;
        offset += Padded(network.OutputSize);
        for (int i = 0; i <= layers; i++)
        {
            _deltas[i] = offset;
            offset += Padded(SizeAt(network, i));
        }

        Size = offset;
        int largest = 0;
        for (int i = 1; i <= layers; i++)
        {
            largest = System.Math.Max(largest, Padded(SizeAt(network, i)));
        }

        LargestLayer = largest;
    }

    /// <summary>The number of values in the state array.</summary>
    public int Size { get; }

    /// <summary>Offset of zᴸ, the output layer's weighted input, which the losses and softmax need.</summary>
    public int OutputWeightedInput { get; }

    /// <summary>The padded size of the largest layer output: the half of <c>Infer</c>'s ping-pong buffer.</summary>
    public int LargestLayer { get; }

    /// <summary><paramref name="size"/> rounded up to a multiple of <see cref="Alignment"/>.</summary>
    public static int Padded(int size) => (size + Alignment - 1) / Alignment * Alignment;

    /// <summary>Offset of aˡ (l = 0 is the input).</summary>
    public int Activation(int layer) => _activations[layer];

    /// <summary>Offset of δˡ = dJ/dzˡ (l = 0: dJ/d input).</summary>
    public int Delta(int layer) => _deltas[layer];

    private static int SizeAt(NetworkModel network, int layer) =>
        layer == 0 ? network.InputSize : network.Layers[layer - 1].OutputSize;
}
