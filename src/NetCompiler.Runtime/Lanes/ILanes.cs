using System.ComponentModel;

namespace NetCompiler;

/// <summary>
/// One vector width for generated kernels that are written once and compiled by the JIT for the
/// width the machine runs best: <see cref="Lanes512{T}"/> where the CPU has full-speed 512-bit
/// vectors (AVX-512), <see cref="Lanes{T}"/> (<see cref="System.Numerics.Vector{T}"/>) otherwise.
/// A kernel is a generic method over <typeparamref name="TSelf"/>; each instantiation is compiled
/// on its own, so these static members inline to single instructions. Generated code uses the
/// width only for element-wise work (∇W += δaᵀ, dJ/da += δⱼWⱼ, the gradient step), where every
/// element adds its terms in the same order at any width. Public only because generated code
/// lives in the user's assembly; not meant to be used directly.
/// </summary>
/// <typeparam name="TSelf">The implementing vector type.</typeparam>
/// <typeparam name="T">float or double.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ILanes<TSelf, T>
    where TSelf : struct, ILanes<TSelf, T>
    where T : unmanaged
{
    /// <summary>Values per vector; a constant once the JIT has compiled the kernel.</summary>
    static abstract int Count { get; }

    /// <summary>Every lane zero.</summary>
    static abstract TSelf Zero { get; }

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TSelf Create(T value);

    /// <summary>The <see cref="Count"/> values from <paramref name="index"/> places after <paramref name="origin"/>, unchecked.</summary>
    static abstract TSelf Load(ref T origin, int index);

    /// <summary>Writes <paramref name="value"/> to the <see cref="Count"/> values from <paramref name="index"/> places after <paramref name="origin"/>, unchecked.</summary>
    static abstract void Store(TSelf value, ref T origin, int index);

    /// <summary>a·b + c per lane, fused exactly when <see cref="VectorMath.MultiplyAdd(System.Numerics.Vector{float}, System.Numerics.Vector{float}, System.Numerics.Vector{float})"/> is.</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf c);

    static abstract TSelf operator +(TSelf left, TSelf right);

    static abstract TSelf operator -(TSelf left, TSelf right);

    static abstract TSelf operator *(TSelf left, TSelf right);
}
