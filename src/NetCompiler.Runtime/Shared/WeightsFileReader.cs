// This file is compiled into both the runtime and the generator. It never throws, whatever the
// text: the generator turns a failure into a diagnostic, the runtime into an InvalidDataException.
using System;
using System.Globalization;
using System.Text;

namespace NetCompiler.Shared
{
    /// <summary>What is wrong with a weights file, or <see cref="None"/>.</summary>
    internal enum WeightsErrorKind
    {
        /// <summary>The file is valid (and matches the expected network, when one was given).</summary>
        None = 0,

        /// <summary>Empty, or the first line is not <c>NetCompilerWeights major.minor</c>.</summary>
        NotWeightsFile,

        /// <summary>A major version other than <see cref="WeightsFormat.MajorVersion"/> (newer, usually), or a malformed version.</summary>
        UnsupportedVersion,

        /// <summary>A header line is malformed, repeated, missing, or has an invalid value.</summary>
        InvalidHeader,

        /// <summary>The file is for another layer structure.</summary>
        StructureMismatch,

        /// <summary>The file holds values of the other precision.</summary>
        PrecisionMismatch,

        /// <summary>The file holds another number of parameters.</summary>
        ParameterCountMismatch,

        /// <summary>The file is cut short: no end marker, or fewer values than its header says.</summary>
        Truncated,

        /// <summary>A values line has a character outside base64, misplaced padding, or is empty.</summary>
        InvalidBase64,

        /// <summary>The values section holds more data than the header's parameter count.</summary>
        TooManyValues,

        /// <summary>The values do not give the checksum of the header: the file is corrupt.</summary>
        ChecksumMismatch,

        /// <summary>A value is NaN or infinite.</summary>
        NonFiniteValue,

        /// <summary>Something other than blank lines follows the end marker.</summary>
        ContentAfterEnd,

        /// <summary>A bug in the reader; it is reported rather than thrown.</summary>
        InternalError,
    }

    /// <summary>The header and values of a valid weights file.</summary>
    internal sealed class WeightsFileContents
    {
        public WeightsFileContents(int majorVersion, int minorVersion, Precision precision, int parameterCount, string structure, uint checksum, double[]? doubleValues, float[]? singleValues)
        {
            MajorVersion = majorVersion;
            MinorVersion = minorVersion;
            Precision = precision;
            ParameterCount = parameterCount;
            Structure = structure;
            Checksum = checksum;
            DoubleValues = doubleValues;
            SingleValues = singleValues;
        }

        public int MajorVersion { get; }

        public int MinorVersion { get; }

        /// <summary>The type of the values: <see cref="DoubleValues"/> is set for Double, <see cref="SingleValues"/> for Single.</summary>
        public Precision Precision { get; }

        public int ParameterCount { get; }

        /// <summary>The canonical layer structure the file was written for.</summary>
        public string Structure { get; }

        /// <summary>The CRC-32 of the value bytes, as in the header (and verified).</summary>
        public uint Checksum { get; }

        /// <summary>The values, bit-exact, when <see cref="Precision"/> is Double; otherwise null.</summary>
        public double[]? DoubleValues { get; }

        /// <summary>The values, bit-exact, when <see cref="Precision"/> is Single; otherwise null.</summary>
        public float[]? SingleValues { get; }
    }

    /// <summary>The outcome of <see cref="WeightsFileReader.Read(string)"/>: contents, or an error.</summary>
    internal sealed class WeightsReadResult
    {
        private WeightsReadResult(WeightsErrorKind error, string message, int line, WeightsFileContents? contents)
        {
            Error = error;
            Message = message;
            Line = line;
            Contents = contents;
        }

        /// <summary><see cref="WeightsErrorKind.None"/> on success.</summary>
        public WeightsErrorKind Error { get; }

        public bool Succeeded => Error == WeightsErrorKind.None;

        /// <summary>What is wrong, as one or two sentences for a person; empty on success.</summary>
        public string Message { get; }

