using System;

namespace NetCompiler;

/// <summary>
/// A fully connected layer: z = Wa + b, a′ = f(z), with W of shape [units, inputs]. An image
/// input is flattened in CHW order.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : Attribute
{
    public DenseAttribute(int units, Activation activation = Activation.Identity)
    {
        Units = units;
        Activation = activation;
    }

    /// <summary>The number of units (outputs) of the layer.</summary>
    public int Units { get; }

    /// <summary>The function applied to each unit's weighted input.</summary>
    public Activation Activation { get; }
}
