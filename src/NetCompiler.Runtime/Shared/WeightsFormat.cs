// This file is compiled into both the runtime and the generator: the fixed words of the
// NetCompiler weights format (docs/weights-format.md), so writer, reader and generator agree.
namespace NetCompiler.Shared
{
    /// <summary>
    /// The constants of the text weights format, version <see cref="MajorVersion"/>.<see cref="MinorVersion"/>:
    /// <code>
    /// NetCompilerWeights 1.0
    /// Precision: Single
    /// ParameterCount: 32
    /// Structure: Input(2) Dense(6, Tanh) Dense(2, Softmax)
    /// Checksum: CRC-32 1c291ca3
    /// Values:
    /// (base64 of the little-endian value bytes, 76 characters a line)
    /// End NetCompilerWeights
    /// </code>
    /// </summary>
    internal static class WeightsFormat
    {
        /// <summary>The first word of every weights file.</summary>
        public const string FormatName = "NetCompilerWeights";

        /// <summary>
        /// The major version this code writes and the only one it reads. A reader rejects a file
        /// of another major version; a new major version is for changes old readers would misread.
        /// </summary>
        public const int MajorVersion = 1;

        /// <summary>
        /// The minor version this code writes. A newer minor version only adds header lines,
        /// which readers of the same major version ignore.
        /// </summary>
        public const int MinorVersion = 0;

        /// <summary>Header key: <c>Single</c> or <c>Double</c>, the type of every value.</summary>
        public const string PrecisionKey = "Precision";

        /// <summary>Header key: the number of values, a decimal integer.</summary>
        public const string ParameterCountKey = "ParameterCount";

        /// <summary>Header key: the canonical layer structure, as <c>NetworkRules.DescribeStructure</c> gives it.</summary>
        public const string StructureKey = "Structure";

        /// <summary>Header key: <see cref="ChecksumAlgorithm"/>, a space, and 8 hexadecimal digits.</summary>
        public const string ChecksumKey = "Checksum";

        /// <summary>The one checksum algorithm of version 1: CRC-32 (IEEE 802.3, as zlib) of the value bytes.</summary>
        public const string ChecksumAlgorithm = "CRC-32";

        /// <summary>The line that ends the header; the base64 lines follow it.</summary>
        public const string ValuesMarker = "Values:";

        /// <summary>The line that ends the values, so that a cut-short file is recognised.</summary>
        public const string EndMarker = "End " + FormatName;

        /// <summary>Bytes per base64 line (76 characters, as MIME).</summary>
        public const int BytesPerLine = 57;

        /// <summary>The customary file name extension.</summary>
        public const string FileExtension = ".ncw";

        /// <summary>The first line this code writes: <c>NetCompilerWeights 1.0</c>.</summary>
        public static string FirstLine => FormatName + " " + VersionText;

        /// <summary>"1.0".</summary>
        public static string VersionText =>
            MajorVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." +
            MinorVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>The header word for a precision.</summary>
        public static string PrecisionName(Precision precision) => precision == Precision.Double ? "Double" : "Single";

        /// <summary>Bytes per value: 4 for Single, 8 for Double.</summary>
        public static int ValueSize(Precision precision) => precision == Precision.Double ? 8 : 4;
    }
}