        /// <summary>The 1-based line the error is on, or 0 when it is not about one line.</summary>
        public int Line { get; }

        /// <summary>The header and values; set exactly when <see cref="Succeeded"/>.</summary>
        public WeightsFileContents? Contents { get; }

        internal static WeightsReadResult Success(WeightsFileContents contents) =>
            new WeightsReadResult(WeightsErrorKind.None, string.Empty, 0, contents);

        internal static WeightsReadResult Failure(WeightsErrorKind error, int line, string message) =>
            new WeightsReadResult(error, message, line, null);
    }

    /// <summary>
    /// Parses and validates the text of a weights file (docs/weights-format.md). Every check is made
    /// before the values are returned, and no input makes it throw.
    /// </summary>
    internal static class WeightsFileReader
    {
        private const int MaxQuotedLength = 80;
        private const int MaxStructureLength = 2000;
        private const byte Invalid = 0xFF;

        private static readonly byte[] Base64Values = CreateBase64Values();

        /// <summary>Reads and validates a weights file on its own.</summary>
        public static WeightsReadResult Read(string? text) => ReadCore(text, null, 0, null);

        /// <summary>
        /// Reads and validates a weights file, and checks that it is for a network of the given
        /// structure, precision and parameter count; a mismatch is reported before the values are decoded.
        /// </summary>
        public static WeightsReadResult Read(string? text, Precision expectedPrecision, int expectedParameterCount, string expectedStructure) =>
            ReadCore(text, expectedPrecision, expectedParameterCount, expectedStructure ?? string.Empty);

        private static WeightsReadResult ReadCore(string? text, Precision? expectedPrecision, int expectedParameterCount, string? expectedStructure)
        {
            try
            {
                return Parse(text, expectedPrecision, expectedParameterCount, expectedStructure);
            }
            catch (Exception exception)
            {
                // Never reached by any input the tests found; kept so the generator can never crash.
                return WeightsReadResult.Failure(WeightsErrorKind.InternalError, 0, "The weights file could not be read (" + exception.GetType().Name + ": " + exception.Message + ").");
            }
        }

