// This file is compiled into both the runtime and the generator.
using System;

namespace NetCompiler.Shared
{
    /// <summary>
    /// The shape of the values flowing between two layers: channels × height × width for
    /// images, or a flat vector (stored as size × 1 × 1 with <see cref="IsSpatial"/> false).
    /// </summary>
    internal readonly struct LayerShape : IEquatable<LayerShape>
    {
        public LayerShape(int channels, int height, int width, bool isSpatial)
        {
            Channels = channels;
            Height = height;
            Width = width;
            IsSpatial = isSpatial;
        }

        public int Channels { get; }

        public int Height { get; }

        public int Width { get; }

        public bool IsSpatial { get; }

        /// <summary>The number of values, C·H·W. A long, so that absurd declarations cannot overflow.</summary>
        public long Size => (long)Channels * Height * Width;

        public static LayerShape Flat(int size) => new LayerShape(size, 1, 1, isSpatial: false);

        public static LayerShape Spatial(int channels, int height, int width) => new LayerShape(channels, height, width, isSpatial: true);

        public bool Equals(LayerShape other) =>
            Channels == other.Channels && Height == other.Height && Width == other.Width && IsSpatial == other.IsSpatial;

        public override bool Equals(object? obj) => obj is LayerShape other && Equals(other);

        public override int GetHashCode() => unchecked((((Channels * 397) ^ Height) * 397 ^ Width) * 2 + (IsSpatial ? 1 : 0));

        /// <summary>"6" for a vector, "8×4×4" for channels × height × width.</summary>
        public override string ToString() =>
            IsSpatial
                ? Channels.ToString(System.Globalization.CultureInfo.InvariantCulture) + "×" +
                  Height.ToString(System.Globalization.CultureInfo.InvariantCulture) + "×" +
                  Width.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : Channels.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
