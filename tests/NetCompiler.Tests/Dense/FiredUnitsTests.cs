using System;
using System.Linq;
using System.Numerics;

namespace NetCompiler.Tests.Dense;

/// <summary>
/// <see cref="FiredUnits.Collect"/>: the units whose δ is not ±0, in order, a chunk at a time. NaN,
/// subnormals and the smallest and largest values fired; +0 and −0 did not.
/// </summary>
public class FiredUnitsTests
{
    [Fact]
    public void CollectsTheUnitsWhoseDeltaIsNotZeroInOrder()
    {
        Check(new[] { 0f, -0f, 1f, float.NaN, -float.Epsilon, float.Epsilon, float.MaxValue, float.NegativeInfinity, -0f, -2.5f, 0f });
        Check(new[] { 0d, -0d, 1d, double.NaN, -double.Epsilon, double.Epsilon, double.MaxValue, double.NegativeInfinity, -0d, -2.5d, 0d });
    }

    [Fact]
    public void CollectsAChunkAtATime()
    {
        // 150 units: chunks of 64, 64 and 22, every third unit silent, −0 and +0 alternately
        float[] delta = Enumerable.Range(0, 150).Select(j => j % 3 == 0 ? (j % 2 == 0 ? 0f : -0f) : j * 0.5f - 30).ToArray();
        Check(delta);
    }

    private static void Check<T>(T[] delta)
        where T : unmanaged, INumberBase<T>
    {
        var indices = new int[FiredUnits.Chunk];
        for (int start = 0; start < delta.Length; start += FiredUnits.Chunk)
        {
            int count = FiredUnits.Collect(ref delta[0], start, delta.Length, indices);

            int[] expected = Enumerable.Range(start, Math.Min(FiredUnits.Chunk, delta.Length - start)).Where(j => !T.IsZero(delta[j])).ToArray();
            Assert.Equal(expected, indices.Take(count).ToArray());
        }
    }
}
