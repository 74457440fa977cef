using System.ComponentModel;

namespace NetCompiler;

/// <summary>
/// The sizes of one large dense layer, for the kernels of <see cref="DenseForward"/> and
/// <see cref="DenseBackward"/>: the generated code declares a struct per layer that returns its
/// sizes here, and the kernels, instantiated with that struct, are compiled by the JIT once per
/// layer with every size a constant (loop bounds, strides, which form runs). Public only because
/// generated code lives in the user's assembly; not meant to be implemented by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IDenseShape
{
    /// <summary>Rows of W: the layer's outputs.</summary>
    static abstract int Units { get; }

    /// <summary>Columns of W: the layer's inputs.</summary>
    static abstract int Inputs { get; }

    /// <summary>Values from one example's z (or δ) to the next in a batch: <see cref="Units"/> padded to whole vectors.</summary>
    static abstract int PaddedUnits { get; }

    /// <summary>Values from one example's dJ/da to the next in a batch: <see cref="Inputs"/> padded to whole vectors.</summary>
    static abstract int PaddedInputs { get; }
}
