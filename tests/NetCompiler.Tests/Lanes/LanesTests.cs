using System;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace NetCompiler.Tests.Lanes;

/// <summary>
/// <see cref="Lanes{T}"/> and <see cref="Lanes512{T}"/>, the vector widths of the training kernels of
/// large dense layers: every operation lane by lane against the scalar arithmetic (and, for the
/// multiply-add, against the runtime's scalar rule, which fuses exactly when the vector form does).
/// </summary>
public class LanesTests
{
    [Fact]
    public void CountsAreTheWidthsOfTheirVectors()
    {
        Assert.Equal(Vector<float>.Count, Lanes<float>.Count);
        Assert.Equal(Vector<double>.Count, Lanes<double>.Count);
        Assert.Equal(16, Lanes512<float>.Count);
        Assert.Equal(8, Lanes512<double>.Count);
        Assert.Equal(Vector512.IsHardwareAccelerated, Lanes512<float>.IsHardwareAccelerated);
    }

    [Fact]
    public void FloatLanesComputeEveryLaneAsScalars() => AssertLaneByLane<Vector<float>, Lanes<float>, float>(MulAdd.Of);

    [Fact]
    public void DoubleLanesComputeEveryLaneAsScalars() => AssertLaneByLane<Vector<double>, Lanes<double>, double>(MulAdd.Of);

    [Fact]
    public void Float512LanesComputeEveryLaneAsScalars() => AssertLaneByLane<Vector512<float>, Lanes512<float>, float>(MulAdd.Of);

    [Fact]
    public void Double512LanesComputeEveryLaneAsScalars() => AssertLaneByLane<Vector512<double>, Lanes512<double>, double>(MulAdd.Of);

    [Fact]
    public void FloatLanesAreZeroOnlyWhenEveryBitIs() => AssertIsZero<Vector<float>, Lanes<float>, float>();

    [Fact]
    public void DoubleLanesAreZeroOnlyWhenEveryBitIs() => AssertIsZero<Vector<double>, Lanes<double>, double>();

    [Fact]
    public void Float512LanesAreZeroOnlyWhenEveryBitIs() => AssertIsZero<Vector512<float>, Lanes512<float>, float>();

    [Fact]
    public void Double512LanesAreZeroOnlyWhenEveryBitIs() => AssertIsZero<Vector512<double>, Lanes512<double>, double>();

    /// <summary>
    /// All +0 is zero; −0, the smallest subnormal or NaN in any one lane is not (a −0 gradient still
    /// has a step to take and a sign to clear).
    /// </summary>
    private static void AssertIsZero<TVector, TLanes, T>()
        where TVector : struct
        where TLanes : struct, ILanes<TVector, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int count = TLanes.Count;
        Assert.True(TLanes.IsZero(TLanes.Zero));
        Assert.True(TLanes.IsZero(TLanes.Create(T.Zero)));
        foreach (T odd in new[] { T.NegativeZero, T.Epsilon, T.NaN })
        {
            for (int lane = 0; lane < count; lane++)
            {
                var values = new T[count];
                values[lane] = odd;
                Assert.False(TLanes.IsZero(TLanes.Load(ref values[0], 0)), $"{typeof(TLanes).Name}: {odd} in lane {lane} taken for zero");
            }
        }
    }

    /// <summary>
    /// Loads at an offset, computes a·b + c, a + b, a − b and a·b, broadcasts and zero, stores at an offset, and compares
    /// every lane with the same operation on scalars; the values around the stored lanes must stay
    /// untouched.
    /// </summary>
    private static void AssertLaneByLane<TVector, TLanes, T>(Func<T, T, T, T> scalarMultiplyAdd)
        where TVector : struct
        where TLanes : struct, ILanes<TVector, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int count = TLanes.Count;
        const int offset = 3;
        var a = new T[count + (2 * offset)];
        var b = new T[a.Length];
        var c = new T[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            // c = −round(a·b): an unfused a·b + c is exactly 0, a fused one the rounding error of a·b,
            // so a multiply-add that fuses when the rule says not to (or the other way) fails.
            a[i] = T.CreateTruncating(1.0 / (i + 3)) + T.CreateTruncating(0.1 * i);
            b[i] = T.CreateTruncating(-7.0 / (i + 11));
            c[i] = -(a[i] * b[i]);
        }

        TVector x = TLanes.Load(ref a[0], offset);
        TVector y = TLanes.Load(ref b[0], offset);
        TVector z = TLanes.Load(ref c[0], offset);
        T sentinel = T.CreateTruncating(12345);
        (TVector Value, Func<int, T> Expected, string Name)[] cases =
        [
            (TLanes.MultiplyAdd(x, y, z), i => scalarMultiplyAdd(a[i], b[i], c[i]), "a·b + c"),
            (TLanes.Add(x, y), i => a[i] + b[i], "a + b"),
            (TLanes.Subtract(x, y), i => a[i] - b[i], "a − b"),
            (TLanes.Multiply(x, y), i => a[i] * b[i], "a·b"),
            (x, i => a[i], "load"),
            (TLanes.Create(c[offset]), _ => c[offset], "broadcast"),
            (TLanes.Zero, _ => T.Zero, "zero"),
        ];
        foreach ((TVector value, Func<int, T> expected, string name) in cases)
        {
            var stored = new T[a.Length];
            Array.Fill(stored, sentinel);
            TLanes.Store(value, ref stored[0], offset);
            for (int i = 0; i < stored.Length; i++)
            {
                T want = i >= offset && i < offset + count ? expected(i) : sentinel;
                Assert.True(want.Equals(stored[i]), $"{typeof(TLanes).Name} {name}, element {i}: {stored[i]} instead of {want}");
            }
        }
    }
}
