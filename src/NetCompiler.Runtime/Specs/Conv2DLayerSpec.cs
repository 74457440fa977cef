using NetCompiler.Shared;

namespace NetCompiler;

/// <summary>
/// A 2-D convolution with square kernels and zero padding; weights of shape
/// [filters, inChannels, kernelSize, kernelSize].
/// </summary>
public sealed class Conv2DLayerSpec : LayerSpec
{
    public Conv2DLayerSpec(int filters, int kernelSize, Activation activation = Activation.Identity, int stride = 1, int padding = 0)
    {
        Filters = filters;
        KernelSize = kernelSize;
        Activation = activation;
        Stride = stride;
        Padding = padding;
    }

    public int Filters { get; }

    public int KernelSize { get; }

    public int Stride { get; }

    public int Padding { get; }

    public override Activation Activation { get; }

    internal override LayerDeclaration Declaration => LayerDeclaration.Conv2D(Filters, KernelSize, Stride, Padding, Activation);
}
