using System;
using System.Linq;
using System.Runtime.Intrinsics;

namespace NetCompiler.Tests.ActivationsTests;

/// <summary>
/// <see cref="RowSums"/>: every lane of the result is its row's lanes added as the documented
/// balanced tree, in row order, bit for bit (values of very different sizes, so that another order
/// would round differently), <c>Load</c>, <c>LoadQuad</c> and <c>LoadPair</c> keep exactly the first
/// values, and <c>LoadLast</c>, <c>LoadLastQuad</c> and <c>LoadLastPair</c> exactly the last.
/// </summary>
public class RowSumsTests
{
    [Fact]
    public void EachFloatSumIsTheBalancedTreeOfItsLanes()
    {
        var random = new Random(31);
        for (int trial = 0; trial < 200; trial++)
        {
            Vector256<float>[] rows = RandomRows(random, 8);
            Vector256<float> sums = RowSums.OfOctets(rows[0], rows[1], rows[2], rows[3], rows[4], rows[5], rows[6], rows[7]);
            for (int j = 0; j < rows.Length; j++)
            {
                Vector256<float> p = rows[j];
                float expected = ((p[0] + p[1]) + (p[2] + p[3])) + ((p[4] + p[5]) + (p[6] + p[7]));
                BitAssert.Equal(expected, sums[j]);
            }
        }
    }

    /// <summary>
    /// The 128-bit forms: each of four rows of four is (p₀ + p₁) + (p₂ + p₃), and a row of eight as
    /// its two halves' pair sums, then the same, is the eight-lane tree, bit for bit (CI runs this
    /// without AVX and without hardware intrinsics too, on the lane-by-lane path).
    /// </summary>
    [Fact]
    public void EachFloatSumOn128BitVectorsIsTheBalancedTreeOfItsLanes()
    {
        var random = new Random(32);
        for (int trial = 0; trial < 200; trial++)
        {
            Vector256<float>[] rows = RandomRows(random, 4);
            Vector128<float> quads = RowSums.OfQuads(rows[0].GetLower(), rows[1].GetLower(), rows[2].GetLower(), rows[3].GetLower());
            Vector128<float> octets = RowSums.OfQuads(
                RowSums.PairSums(rows[0].GetLower(), rows[0].GetUpper()), RowSums.PairSums(rows[1].GetLower(), rows[1].GetUpper()),
                RowSums.PairSums(rows[2].GetLower(), rows[2].GetUpper()), RowSums.PairSums(rows[3].GetLower(), rows[3].GetUpper()));
            for (int j = 0; j < rows.Length; j++)
            {
                Vector256<float> p = rows[j];
                float quad = (p[0] + p[1]) + (p[2] + p[3]);
                float octet = ((p[0] + p[1]) + (p[2] + p[3])) + ((p[4] + p[5]) + (p[6] + p[7]));
                BitAssert.Equal(quad, quads[j]);
                BitAssert.Equal(octet, octets[j]);
            }
        }
    }

    /// <summary>
    /// The four-row and two-row forms give the eight-row form's sums for their rows, bit for bit, and +0
    /// in the other lanes (even where the rows hold NaN or ∞); on 128-bit vectors, the two-row form the
    /// four-row form's.
    /// </summary>
    [Fact]
    public void FourAndTwoRowsSumAsEightRowsWithZerosDo()
    {
        var random = new Random(33);
        for (int trial = 0; trial < 200; trial++)
        {
            Vector256<float>[] rows = RandomRows(random, 4);
            if (trial == 0)
            {
                rows[1] = Vector256.Create(float.NaN);
                rows[2] = Vector256.Create(float.PositiveInfinity);
            }

            Vector256<float> zero = Vector256<float>.Zero;
            Vector256<float> expected = RowSums.OfOctets(rows[0], rows[1], rows[2], rows[3], zero, zero, zero, zero);
            Vector256<float> sums = RowSums.OfOctets(rows[0], rows[1], rows[2], rows[3]);
            Vector256<float> expectedPair = RowSums.OfOctets(rows[0], rows[1], zero, zero, zero, zero, zero, zero);
            Vector256<float> pairSums = RowSums.OfOctets(rows[0], rows[1]);
            for (int j = 0; j < 8; j++)
            {
                BitAssert.Equal(expected[j], sums[j]);
                BitAssert.Equal(expectedPair[j], pairSums[j]);
            }

            Vector128<float> expectedQuads = RowSums.OfQuads(rows[0].GetLower(), rows[1].GetUpper(), Vector128<float>.Zero, Vector128<float>.Zero);
            Vector128<float> quadPairSums = RowSums.OfQuads(rows[0].GetLower(), rows[1].GetUpper());
            for (int j = 0; j < 4; j++)
            {
                BitAssert.Equal(expectedQuads[j], quadPairSums[j]);
            }
        }
    }

