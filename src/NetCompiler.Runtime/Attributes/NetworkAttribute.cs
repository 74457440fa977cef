using System;

namespace NetCompiler;

/// <summary>
/// Marks a <see langword="partial"/> class as a neural network for the NetCompiler source
/// generator. The layers follow as attributes on the same declaration, in order: one
/// <see cref="InputAttribute"/>, then <see cref="DenseAttribute"/>, <see cref="Conv2DAttribute"/>
/// and <see cref="MaxPool2DAttribute"/> layers, and optionally a <see cref="LossAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>The floating-point type the generated code computes in. <see cref="Precision.Single"/> by default.</summary>
    public Precision Precision { get; set; } = Precision.Single;

    /// <summary>
    /// The path of a weights file (an <c>&lt;AdditionalFiles&gt;</c> item) whose parameters are
    /// compiled into the assembly as <c>EmbeddedParameters</c>; the parameterless constructor
    /// then starts from them. <see langword="null"/> for none.
    /// </summary>
    public string? Weights { get; set; }
}