        private static WeightsReadResult Parse(string? text, Precision? expectedPrecision, int expectedParameterCount, string? expectedStructure)
        {
            if (text == null || text.Length == 0 || (text.Length == 1 && text[0] == '\uFEFF'))
            {
                return Fail(WeightsErrorKind.NotWeightsFile, 0, "The weights file is empty; a weights file starts with '{0}'.", WeightsFormat.FirstLine);
            }

            var lines = new LineCursor(text, text[0] == '\uFEFF' ? 1 : 0);

            // First line: format name and version.
            lines.Next();
            string first = lines.Current;
            string prefix = WeightsFormat.FormatName + " ";
            if (!first.StartsWith(prefix, StringComparison.Ordinal))
            {
                return Fail(WeightsErrorKind.NotWeightsFile, 1, "This is not a NetCompiler weights file: its first line is '{0}', but a weights file starts with '{1}'.", Quote(first), WeightsFormat.FirstLine);
            }

            string version = first.Substring(prefix.Length);
            int dot = version.IndexOf('.');
            if (dot < 0 || !TryParseNumber(version.Substring(0, dot), 9, out int major) || !TryParseNumber(version.Substring(dot + 1), 9, out int minor))
            {
                return Fail(WeightsErrorKind.UnsupportedVersion, 1, "The weights file's version '{0}' is not of the form major.minor (this version of NetCompiler writes {1}).", Quote(version), WeightsFormat.VersionText);
            }

            if (major > WeightsFormat.MajorVersion)
            {
                return Fail(WeightsErrorKind.UnsupportedVersion, 1, "The weights file has format version {0}.{1}, newer than the version {2}.x this version of NetCompiler reads; update NetCompiler to read it.", major, minor, WeightsFormat.MajorVersion);
            }

            if (major < WeightsFormat.MajorVersion)
            {
                return Fail(WeightsErrorKind.UnsupportedVersion, 1, "The weights file has format version {0}.{1}, but this version of NetCompiler reads version {2}.x only.", major, minor, WeightsFormat.MajorVersion);
            }

            // Header lines up to "Values:".
            Precision? precision = null;
            int precisionLine = 0, countLine = 0, structureLine = 0, checksumLine = 0;
            int parameterCount = 0;
            string? structure = null;
            uint checksum = 0;
            while (true)
            {
                if (!lines.Next())
                {
                    return Fail(WeightsErrorKind.Truncated, lines.Number, "The weights file is truncated: it ends in its header, before the '{0}' line.", WeightsFormat.ValuesMarker);
                }

                string line = lines.Current;
                if (line == WeightsFormat.ValuesMarker)
                {
                    break;
                }

                int colon = line.IndexOf(':');
                if (colon <= 0 || colon == line.Length - 1 || line[colon + 1] != ' ' || !IsKey(line, colon))
                {
                    return Fail(WeightsErrorKind.InvalidHeader, lines.Number, "Line {0} of the weights file, '{1}', is not a header line 'Key: value' nor '{2}'.", lines.Number, Quote(line), WeightsFormat.ValuesMarker);
                }

                string key = line.Substring(0, colon);
                string value = line.Substring(colon + 2).Trim();
                int previousLine;
                switch (key)
                {
                    case WeightsFormat.PrecisionKey:
                        previousLine = precisionLine;
                        precisionLine = lines.Number;
                        if (value == "Single")
                        {
                            precision = Precision.Single;
                        }
                        else if (value == "Double")
                        {
                            precision = Precision.Double;
                        }
                        else
                        {
                            return Fail(WeightsErrorKind.InvalidHeader, lines.Number, "The weights file's precision '{0}' (line {1}) is neither Single nor Double.", Quote(value), lines.Number);
                        }

                        break;

                    case WeightsFormat.ParameterCountKey:
                        previousLine = countLine;
                        countLine = lines.Number;
                        if (!TryParseNumber(value, 10, out parameterCount) || parameterCount > NetworkRules.MaxValues)
                        {
                            return Fail(WeightsErrorKind.InvalidHeader, lines.Number, "The weights file's parameter count '{0}' (line {1}) is not a whole number from 0 to {2}.", Quote(value), lines.Number, NetworkRules.MaxValues);
                        }

                        break;

                    case WeightsFormat.StructureKey:
                        previousLine = structureLine;
                        structureLine = lines.Number;
                        if (value.Length == 0)
                        {
                            return Fail(WeightsErrorKind.InvalidHeader, lines.Number, "The weights file's structure (line {0}) is empty.", lines.Number);
                        }

                        structure = value;
                        break;

                    case WeightsFormat.ChecksumKey:
                        previousLine = checksumLine;
                        checksumLine = lines.Number;
                        string checksumPrefix = WeightsFormat.ChecksumAlgorithm + " ";
                        if (!value.StartsWith(checksumPrefix, StringComparison.Ordinal) || !TryParseHex(value.Substring(checksumPrefix.Length), out checksum))
                        {
                            return Fail(WeightsErrorKind.InvalidHeader, lines.Number, "The weights file's checksum '{0}' (line {1}) is not '{2}' followed by 8 hexadecimal digits.", Quote(value), lines.Number, WeightsFormat.ChecksumAlgorithm);
                        }

                        break;

                    default:
                        // A key of a newer minor version: ignored, so that old readers keep working.
                        previousLine = 0;
                        break;
                }

                if (previousLine != 0)
                {
                    return Fail(WeightsErrorKind.InvalidHeader, lines.Number, "The weights file has two '{0}' lines ({1} and {2}).", key, previousLine, lines.Number);
                }
            }

            int valuesMarkerLine = lines.Number;
            string? missing =
                precisionLine == 0 ? WeightsFormat.PrecisionKey :
                countLine == 0 ? WeightsFormat.ParameterCountKey :
                structureLine == 0 ? WeightsFormat.StructureKey :
                checksumLine == 0 ? WeightsFormat.ChecksumKey : null;
            if (missing != null)
            {
                return Fail(WeightsErrorKind.InvalidHeader, valuesMarkerLine, "The weights file's header has no '{0}:' line.", missing);
            }

            Precision filePrecision = precision.GetValueOrDefault();
            string fileStructure = structure!;

            // Is it the network's file at all?
            if (expectedPrecision.HasValue)
            {
                if (!string.Equals(fileStructure, expectedStructure, StringComparison.Ordinal))
                {
                    return Fail(WeightsErrorKind.StructureMismatch, structureLine, "The weights file is for the layer structure '{0}', but the network's structure is '{1}'.", Quote(fileStructure, MaxStructureLength), Quote(expectedStructure ?? string.Empty, MaxStructureLength));
                }

                if (filePrecision != expectedPrecision.Value)
                {
                    return Fail(WeightsErrorKind.PrecisionMismatch, precisionLine, "The weights file has precision {0}, but the network's precision is {1}.", WeightsFormat.PrecisionName(filePrecision), WeightsFormat.PrecisionName(expectedPrecision.Value));
                }

                if (parameterCount != expectedParameterCount)
                {
                    return Fail(WeightsErrorKind.ParameterCountMismatch, countLine, "The weights file holds {0} parameters (its parameter count), but the network has {1}.", parameterCount, expectedParameterCount);
                }
            }

            // First pass over the values: characters, padding, end marker; no allocation yet.
            int valueSize = WeightsFormat.ValueSize(filePrecision);
            long byteCount = (long)parameterCount * valueSize;
            long neededChars = (byteCount + 2) / 3 * 4;
            int neededPadding = (int)((3 - (byteCount % 3)) % 3);
            int dataStart = lines.Position;
            int firstDataLine = valuesMarkerLine + 1;
            long dataChars = 0;
            int padding = 0;
            int endLine = 0;
            int dataEnd = dataStart;
            while (lines.Next())
            {
                string line = lines.Current;
                if (line == WeightsFormat.EndMarker)
                {
                    endLine = lines.Number;
                    break;
                }

                if (lines.AtEnd && line.Length > 0 && WeightsFormat.EndMarker.StartsWith(line, StringComparison.Ordinal))
                {
                    break; // the end marker itself was cut short
                }

                if (line.Length == 0)
                {
                    return Fail(WeightsErrorKind.InvalidBase64, lines.Number, "Line {0} of the weights file is empty, but the values section has only base64 lines up to '{1}'.", lines.Number, WeightsFormat.EndMarker);
                }

                for (int i = 0; i < line.Length; i++)
                {
                    char c = line[i];
                    if (c == '=')
                    {
                        padding++;
                        if (padding > 2)
                        {
                            return Fail(WeightsErrorKind.InvalidBase64, lines.Number, "Line {0} of the weights file has more than two '=' padding characters.", lines.Number);
                        }
                    }
                    else if (c >= 128 || Base64Values[c] == Invalid)
                    {
                        return Fail(WeightsErrorKind.InvalidBase64, lines.Number, "Line {0} of the weights file has {1} at column {2}, which is not a base64 character.", lines.Number, DescribeChar(c), i + 1);
                    }
                    else if (padding > 0)
                    {
                        return Fail(WeightsErrorKind.InvalidBase64, lines.Number, "Line {0} of the weights file has base64 data after '=' padding, which may only end the values.", lines.Number);
                    }
                }

                dataChars += line.Length;
                dataEnd = lines.Position;
            }

            if (endLine == 0)
            {
                return Fail(WeightsErrorKind.Truncated, lines.Number, "The weights file is truncated: it ends without its end marker '{0}' (after {1} base64 characters of values).", WeightsFormat.EndMarker, dataChars);
            }

            if (dataChars < neededChars)
            {
                return Fail(WeightsErrorKind.Truncated, endLine, "The weights file is truncated: its values have {0} base64 characters, but {1} {2} parameters need {3}.", dataChars, parameterCount, WeightsFormat.PrecisionName(filePrecision), neededChars);
            }

            if (dataChars > neededChars)
            {
                return Fail(WeightsErrorKind.TooManyValues, endLine, "The weights file has more values than its parameter count: {0} base64 characters, but {1} {2} parameters need {3}.", dataChars, parameterCount, WeightsFormat.PrecisionName(filePrecision), neededChars);
            }

            if (padding != neededPadding)
            {
                return Fail(WeightsErrorKind.InvalidBase64, endLine - 1, "The weights file's values end with {0} '=' padding characters, but {1} bytes of values need {2}.", padding, byteCount, neededPadding);
            }

            while (lines.Next())
            {
                if (lines.Current.Trim().Length != 0)
                {
                    return Fail(WeightsErrorKind.ContentAfterEnd, lines.Number, "Line {0} of the weights file, '{1}', follows the end marker '{2}', after which only blank lines may come.", lines.Number, Quote(lines.Current), WeightsFormat.EndMarker);
                }
            }

            // Second pass: decode, checksum, values.
            double[]? doubles = filePrecision == Precision.Double ? new double[parameterCount] : null;
            float[]? singles = filePrecision == Precision.Single ? new float[parameterCount] : null;
            uint state = WeightsChecksum.Initial;
            int quartet = 0, bitsInQuartet = 0, valueIndex = 0, byteInValue = 0;
            long decodedBytes = 0;
            ulong valueBits = 0;
            int firstNonFinite = -1;
            ulong nonFiniteBits = 0;
            int lineNumber = firstDataLine;
            for (int i = dataStart; i < dataEnd; i++)
            {
                char c = text[i];
                if (c == '\n')
                {
                    lineNumber++;
                    continue;
                }

                if (c == '\r')
                {
                    continue;
                }

                if (c == '=')
                {
                    // Padding: the bits below the last whole byte must be zero (canonical base64).
                    int leftover = bitsInQuartet % 8;
                    if ((quartet & ((1 << leftover) - 1)) != 0)
                    {
                        return Fail(WeightsErrorKind.InvalidBase64, lineNumber, "Line {0} of the weights file ends its values with non-zero padding bits; the base64 is not canonical.", lineNumber);
                    }

                    break;
                }

                quartet = (quartet << 6) | Base64Values[c];
                bitsInQuartet += 6;
                if (bitsInQuartet >= 8)
                {
                    bitsInQuartet -= 8;
                    byte b = (byte)(quartet >> bitsInQuartet);
                    quartet &= (1 << bitsInQuartet) - 1;
                    state = WeightsChecksum.Append(state, b);
                    decodedBytes++;
                    valueBits |= (ulong)b << (8 * byteInValue);
                    if (++byteInValue == valueSize)
                    {
                        if (firstNonFinite < 0 && !WeightsValueBytes.IsFinite(valueBits, filePrecision))
                        {
                            firstNonFinite = valueIndex;
                            nonFiniteBits = valueBits;
                        }

                        if (doubles != null)
                        {
                            doubles[valueIndex] = WeightsValueBytes.BitsToDouble(valueBits);
                        }
                        else
                        {
                            singles![valueIndex] = WeightsValueBytes.BitsToSingle((uint)valueBits);
                        }

                        valueIndex++;
                        byteInValue = 0;
                        valueBits = 0;
                    }
                }
            }

            if (decodedBytes != byteCount || valueIndex != parameterCount)
            {
                return Fail(WeightsErrorKind.InternalError, 0, "The weights file decoded to {0} bytes instead of {1}.", decodedBytes, byteCount);
            }

            uint actual = WeightsChecksum.Finish(state);
            if (actual != checksum)
            {
                return Fail(WeightsErrorKind.ChecksumMismatch, checksumLine, "The weights file is corrupt: its values give the checksum {0}, but its header says {1}.", WeightsChecksum.Format(actual), WeightsChecksum.Format(checksum));
            }

            if (firstNonFinite >= 0)
            {
                return Fail(WeightsErrorKind.NonFiniteValue, 0, "Parameter {0} in the weights file is {1}; weights must be finite numbers.", firstNonFinite, WeightsValueBytes.DescribeNonFinite(nonFiniteBits, filePrecision));
            }

            return WeightsReadResult.Success(new WeightsFileContents(major, minor, filePrecision, parameterCount, fileStructure, checksum, doubles, singles));
        }

