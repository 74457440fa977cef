using System;

namespace NetCompiler.Tests.ActivationsTests;

/// <summary>Equality of two floats' or doubles' bits: the same order of operations gives the same bits, another order need not.</summary>
internal static class BitAssert
{
    public static void Equal(float expected, float actual) =>
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(actual));

    public static void Equal(double expected, double actual) =>
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
}
