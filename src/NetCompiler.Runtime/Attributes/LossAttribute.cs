using System;

namespace NetCompiler;

/// <summary>
/// The loss the network is trained with. Optional: <see cref="LossFunction.MeanSquaredError"/>
/// when absent. <see cref="AttributeUsageAttribute.AllowMultiple"/> is <see langword="true"/> only
/// so that the generator can explain a second loss (diagnostic NC0013).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LossAttribute : Attribute
{
    public LossAttribute(LossFunction loss)
    {
        Loss = loss;
    }

    public LossFunction Loss { get; }
}