    /// <summary>
    /// Four rows of sixteen lanes: each sum is the documented tree of quarters, and it is the sum
    /// <see cref="Vector512.Sum{T}(Vector512{T})"/> gives, which the one-example 512-bit kernel adds a row
    /// with, so the batch kernel that sums four rows at once keeps its bits (also where the CPU has no
    /// AVX-512 and both take the lane-by-lane path).
    /// </summary>
    [Fact]
    public void EachSixteenLaneSumIsTheTreeOfItsQuartersAsVector512SumAddsIt()
    {
        var random = new Random(34);
        for (int trial = 0; trial < 200; trial++)
        {
            Vector512<float>[] rows = Enumerable.Range(0, 4)
                .Select(_ => Vector512.Create(Enumerable.Range(0, 16).Select(_ => Lane(random)).ToArray()))
                .ToArray();
            if (trial == 0)
            {
                rows[1] = rows[1].WithElement(5, float.NaN);
                rows[2] = rows[2].WithElement(9, float.NegativeInfinity);
            }

            Vector128<float> sums = RowSums.OfSixteens(rows[0], rows[1], rows[2], rows[3]);
            for (int j = 0; j < rows.Length; j++)
            {
                Vector512<float> p = rows[j];
                float Quarter(int k) => (p[4 * k] + p[(4 * k) + 1]) + (p[(4 * k) + 2] + p[(4 * k) + 3]);
                float expected = (Quarter(0) + Quarter(1)) + (Quarter(2) + Quarter(3));
                BitAssert.Equal(expected, sums[j]);
                BitAssert.Equal(Vector512.Sum(p), sums[j]);
            }
        }
    }

    [Fact]
    public void EachDoubleSumIsTheBalancedTreeOfItsLanes()
    {
        var random = new Random(32);
        for (int trial = 0; trial < 200; trial++)
        {
            Vector256<double>[] rows = new Vector256<double>[4];
            for (int j = 0; j < rows.Length; j++)
            {
                rows[j] = Vector256.Create(Enumerable.Range(0, 4).Select(_ => (double)Lane(random) * (1 + 1e-9 * random.NextDouble())).ToArray());
            }

            Vector256<double> sums = RowSums.OfQuads(rows[0], rows[1], rows[2], rows[3]);
            for (int j = 0; j < rows.Length; j++)
            {
                Vector256<double> p = rows[j];
                double expected = (p[0] + p[1]) + (p[2] + p[3]);
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(sums[j]));
            }

            // the 128-bit form: two rows to a vector, each row as the pair sums of its halves
            for (int j = 0; j < rows.Length; j += 2)
            {
                Vector128<double> pairs = RowSums.OfPairs(
                    RowSums.PairSums(rows[j].GetLower(), rows[j].GetUpper()),
                    RowSums.PairSums(rows[j + 1].GetLower(), rows[j + 1].GetUpper()));
                Assert.Equal(BitConverter.DoubleToInt64Bits(sums[j]), BitConverter.DoubleToInt64Bits(pairs[0]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(sums[j + 1]), BitConverter.DoubleToInt64Bits(pairs[1]));
            }
        }
    }

