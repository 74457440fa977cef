using System;

namespace NetCompiler;

/// <summary>
/// A two-dimensional convolution (cross-correlation, as in PyTorch) with square kernels and
/// zero padding. Weights have shape [filters, inChannels, kernelSize, kernelSize].
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv2DAttribute : Attribute
{
    public Conv2DAttribute(int filters, int kernelSize, Activation activation = Activation.Identity)
    {
        Filters = filters;
        KernelSize = kernelSize;
        Activation = activation;
    }

    /// <summary>The number of filters, which is the number of output channels.</summary>
    public int Filters { get; }

    /// <summary>The side of the square kernel.</summary>
    public int KernelSize { get; }

    /// <summary>The function applied to each output value.</summary>
    public Activation Activation { get; }

    /// <summary>The step between kernel positions. 1 by default.</summary>
    public int Stride { get; set; } = 1;

    /// <summary>Zeros added on every side of the input. 0 by default.</summary>
    public int Padding { get; set; }
}
