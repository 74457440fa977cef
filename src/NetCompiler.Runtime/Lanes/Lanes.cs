using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetCompiler;

/// <summary>
/// The operations of <see cref="Vector{T}"/>, as an <see cref="ILanes{TVector, T}"/>: the width the
/// runtime chose (128 or 256 bits, or 512 with <c>DOTNET_MaxVectorTBitWidth=512</c>). Public only
/// because generated code lives in the user's assembly; not meant to be used directly.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Lanes<T> : ILanes<Vector<T>, T>
    where T : unmanaged
{
    /// <inheritdoc/>
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector<T>.Count;
    }

    /// <inheritdoc/>
    public static Vector<T> Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector<T>.Zero;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Create(T value) => new(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsZero(Vector<T> value) => Vector.AsVectorByte(value) == Vector<byte>.Zero;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Load(ref T origin, int index) => Vector.LoadUnsafe(ref origin, (nuint)index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector<T> value, ref T origin, int index) => Vector.StoreUnsafe(value, ref origin, (nuint)index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Add(Vector<T> a, Vector<T> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Subtract(Vector<T> a, Vector<T> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Multiply(Vector<T> a, Vector<T> b) => a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> MultiplyAdd(Vector<T> a, Vector<T> b, Vector<T> c)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector.As<float, T>(MulAdd.Of(Vector.As<T, float>(a), Vector.As<T, float>(b), Vector.As<T, float>(c)));
        }

        if (typeof(T) == typeof(double))
        {
            return Vector.As<double, T>(MulAdd.Of(Vector.As<T, double>(a), Vector.As<T, double>(b), Vector.As<T, double>(c)));
        }

        return (a * b) + c;
    }
}
