using NetCompiler.Shared;

namespace NetCompiler;

/// <summary>Max-pooling over square windows of each channel; no parameters.</summary>
public sealed class MaxPool2DLayerSpec : LayerSpec
{
    /// <param name="size">The side of the window.</param>
    /// <param name="stride">The step between windows; <paramref name="size"/> when <see langword="null"/>.</param>
    public MaxPool2DLayerSpec(int size, int? stride = null)
    {
        Size = size;
        Stride = stride ?? size;
    }

    public int Size { get; }

    public int Stride { get; }

    public override Activation Activation => Activation.Identity;

    internal override LayerDeclaration Declaration => LayerDeclaration.MaxPool2D(Size, Stride);
}
