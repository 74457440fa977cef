using System;
using System.Linq;
using System.Runtime.Intrinsics;

namespace NetCompiler.Tests.ActivationsTests;

/// <summary>
/// <see cref="WeightColumns"/>: every lane of a pick is the value its index names, bit for bit
/// (NaN payloads, −0 and ∞ among the values), from one vector or from two; and the columns of a
/// row-major matrix come out as the generated code picks them.
/// </summary>
public class WeightColumnsTests
{
    [Fact]
    public void APickFromOneVectorTakesTheIndexedLanes()
    {
        var random = new Random(41);
        for (int trial = 0; trial < 500; trial++)
        {
            float[] values = Values(random, 8);
            int[] indices = Enumerable.Range(0, 8).Select(_ => random.Next(8)).ToArray();
            Vector256<float> picked = WeightColumns.Pick(Vector256.Create(values), Vector256.Create(indices));
            for (int j = 0; j < 8; j++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(values[indices[j]]), BitConverter.SingleToInt32Bits(picked[j]));
            }
        }
    }

    [Fact]
    public void APickFromTwoVectorsTakesTheIndexedValues()
    {
        var random = new Random(42);
        for (int trial = 0; trial < 500; trial++)
        {
            float[] values = Values(random, 16);
            int[] indices = Enumerable.Range(0, 8).Select(_ => random.Next(16)).ToArray();
            Vector256<float> picked = WeightColumns.Pick(Vector256.Create(values[..8]), Vector256.Create(values[8..]), Vector256.Create(indices));
            for (int j = 0; j < 8; j++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(values[indices[j]]), BitConverter.SingleToInt32Bits(picked[j]));
            }
        }
    }

    /// <summary>
    /// An 8 × 3 matrix in three vectors, as the generated code picks a column: from the first two
    /// vectors, then a second pick that keeps those lanes and takes the rest from the third.
    /// </summary>
    [Fact]
    public void ThreeVectorsOfRowsGiveEachColumn()
    {
        var random = new Random(43);
        float[] w = Values(random, 24);
        var rows = Enumerable.Range(0, 3).Select(k => Vector256.Create(w[(8 * k)..(8 * (k + 1))])).ToArray();
        for (int i = 0; i < 3; i++)
        {
            int[] sources = Enumerable.Range(0, 8).Select(j => (3 * j) + i).ToArray();
            Vector256<float> firstTwo = WeightColumns.Pick(rows[0], rows[1], Vector256.Create(sources.Select(s => s < 16 ? s : 0).ToArray()));
            Vector256<float> column = WeightColumns.Pick(firstTwo, rows[2], Vector256.Create(Enumerable.Range(0, 8).Select(j => sources[j] < 16 ? j : sources[j] - 8).ToArray()));
            for (int j = 0; j < 8; j++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(w[(3 * j) + i]), BitConverter.SingleToInt32Bits(column[j]));
            }
        }
    }

    /// <summary>Distinct bit patterns, so a wrong lane shows: random values, ±0, ±∞ and NaNs with different payloads.</summary>
    private static float[] Values(Random random, int count)
    {
        float[] special = [0f, -0f, float.PositiveInfinity, float.NegativeInfinity, BitConverter.Int32BitsToSingle(0x7FC00001), BitConverter.Int32BitsToSingle(0x7FC00002)];
        return Enumerable.Range(0, count)
            .Select(_ => random.Next(4) == 0 ? special[random.Next(special.Length)] : (float)((random.NextDouble() - 0.5) * 100))
            .ToArray();
    }
}
