using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetCompiler;

/// <summary>
/// The lane operations of a float vector kernel that is written once for two vector types:
/// <see cref="Vector{T}"/> (<see cref="VectorOperations"/>) and <see cref="Vector128{T}"/>
/// (<see cref="Vector128Operations"/>), the width of a small layer of at most four values. Each
/// instantiation is compiled on its own, so every member inlines to the vector type's own instruction.
/// </summary>
/// <typeparam name="TVector">The vector type.</typeparam>
internal interface IFloatVectorOperations<TVector>
    where TVector : struct
{
    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TVector Create(float value);

    /// <summary>a·b per lane.</summary>
    static abstract TVector Multiply(TVector a, TVector b);

    /// <summary>a / b per lane.</summary>
    static abstract TVector Divide(TVector a, TVector b);

    /// <summary>a·b + c per lane, fused exactly when <see cref="MulAdd"/> fuses it.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

    /// <summary>Per lane: <paramref name="then"/> where |x| ≥ <paramref name="limit"/>, <paramref name="otherwise"/> elsewhere (and where x is NaN).</summary>
    static abstract TVector WhereMagnitudeAtLeast(TVector x, float limit, TVector then, TVector otherwise);

    /// <summary>1 with the sign of x, per lane.</summary>
    static abstract TVector SignedOne(TVector x);
}

/// <summary><see cref="IFloatVectorOperations{TVector}"/> on <see cref="Vector{T}"/>.</summary>
internal readonly struct VectorOperations : IFloatVectorOperations<Vector<float>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Create(float value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Multiply(Vector<float> a, Vector<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Divide(Vector<float> a, Vector<float> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> MultiplyAdd(Vector<float> a, Vector<float> b, Vector<float> c) => MulAdd.Of(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> WhereMagnitudeAtLeast(Vector<float> x, float limit, Vector<float> then, Vector<float> otherwise) =>
        Vector.ConditionalSelect(Vector.GreaterThanOrEqual(Vector.Abs(x), new Vector<float>(limit)), then, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> SignedOne(Vector<float> x) =>
        Vector.AsVectorSingle((Vector.AsVectorInt32(x) & new Vector<int>(int.MinValue)) | Vector.AsVectorInt32(Vector<float>.One));
}

/// <summary><see cref="IFloatVectorOperations{TVector}"/> on <see cref="Vector128{T}"/>.</summary>
internal readonly struct Vector128Operations : IFloatVectorOperations<Vector128<float>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Create(float value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Divide(Vector128<float> a, Vector128<float> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => MulAdd.Of(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> WhereMagnitudeAtLeast(Vector128<float> x, float limit, Vector128<float> then, Vector128<float> otherwise) =>
        Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(Vector128.Abs(x), Vector128.Create(limit)), then, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> SignedOne(Vector128<float> x) =>
        ((x.AsInt32() & Vector128.Create(int.MinValue)) | Vector128<float>.One.AsInt32()).AsSingle();
}