        private static WeightsReadResult Fail(WeightsErrorKind error, int line, string format, params object?[] arguments) =>
            WeightsReadResult.Failure(error, line, string.Format(CultureInfo.InvariantCulture, format, arguments));

        private static bool IsKey(string line, int length)
        {
            for (int i = 0; i < length; i++)
            {
                char c = line[i];
                bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
                if (!letter && (i == 0 || c < '0' || c > '9'))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Decimal digits only, at most <paramref name="maxDigits"/> of them, no sign, no spaces.</summary>
        private static bool TryParseNumber(string text, int maxDigits, out int value)
        {
            value = 0;
            if (text.Length == 0 || text.Length > maxDigits)
            {
                return false;
            }

            long result = 0;
            foreach (char c in text)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }

                result = result * 10 + (c - '0');
            }

            if (result > int.MaxValue)
            {
                return false;
            }

            value = (int)result;
            return true;
        }

        private static bool TryParseHex(string text, out uint value)
        {
            value = 0;
            if (text.Length != 8)
            {
                return false;
            }

            foreach (char c in text)
            {
                int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (digit < 0)
                {
                    return false;
                }

                value = (value << 4) | (uint)digit;
            }

            return true;
        }

        /// <summary>A line quoted in a message: shortened, control characters shown as \uXXXX.</summary>
        private static string Quote(string text) => Quote(text, MaxQuotedLength);

