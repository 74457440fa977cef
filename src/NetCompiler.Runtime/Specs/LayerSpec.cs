using System;
using NetCompiler.Shared;

namespace NetCompiler;

/// <summary>One layer of a <see cref="NetworkSpec"/>, as data.</summary>
public abstract class LayerSpec : IEquatable<LayerSpec>
{
    private protected LayerSpec()
    {
    }

    /// <summary>The function applied to the layer's weighted input.</summary>
    public abstract Activation Activation { get; }

    internal abstract LayerDeclaration Declaration { get; }

    public bool Equals(LayerSpec? other) => other is not null && Declaration.Equals(other.Declaration);

    public override bool Equals(object? obj) => Equals(obj as LayerSpec);

    public override int GetHashCode() => Declaration.GetHashCode();

    /// <summary>The layer as it is declared: "Dense(6, Tanh)".</summary>
    public override string ToString() => Declaration.ToString();
}
