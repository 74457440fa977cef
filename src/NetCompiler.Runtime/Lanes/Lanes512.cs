using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetCompiler;

/// <summary>
/// <see cref="Vector512{T}"/> as an <see cref="ILanes{TSelf, T}"/>: generated code takes it where
/// <see cref="IsHardwareAccelerated"/>, so on CPUs with full-speed AVX-512 the element-wise kernels
/// of training move 64 bytes per instruction whatever width <see cref="System.Numerics.Vector{T}"/>
/// has. Public only because generated code lives in the user's assembly; not meant to be used directly.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Lanes512<T> : ILanes<Lanes512<T>, T>
    where T : unmanaged
{
    private readonly Vector512<T> _value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Lanes512(Vector512<T> value) => _value = value;

    /// <summary>
    /// Whether the JIT runs 512-bit vectors in hardware and judges them worth it (it does not on
    /// CPUs that slow down under AVX-512); a constant once compiled.
    /// </summary>
    public static bool IsHardwareAccelerated
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.IsHardwareAccelerated;
    }

    /// <inheritdoc/>
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512<T>.Count;
    }

    /// <inheritdoc/>
    public static Lanes512<T> Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => default;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Create(T value) => new(Vector512.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Load(ref T origin, int index) => new(Vector512.LoadUnsafe(ref origin, (nuint)index));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes512<T> value, ref T origin, int index) => Vector512.StoreUnsafe(value._value, ref origin, (nuint)index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> MultiplyAdd(Lanes512<T> a, Lanes512<T> b, Lanes512<T> c)
    {
        if (typeof(T) == typeof(float))
        {
            return new(MulAdd.Of(a._value.As<T, float>(), b._value.As<T, float>(), c._value.As<T, float>()).As<float, T>());
        }

        if (typeof(T) == typeof(double))
        {
            return new(MulAdd.Of(a._value.As<T, double>(), b._value.As<T, double>(), c._value.As<T, double>()).As<double, T>());
        }

        return new((a._value * b._value) + c._value);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> operator +(Lanes512<T> left, Lanes512<T> right) => new(left._value + right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> operator -(Lanes512<T> left, Lanes512<T> right) => new(left._value - right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> operator *(Lanes512<T> left, Lanes512<T> right) => new(left._value * right._value);
}