        private static string Quote(string text, int maxLength)
        {
            var quoted = new StringBuilder();
            foreach (char c in text)
            {
                if (quoted.Length >= maxLength)
                {
                    quoted.Append('…');
                    break;
                }

                if (char.IsControl(c) || char.IsSurrogate(c) || c == '\uFFFD' || c == '\uFEFF')
                {
                    quoted.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                }
                else
                {
                    quoted.Append(c);
                }
            }

            return quoted.ToString();
        }

        private static string DescribeChar(char c) =>
            c == ' ' ? "a space" :
            c == '\t' ? "a tab" :
            "'" + Quote(c.ToString()) + "'";

        private static byte[] CreateBase64Values()
        {
            var values = new byte[128];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = Invalid;
            }

            const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            for (int i = 0; i < alphabet.Length; i++)
            {
                values[alphabet[i]] = (byte)i;
            }

            return values;
        }

        /// <summary>
        /// Walks the lines of the text: a line ends at "\n" (a "\r" before it is dropped); a final
        /// "\n" does not start another, empty line.
        /// </summary>
        private struct LineCursor
        {
            private readonly string _text;

            public LineCursor(string text, int start)
            {
                _text = text;
                Position = start;
                Number = 0;
                Current = string.Empty;
            }

            /// <summary>Where the next line starts.</summary>
            public int Position { get; private set; }

            /// <summary>The 1-based number of <see cref="Current"/>.</summary>
            public int Number { get; private set; }

            public string Current { get; private set; }

            /// <summary>Whether <see cref="Current"/> is the last line of the text.</summary>
            public bool AtEnd => Position >= _text.Length;

            public bool Next()
            {
                if (Position >= _text.Length)
                {
                    return false;
                }

                int newline = _text.IndexOf('\n', Position);
                int end = newline < 0 ? _text.Length : newline;
                int next = newline < 0 ? _text.Length : newline + 1;
                if (end > Position && _text[end - 1] == '\r')
                {
                    end--;
                }

                Current = _text.Substring(Position, end - Position);
                Position = next;
                Number++;
                return true;
            }
        }
    }
}
