using System;
using System.Linq;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using NetCompiler.Tests.ActivationsTests;

namespace NetCompiler.Tests.Dense;

/// <summary>
/// <see cref="RowSums.FusedProducts(ref float, Vector256{float}, Vector256{float})"/>, with which the
/// generated code writes out the kernel's arithmetic for one example: each lane is its inputs'
/// multiply-adds from zero, fused exactly where the hardware fuses them; and, where
/// <c>Vector&lt;T&gt;</c> is 256 bits, a layer's z so computed (eight rows' sums by
/// <see cref="RowSums.OfOctets(Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float})"/>,
/// then b) is what <see cref="DenseForward.One"/> computes, bit for bit, for rows of one, two and
/// more vectors (<see cref="RowSums.AddFusedProducts"/>), rows with values past their whole vectors (<see cref="RowSums.AddLastProducts"/>),
/// and last blocks of one to four rows. Values of very different sizes, so that an unfused product
/// or another order would round differently.
/// </summary>
public class FusedProductsTests
{
    private static readonly bool Fuses = Fma.IsSupported || AdvSimd.Arm64.IsSupported;

    [Fact]
    public void EachLaneIsItsInputsMultiplyAddsFromZero()
    {
        var random = new Random(41);
        int differsFromUnfused = 0;
        for (int trial = 0; trial < 200; trial++)
        {
            float[] row = Values(random, 24);
            float[] input = Values(random, 24);
            var x = Vector256.Create(input.AsSpan(0, 8));
            var xSecond = Vector256.Create(input.AsSpan(8, 8));
            var xThird = Vector256.Create(input.AsSpan(16, 8));
            Vector256<float> one = RowSums.FusedProducts(ref row[0], x);
            Vector256<float> two = RowSums.FusedProducts(ref row[0], x, xSecond);
            Vector256<float> three = RowSums.FusedProducts(ref row[0], x, xSecond, xThird);
            for (int k = 0; k < 8; k++)
            {
                float first = MultiplyAdd(row[k], input[k], 0f);
                float second = MultiplyAdd(row[k + 8], input[k + 8], first);
                BitAssert.Equal(first, one[k]);
                BitAssert.Equal(second, two[k]);
                BitAssert.Equal(MultiplyAdd(row[k + 16], input[k + 16], second), three[k]);
                differsFromUnfused += second != (row[k + 8] * input[k + 8]) + (row[k] * input[k]) ? 1 : 0;
            }
        }

        // the values are such that fusing shows, so the test above tells fused from unfused
        Assert.True(!Fuses || differsFromUnfused > 0);
    }

    /// <summary>The 128-bit float forms (where <c>Vector&lt;T&gt;</c> is 128 bits): the same multiply-adds from zero, vector after vector.</summary>
    [Fact]
    public void Each128BitLaneIsItsInputsMultiplyAddsFromZero()
    {
        var random = new Random(45);
        for (int trial = 0; trial < 200; trial++)
        {
            float[] row = Values(random, 8);
            float[] input = Values(random, 8);
            Vector128<float> first = RowSums.FusedProducts(ref row[0], Vector128.Create(input.AsSpan(0, 4)));
            Vector128<float> second = RowSums.AddFusedProducts(ref row[4], Vector128.Create(input.AsSpan(4, 4)), first);
            for (int k = 0; k < 4; k++)
            {
                float expected = MultiplyAdd(row[k], input[k], 0f);
                BitAssert.Equal(expected, first[k]);
                BitAssert.Equal(MultiplyAdd(row[k + 4], input[k + 4], expected), second[k]);
            }
        }
    }

