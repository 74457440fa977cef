using NetCompiler.Shared;

namespace NetCompiler;

/// <summary>A fully connected layer: z = Wa + b, with W of shape [units, inputs].</summary>
public sealed class DenseLayerSpec : LayerSpec
{
    public DenseLayerSpec(int units, Activation activation = Activation.Identity)
    {
        Units = units;
        Activation = activation;
    }

    public int Units { get; }

    public override Activation Activation { get; }

    internal override LayerDeclaration Declaration => LayerDeclaration.Dense(Units, Activation);
}
