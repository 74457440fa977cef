using System.ComponentModel;

namespace NetCompiler;

/// <summary>
/// The operations of one vector width, for generated kernels that are written once and compiled by
/// the JIT for the width the machine runs best: <see cref="Lanes512{T}"/> (<c>Vector512&lt;T&gt;</c>)
/// where the CPU has full-speed 512-bit vectors (AVX-512), <see cref="Lanes{T}"/>
/// (<see cref="System.Numerics.Vector{T}"/>) otherwise. A kernel is a generic method over the vector
/// type <typeparamref name="TVector"/> and these operations; each instantiation is compiled on its
/// own, so the static members inline to single instructions on the vector type itself (a loaded
/// vector folds into its multiply-add). Generated code uses it for the training kernels of large
/// dense layers and the gradient step, which are element-wise: every value is computed in the same
/// order at any width.
/// Public only because generated code lives in the user's assembly; not meant to be used directly.
/// </summary>
/// <typeparam name="TVector">The vector type: <c>Vector&lt;T&gt;</c> or <c>Vector512&lt;T&gt;</c>.</typeparam>
/// <typeparam name="T">float or double.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ILanes<TVector, T>
    where TVector : struct
    where T : unmanaged
{
    /// <summary>Values per vector; a constant once the JIT has compiled the kernel.</summary>
    static abstract int Count { get; }

    /// <summary>Every lane zero.</summary>
    static abstract TVector Zero { get; }

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TVector Create(T value);

    /// <summary>Whether every bit of <paramref name="value"/> is zero: every lane +0 (not −0).</summary>
    static abstract bool IsZero(TVector value);

    /// <summary>The <see cref="Count"/> values from <paramref name="index"/> places after <paramref name="origin"/>, unchecked.</summary>
    static abstract TVector Load(ref T origin, int index);

    /// <summary>Writes <paramref name="value"/> to the <see cref="Count"/> values from <paramref name="index"/> places after <paramref name="origin"/>, unchecked.</summary>
    static abstract void Store(TVector value, ref T origin, int index);

    /// <summary>a + b per lane.</summary>
    static abstract TVector Add(TVector a, TVector b);

    /// <summary>a − b per lane.</summary>
    static abstract TVector Subtract(TVector a, TVector b);

    /// <summary>a·b per lane.</summary>
    static abstract TVector Multiply(TVector a, TVector b);

    /// <summary>a·b + c per lane, fused exactly when <see cref="VectorMath.MultiplyAdd(System.Numerics.Vector{float}, System.Numerics.Vector{float}, System.Numerics.Vector{float})"/> is.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);
}