    /// <summary>The double forms, four lanes a vector: the same multiply-adds from zero, vector after vector.</summary>
    [Fact]
    public void EachDoubleLaneIsItsInputsMultiplyAddsFromZero()
    {
        var random = new Random(44);
        for (int trial = 0; trial < 200; trial++)
        {
            double[] row = Values(random, 16).Select(value => value * (1 + random.NextDouble())).ToArray();
            double[] input = Values(random, 16).Select(value => value * (1 + random.NextDouble())).ToArray();
            Vector256<double>[] x = Enumerable.Range(0, 4).Select(vector => Vector256.Create(input.AsSpan(4 * vector, 4))).ToArray();
            Vector256<double> three = RowSums.FusedProducts(ref row[0], x[0], x[1], x[2]);
            Vector256<double> four = RowSums.AddFusedProducts(ref row[12], x[3], three);
            for (int k = 0; k < 4; k++)
            {
                double expected = MultiplyAdd(row[k], input[k], 0d);
                expected = MultiplyAdd(row[k + 4], input[k + 4], expected);
                expected = MultiplyAdd(row[k + 8], input[k + 8], expected);
                BitAssert.Equal(expected, three[k]);
                BitAssert.Equal(MultiplyAdd(row[k + 12], input[k + 12], expected), four[k]);
            }
        }
    }

    /// <summary>
    /// The tail of a row of 9 to 31: the lanes its whole vectors hold add exactly the products' lanes
    /// (their weights and inputs cleared, an infinite weight there too), the others one multiply-add.
    /// </summary>
    [Fact]
    public void LastProductsAddOnlyTheValuesPastTheWholeVectors()
    {
        var random = new Random(43);
        for (int rowLength = 9; rowLength < 32; rowLength++)
        {
            if (rowLength % 8 == 0)
            {
                continue;
            }

            float[] row = Values(random, rowLength);
            float[] input = Values(random, rowLength);
            int start = rowLength - 8;
            int kept = rowLength % 8;
            row[start] = float.PositiveInfinity;
            Vector256<float> products = Vector256.Create(Values(random, 8));
            Vector256<float> xLast = RowSums.LoadLast(ref input[start], kept);
            Vector256<float> sums = RowSums.AddLastProducts(ref row[0], rowLength, xLast, products);
            for (int k = 0; k < 8; k++)
            {
                float expected = k < 8 - kept ? products[k] : MultiplyAdd(row[start + k], input[start + k], products[k]);
                BitAssert.Equal(expected, sums[k]);
            }
        }
    }

    /// <summary>A product of −0 from zero is +0, as the kernels' multiply-add from a zero sum gives it.</summary>
    [Fact]
    public void ANegativeZeroProductAddsToPositiveZero()
    {
        float[] row = Enumerable.Repeat(-1f, 16).ToArray();
        Vector256<float> sums = RowSums.FusedProducts(ref row[0], Vector256<float>.Zero, Vector256<float>.Zero);
        for (int k = 0; k < 8; k++)
        {
            BitAssert.Equal(0f, sums[k]);
        }
    }

    [Fact]
    public void WrittenOutRowsAreTheKernelsSums()
    {
        if (Vector<float>.Count != 8)
        {
            // elsewhere the generated code calls the kernel itself
            Assert.NotEqual(8, Vector<float>.Count);
            return;
        }

        CheckAgainstKernel<TwelveBySixteen>();
        CheckAgainstKernel<TenByTwentyFour>();
        CheckAgainstKernel<ThirteenByTwenty>();
        CheckAgainstKernel<ThirtyThreeByEight>();
        CheckAgainstKernel<ElevenByNine>();
        CheckAgainstKernel<NineByThirtyThree>();
        CheckAgainstKernel<TwelveByForty>();
    }

    private static void CheckAgainstKernel<TShape>()
        where TShape : struct, IDenseShape
    {
        var random = new Random(42 + TShape.Inputs);
        for (int trial = 0; trial < 50; trial++)
        {
            float[] w = Values(random, (TShape.Units * TShape.Inputs) + 8);
            float[] b = Values(random, TShape.PaddedUnits);
            float[] input = Values(random, TShape.Inputs);
            float[] expected = new float[TShape.PaddedUnits];
            DenseForward.One<float, TShape>(ref w[0], ref b[0], ref input[0], ref expected[0]);
            Vector256<float>[] x = Enumerable.Range(0, TShape.Inputs / 8).Select(vector => Vector256.Create(input.AsSpan(8 * vector, 8))).ToArray();
            Vector256<float> xLast = RowSums.LoadLast(ref input[TShape.Inputs - 8], TShape.Inputs % 8);
            for (int first = 0; first < TShape.Units; first += 8)
            {
                int count = Math.Min(8, TShape.Units - first);
                Vector256<float>[] products = Enumerable.Range(0, 8)
                    .Select(k => k < count ? Products(ref w[(first + k) * TShape.Inputs], TShape.Inputs, x, xLast) : Vector256<float>.Zero)
                    .ToArray();
                Vector256<float> sums = count <= 2 ? RowSums.OfOctets(products[0], products[1])
                    : count <= 4 ? RowSums.OfOctets(products[0], products[1], products[2], products[3])
                    : RowSums.OfOctets(products[0], products[1], products[2], products[3], products[4], products[5], products[6], products[7]);
                for (int k = 0; k < count; k++)
                {
                    BitAssert.Equal(expected[first + k], sums[k] + b[first + k]);
                }
            }
        }
    }

