// This file is compiled into both the runtime and the generator (whose tests use it to make files).
using System;
using System.Globalization;
using System.IO;

namespace NetCompiler.Shared
{
    /// <summary>
    /// Writes the text of a weights file (docs/weights-format.md). Low level: it writes any values,
    /// finite or not, for any structure text; <c>NetworkWeights.Save</c> checks the network first.
    /// Lines end in "\n" whatever the platform.
    /// </summary>
    internal static class WeightsFileWriter
    {
        // A multiple of BytesPerLine values, so every chunk but the last fills whole lines.
        private const int ValuesPerChunk = WeightsFormat.BytesPerLine * 64;

        /// <summary>Writes a Double weights file.</summary>
        public static void Write(TextWriter writer, string structure, double[] values)
        {
            if (values == null)
            {
                throw new ArgumentNullException(nameof(values));
            }

            Write(writer, Precision.Double, structure, values, null, values.Length);
        }

        /// <summary>Writes a Single weights file.</summary>
        public static void Write(TextWriter writer, string structure, float[] values)
        {
            if (values == null)
            {
                throw new ArgumentNullException(nameof(values));
            }

            Write(writer, Precision.Single, structure, null, values, values.Length);
        }

        /// <summary>The text of a Double weights file.</summary>
        public static string ToText(string structure, double[] values)
        {
            var text = new StringWriter(CultureInfo.InvariantCulture);
            Write(text, structure, values);
            return text.ToString();
        }

        /// <summary>The text of a Single weights file.</summary>
        public static string ToText(string structure, float[] values)
        {
            var text = new StringWriter(CultureInfo.InvariantCulture);
            Write(text, structure, values);
            return text.ToString();
        }

        /// <summary>The CRC-32 of the little-endian bytes of the values; exactly one array is set.</summary>
        public static uint ComputeChecksum(double[]? doubles, float[]? singles)
        {
            int count = doubles != null ? doubles.Length : singles!.Length;
            var buffer = new byte[Math.Min(count, ValuesPerChunk) * (doubles != null ? 8 : 4)];
            uint state = WeightsChecksum.Initial;
            for (int first = 0; first < count; first += ValuesPerChunk)
            {
                int bytes = WeightsValueBytes.Fill(doubles, singles, first, Math.Min(ValuesPerChunk, count - first), buffer);
                state = WeightsChecksum.Append(state, buffer, 0, bytes);
            }

            return WeightsChecksum.Finish(state);
        }

        private static void Write(TextWriter writer, Precision precision, string structure, double[]? doubles, float[]? singles, int count)
        {
            if (writer == null)
            {
                throw new ArgumentNullException(nameof(writer));
            }

            if (structure == null)
            {
                throw new ArgumentNullException(nameof(structure));
            }

            if (structure.Length == 0 || structure.Trim().Length != structure.Length || structure.IndexOfAny(new[] { '\r', '\n' }) >= 0)
            {
                throw new ArgumentException("The structure must be one non-empty line without leading or trailing spaces.", nameof(structure));
            }

            uint checksum = ComputeChecksum(doubles, singles);
            writer.Write(WeightsFormat.FirstLine + "\n");
            writer.Write(WeightsFormat.PrecisionKey + ": " + WeightsFormat.PrecisionName(precision) + "\n");
            writer.Write(WeightsFormat.ParameterCountKey + ": " + count.ToString(CultureInfo.InvariantCulture) + "\n");
            writer.Write(WeightsFormat.StructureKey + ": " + structure + "\n");
            writer.Write(WeightsFormat.ChecksumKey + ": " + WeightsChecksum.Format(checksum) + "\n");
            writer.Write(WeightsFormat.ValuesMarker + "\n");

            var buffer = new byte[Math.Min(count, ValuesPerChunk) * WeightsFormat.ValueSize(precision)];
            var line = new char[(WeightsFormat.BytesPerLine + 2) / 3 * 4];
            for (int first = 0; first < count; first += ValuesPerChunk)
            {
                int bytes = WeightsValueBytes.Fill(doubles, singles, first, Math.Min(ValuesPerChunk, count - first), buffer);
                for (int offset = 0; offset < bytes; offset += WeightsFormat.BytesPerLine)
                {
                    int chars = Convert.ToBase64CharArray(buffer, offset, Math.Min(WeightsFormat.BytesPerLine, bytes - offset), line, 0);
                    writer.Write(line, 0, chars);
                    writer.Write('\n');
                }
            }

            writer.Write(WeightsFormat.EndMarker + "\n");
        }
    }
}
