using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetCompiler;

/// <summary>
/// <see cref="Vector{T}"/> as an <see cref="ILanes{TSelf, T}"/>: the width the runtime chose
/// (128 or 256 bits, or 512 with <c>DOTNET_MaxVectorTBitWidth=512</c>). Public only because
/// generated code lives in the user's assembly; not meant to be used directly.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Lanes<T> : ILanes<Lanes<T>, T>
    where T : unmanaged
{
    private readonly Vector<T> _value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Lanes(Vector<T> value) => _value = value;

    /// <inheritdoc/>
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector<T>.Count;
    }

    /// <inheritdoc/>
    public static Lanes<T> Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => default;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<T> Create(T value) => new(new Vector<T>(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<T> Load(ref T origin, int index) => new(Vector.LoadUnsafe(ref origin, (nuint)index));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes<T> value, ref T origin, int index) => Vector.StoreUnsafe(value._value, ref origin, (nuint)index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<T> MultiplyAdd(Lanes<T> a, Lanes<T> b, Lanes<T> c)
    {
        if (typeof(T) == typeof(float))
        {
            return new(Vector.As<float, T>(MulAdd.Of(Vector.As<T, float>(a._value), Vector.As<T, float>(b._value), Vector.As<T, float>(c._value))));
        }

        if (typeof(T) == typeof(double))
        {
            return new(Vector.As<double, T>(MulAdd.Of(Vector.As<T, double>(a._value), Vector.As<T, double>(b._value), Vector.As<T, double>(c._value))));
        }

        return new((a._value * b._value) + c._value);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<T> operator +(Lanes<T> left, Lanes<T> right) => new(left._value + right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<T> operator -(Lanes<T> left, Lanes<T> right) => new(left._value - right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<T> operator *(Lanes<T> left, Lanes<T> right) => new(left._value * right._value);
}
