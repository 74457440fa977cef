using NetCompiler.Shared;

namespace NetCompiler.Generators.Model;

/// <summary>
/// One layer with everything the emitter needs: the declaration, the shapes it maps between,
/// and where its weights and biases sit in the parameter block.
/// </summary>
/// <param name="Number">1-based position in the network, as in the lecture's superscripts.</param>
internal sealed record LayerModel(
    int Number,
    LayerDeclaration Declaration,
    LayerShape Input,
    LayerShape Output,
    int WeightOffset,
    int WeightCount,
    int BiasCount)
{
    public int BiasOffset => WeightOffset + WeightCount;

    public int InputSize => (int)Input.Size;

    public int OutputSize => (int)Output.Size;

    public LayerKind Kind => Declaration.Kind;

    public Activation Activation => Declaration.Activation;
}
