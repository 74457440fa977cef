// This file is compiled into both the runtime and the generator.
using System.Globalization;

namespace NetCompiler.Shared
{
    /// <summary>
    /// CRC-32 as in IEEE 802.3, zlib, PNG and gzip (reflected polynomial 0xEDB88320, initial value and
    /// final XOR 0xFFFFFFFF), written out by hand so that both the runtime and the generator
    /// (netstandard2.0) compute it the same way. CRC-32("123456789") = 0xCBF43926.
    /// </summary>
    internal static class WeightsChecksum
    {
        /// <summary>The state to start from.</summary>
        public const uint Initial = 0xFFFFFFFFu;

        private static readonly uint[] Table = CreateTable();

        /// <summary>Feeds one byte into a running state.</summary>
        public static uint Append(uint state, byte value) =>
            Table[(state ^ value) & 0xFF] ^ (state >> 8);

        /// <summary>Feeds <paramref name="count"/> bytes into a running state.</summary>
        public static uint Append(uint state, byte[] data, int offset, int count)
        {
            for (int i = offset; i < offset + count; i++)
            {
                state = Table[(state ^ data[i]) & 0xFF] ^ (state >> 8);
            }

            return state;
        }

        /// <summary>The checksum of everything fed into <paramref name="state"/>.</summary>
        public static uint Finish(uint state) => state ^ 0xFFFFFFFFu;

        /// <summary>The CRC-32 of a whole byte array.</summary>
        public static uint Compute(byte[] data) => Finish(Append(Initial, data, 0, data.Length));

        /// <summary>The header text: <c>CRC-32 cbf43926</c>.</summary>
        public static string Format(uint checksum) =>
            WeightsFormat.ChecksumAlgorithm + " " + checksum.ToString("x8", CultureInfo.InvariantCulture);

        private static uint[] CreateTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}
