using System;
using System.Linq;

namespace NetCompiler.Tests.ActivationsTests;

/// <summary>
/// <see cref="ExampleTerms"/>: every gradient adds its terms one example after another, bit for bit
/// (values of very different sizes, so that another order would round differently), for blocks of
/// as many examples as <c>Vector&lt;T&gt;</c> has lanes at 128, 256 and 512 bits (the 256-bit ones
/// transposed on AVX, the 128-bit float ones on SSE), for counts that fill whole transposed blocks,
/// leave a tail, or are below one block; nothing past <c>count</c> is touched. CI runs these again without AVX, on the
/// value-by-value path.
/// </summary>
public class ExampleTermsTests
{
    [Theory]
    [InlineData(1, 8)]
    [InlineData(8, 8)]
    [InlineData(67, 8)]
    [InlineData(67, 4)]
    [InlineData(9, 16)]
    public void FloatTermsAddInExampleOrder(int count, int lanes)
    {
        var random = new Random(41 + count + lanes);
        for (int trial = 0; trial < 50; trial++)
        {
            float[] gradients = Enumerable.Range(0, count + 1).Select(_ => Value(random)).ToArray();
            float[] terms = Enumerable.Range(0, (count + 1) * lanes).Select(_ => Value(random)).ToArray();
            float[] expected = gradients.ToArray();
            for (int p = 0; p < count; p++)
            {
                for (int e = 0; e < lanes; e++)
                {
                    expected[p] += terms[(p * lanes) + e];
                }
            }

            ExampleTerms.AddInOrder(ref gradients[0], ref terms[0], count, lanes);
            Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), gradients.Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(4, 4)]
    [InlineData(67, 4)]
    [InlineData(67, 2)]
    [InlineData(9, 8)]
    public void DoubleTermsAddInExampleOrder(int count, int lanes)
    {
        var random = new Random(51 + count + lanes);
        for (int trial = 0; trial < 50; trial++)
        {
            double[] gradients = Enumerable.Range(0, count + 1).Select(_ => Value(random) * (1 + (1e-9 * random.NextDouble()))).ToArray();
            double[] terms = Enumerable.Range(0, (count + 1) * lanes).Select(_ => Value(random) * (1 + (1e-9 * random.NextDouble()))).ToArray();
            double[] expected = gradients.ToArray();
            for (int p = 0; p < count; p++)
            {
                for (int e = 0; e < lanes; e++)
                {
                    expected[p] += terms[(p * lanes) + e];
                }
            }

            ExampleTerms.AddInOrder(ref gradients[0], ref terms[0], count, lanes);
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), gradients.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    /// <summary>Values of very different sizes and both signs, so the order of additions shows.</summary>
    private static float Value(Random random) =>
        (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 8)));
}