    [Fact]
    public void RowPairsSumInRowOrder()
    {
        var random = new Random(33);
        for (int trial = 0; trial < 200; trial++)
        {
            Vector256<float>[] p = RandomRows(random, 4);

            // rows of four: row j is the low half of p(j) for j < 4, the high half of p(j − 4) after
            Vector256<float> sums = RowSums.OfRowPairs(p[0], p[1], p[2], p[3]);
            for (int j = 0; j < 8; j++)
            {
                Vector256<float> source = p[j % 4];
                int first = 4 * (j / 4);
                BitAssert.Equal((source[first] + source[first + 1]) + (source[first + 2] + source[first + 3]), sums[j]);
            }
        }
    }

    [Fact]
    public void OrderMattersForTheseValues()
    {
        // The check above can fail: with these lanes the left-to-right sum differs from the tree.
        Vector256<float> p = Vector256.Create(1e8f, 1f, -1e8f, 1f, 3f, 1e-3f, -3f, 5f);
        float leftToRight = p[0] + p[1] + p[2] + p[3] + p[4] + p[5] + p[6] + p[7];
        float tree = ((p[0] + p[1]) + (p[2] + p[3])) + ((p[4] + p[5]) + (p[6] + p[7]));
        Assert.NotEqual(leftToRight, tree);
        Assert.Equal(tree, RowSums.OfOctets(p, p, p, p, p, p, p, p)[5]);
    }

