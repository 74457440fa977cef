// This file is compiled into both the runtime and the generator.
using System;
using System.Runtime.InteropServices;

namespace NetCompiler.Shared
{
    /// <summary>
    /// The bit patterns of values, independent of the machine's byte order: weights files hold
    /// little-endian IEEE 754 bytes. (netstandard2.0 has no <c>BitConverter.SingleToInt32Bits</c>.)
    /// </summary>
    internal static class WeightsValueBytes
    {
        public static uint SingleToBits(float value) => new SingleBits { Single = value }.Bits;

        public static float BitsToSingle(uint bits) => new SingleBits { Bits = bits }.Single;

        public static ulong DoubleToBits(double value) => unchecked((ulong)BitConverter.DoubleToInt64Bits(value));

        public static double BitsToDouble(ulong bits) => BitConverter.Int64BitsToDouble(unchecked((long)bits));

        /// <summary>Whether the exponent bits are all ones (infinity or NaN).</summary>
        public static bool IsFinite(ulong bits, Precision precision) =>
            precision == Precision.Double
                ? (bits & 0x7FF0000000000000UL) != 0x7FF0000000000000UL
                : (bits & 0x7F800000UL) != 0x7F800000UL;

        /// <summary>"NaN", "+Infinity" or "-Infinity" for a value that is not finite.</summary>
        public static string DescribeNonFinite(ulong bits, Precision precision)
        {
            ulong mantissa = precision == Precision.Double ? bits & 0x000FFFFFFFFFFFFFUL : bits & 0x007FFFFFUL;
            if (mantissa != 0)
            {
                return "NaN";
            }

            bool negative = precision == Precision.Double ? (bits >> 63) != 0 : ((bits >> 31) & 1) != 0;
            return negative ? "-Infinity" : "+Infinity";
        }

        /// <summary>
        /// Writes the little-endian bytes of <paramref name="count"/> values starting at
        /// <paramref name="first"/> into <paramref name="buffer"/>; exactly one of the arrays is set.
        /// </summary>
        public static int Fill(double[]? doubles, float[]? singles, int first, int count, byte[] buffer)
        {
            int position = 0;
            for (int i = first; i < first + count; i++)
            {
                if (doubles != null)
                {
                    ulong bits = DoubleToBits(doubles[i]);
                    for (int b = 0; b < 8; b++)
                    {
                        buffer[position++] = (byte)(bits >> (8 * b));
                    }
                }
                else
                {
                    uint bits = SingleToBits(singles![i]);
                    for (int b = 0; b < 4; b++)
                    {
                        buffer[position++] = (byte)(bits >> (8 * b));
                    }
                }
            }

            return position;
        }

        [StructLayout(LayoutKind.Explicit)]
        private struct SingleBits
        {
            [FieldOffset(0)]
            public float Single;

            [FieldOffset(0)]
            public uint Bits;
        }
    }
}