    /// <summary>A row's whole vectors' products, then its tail's, as the generated code writes them.</summary>
    private static Vector256<float> Products(ref float row, int rowLength, Vector256<float>[] x, Vector256<float> xLast)
    {
        Vector256<float> products = x.Length switch
        {
            1 => RowSums.FusedProducts(ref row, x[0]),
            2 => RowSums.FusedProducts(ref row, x[0], x[1]),
            _ => RowSums.FusedProducts(ref row, x[0], x[1], x[2]),
        };
        for (int vector = 3; vector < x.Length; vector++)
        {
            products = RowSums.AddFusedProducts(ref Unsafe.Add(ref row, 8 * vector), x[vector], products);
        }

        return rowLength % 8 == 0 ? products : RowSums.AddLastProducts(ref row, rowLength, xLast, products);
    }

    private static float MultiplyAdd(float a, float b, float c) => Fuses ? MathF.FusedMultiplyAdd(a, b, c) : (a * b) + c;

    private static double MultiplyAdd(double a, double b, double c) => Fuses ? Math.FusedMultiplyAdd(a, b, c) : (a * b) + c;

    /// <summary>Values of very different sizes and both signs, so the order of additions and fusing show.</summary>
    private static float[] Values(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 5)))).ToArray();

    /// <summary>Rows of two vectors: a block of eight rows and one of four.</summary>
    private readonly struct TwelveBySixteen : IDenseShape
    {
        public static int Units => 12;

        public static int Inputs => 16;

        public static int PaddedUnits => 16;

        public static int PaddedInputs => 16;
    }

    /// <summary>Rows of three vectors: a block of eight rows and one of two.</summary>
    private readonly struct TenByTwentyFour : IDenseShape
    {
        public static int Units => 10;

        public static int Inputs => 24;

        public static int PaddedUnits => 16;

        public static int PaddedInputs => 32;
    }

    /// <summary>Rows of two vectors and four values: a block of eight rows and one of five.</summary>
    private readonly struct ThirteenByTwenty : IDenseShape
    {
        public static int Units => 13;

        public static int Inputs => 20;

        public static int PaddedUnits => 16;

        public static int PaddedInputs => 32;
    }

    /// <summary>Rows of one vector: four blocks of eight rows and one of one.</summary>
    private readonly struct ThirtyThreeByEight : IDenseShape
    {
        public static int Units => 33;

        public static int Inputs => 8;

        public static int PaddedUnits => 48;

        public static int PaddedInputs => 16;
    }

    /// <summary>Rows of one vector and one value: a block of eight rows and one of three.</summary>
    private readonly struct ElevenByNine : IDenseShape
    {
        public static int Units => 11;

        public static int Inputs => 9;

        public static int PaddedUnits => 16;

        public static int PaddedInputs => 16;
    }

    /// <summary>Rows of four vectors and one value: a block of eight rows and one of one.</summary>
    private readonly struct NineByThirtyThree : IDenseShape
    {
        public static int Units => 9;

        public static int Inputs => 33;

        public static int PaddedUnits => 16;

        public static int PaddedInputs => 48;
    }

    /// <summary>Rows of five vectors: a block of eight rows and one of four.</summary>
    private readonly struct TwelveByForty : IDenseShape
    {
        public static int Units => 12;

        public static int Inputs => 40;

        public static int PaddedUnits => 16;

        public static int PaddedInputs => 48;
    }
}