    [Fact]
    public void NaNAndInfinitiesStayInTheirRow()
    {
        Vector256<float> nan = Vector256.Create(1f, float.NaN, 0, 0, 0, 0, 0, 0);
        Vector256<float> infinite = Vector256.Create(0, 0, 0, 0, 0, 0, float.PositiveInfinity, 2f);
        Vector256<float> plain = Vector256.Create(1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f);
        Vector256<float> sums = RowSums.OfOctets(nan, infinite, plain, Vector256<float>.Zero, plain, plain, plain, plain);
        Assert.True(float.IsNaN(sums[0]));
        Assert.Equal(float.PositiveInfinity, sums[1]);
        Assert.Equal(36f, sums[2]);
        Assert.Equal(0f, sums[3]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(8)]
    public void LoadKeepsTheFirstValuesAndZeroesTheRest(int length)
    {
        float[] values = [1.5f, -2f, float.NaN, float.PositiveInfinity, 5f, 6f, 7f, 8f];
        Vector256<float> loaded = RowSums.Load(ref values[0], length);
        for (int i = 0; i < 8; i++)
        {
            float expected = i < length ? values[i] : 0f;
            BitAssert.Equal(expected, loaded[i]);
        }

        Vector128<float> quad = RowSums.LoadQuad(ref values[0], Math.Min(length, 4));
        for (int i = 0; i < 4; i++)
        {
            float expected = i < Math.Min(length, 4) ? values[i] : 0f;
            BitAssert.Equal(expected, quad[i]);
        }

        double[] doubles = [1.5, double.NaN, -3, 4];
        Vector256<double> loadedDoubles = RowSums.Load(ref doubles[0], Math.Min(length, 4));
        for (int i = 0; i < 4; i++)
        {
            double expected = i < Math.Min(length, 4) ? doubles[i] : 0.0;
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(loadedDoubles[i]));
        }

        Vector128<double> pair = RowSums.LoadPair(ref doubles[1], Math.Min(length, 2));
        for (int i = 0; i < 2; i++)
        {
            double expected = i < Math.Min(length, 2) ? doubles[1 + i] : 0.0;
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(pair[i]));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    public void LoadLastKeepsTheLastValuesAndZeroesTheOnesBefore(int length)
    {
        float[] values = [1.5f, float.NegativeInfinity, float.NaN, -0f, 5f, float.PositiveInfinity, -7f, 8f];
        Vector256<float> loaded = RowSums.LoadLast(ref values[0], length);
        for (int i = 0; i < 8; i++)
        {
            BitAssert.Equal(i >= 8 - length ? values[i] : 0f, loaded[i]);
        }

        int quarter = Math.Min(length, 4);
        Vector128<float> quad = RowSums.LoadLastQuad(ref values[4], quarter);
        for (int i = 0; i < 4; i++)
        {
            BitAssert.Equal(i >= 4 - quarter ? values[4 + i] : 0f, quad[i]);
        }

        double[] doubles = [double.PositiveInfinity, double.NaN, -0.0, -7.5];
        Vector256<double> loadedDoubles = RowSums.LoadLast(ref doubles[0], quarter);
        for (int i = 0; i < 4; i++)
        {
            double expected = i >= 4 - quarter ? doubles[i] : 0.0;
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(loadedDoubles[i]));
        }

        int half = Math.Min(length, 2);
        Vector128<double> pair = RowSums.LoadLastPair(ref doubles[0], half);
        for (int i = 0; i < 2; i++)
        {
            double expected = i >= 2 - half ? doubles[i] : 0.0;
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(pair[i]));
        }
    }

    /// <summary>
    /// LoadLastOfStored is LoadLast of the row's last vector, put together from whole vectors: the same
    /// lanes for every row of 9 to 31 values, special values included, reading nothing but the padded
    /// region (the values past it are NaN here, and the cleared lanes must not let one through).
    /// </summary>
    [Fact]
    public void LoadLastOfStoredIsTheRowsLastVector()
    {
        float[] specials = [float.PositiveInfinity, float.NegativeInfinity, float.NaN, -0f];
        for (int rowLength = 9; rowLength <= 31; rowLength++)
        {
            float[] region = new float[(rowLength + 7) / 8 * 8];
            for (int i = 0; i < region.Length; i++)
            {
                region[i] = i < rowLength ? (i % 5 == 0 ? specials[i % 4] : 1.25f * (i + 1)) : float.NaN;
            }

            int whole = (rowLength - 1) / 8 * 8;
            Vector256<float> expected = RowSums.LoadLast(ref region[rowLength - 8], rowLength - whole);
            Vector256<float> actual = RowSums.LoadLastOfStored(ref region[0], rowLength);
            for (int lane = 0; lane < 8; lane++)
            {
                BitAssert.Equal(expected[lane], actual[lane]);
            }
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(32)]
    public void LoadLastOfStoredRefusesARowOfOneOrFourVectors(int rowLength)
    {
        float[] region = new float[40];
        Assert.Equal("rowLength", Assert.Throws<ArgumentOutOfRangeException>(() => RowSums.LoadLastOfStored(ref region[0], rowLength)).ParamName);
    }

    /// <summary>The same for double rows of 5 to 31 values, the last vector four of them.</summary>
    [Fact]
    public void LoadLastOfStoredIsTheDoubleRowsLastVector()
    {
        double[] specials = [double.PositiveInfinity, double.NegativeInfinity, double.NaN, -0.0];
        for (int rowLength = 5; rowLength <= 31; rowLength++)
        {
            double[] region = new double[(rowLength + 3) / 4 * 4];
            for (int i = 0; i < region.Length; i++)
            {
                region[i] = i < rowLength ? (i % 5 == 0 ? specials[i % 4] : 1.25 * (i + 1)) : double.NaN;
            }

            int whole = (rowLength - 1) / 4 * 4;
            Vector256<double> expected = RowSums.LoadLast(ref region[rowLength - 4], rowLength - whole);
            Vector256<double> actual = RowSums.LoadLastOfStored(ref region[0], rowLength);
            for (int lane = 0; lane < 4; lane++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected[lane]), BitConverter.DoubleToInt64Bits(actual[lane]));
            }
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(32)]
    public void LoadLastOfStoredRefusesADoubleRowOfOneVectorOrOverThirtyOne(int rowLength)
    {
        double[] region = new double[40];
        Assert.Equal("rowLength", Assert.Throws<ArgumentOutOfRangeException>(() => RowSums.LoadLastOfStored(ref region[0], rowLength)).ParamName);
    }

    /// <summary><paramref name="count"/> rows of eight <see cref="Lane"/> values.</summary>
    private static Vector256<float>[] RandomRows(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => Vector256.Create(Enumerable.Range(0, 8).Select(_ => Lane(random)).ToArray())).ToArray();

    /// <summary>Values of very different sizes and both signs, so the order of additions shows.</summary>
    private static float Lane(Random random) =>
        (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 8)));
}
