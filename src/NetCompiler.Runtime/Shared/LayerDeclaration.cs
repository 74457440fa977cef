// This file is compiled into both the runtime and the generator.
using System;

namespace NetCompiler.Shared
{
    /// <summary>
    /// One layer as the user declared it, before shapes are known: the common denominator of
    /// the attributes the generator reads and the layer specs the runtime is given.
    /// </summary>
    internal readonly struct LayerDeclaration : IEquatable<LayerDeclaration>
    {
        public LayerDeclaration(LayerKind kind, int count, int window, int stride, int padding, Activation activation)
        {
            Kind = kind;
            Count = count;
            Window = window;
            Stride = stride;
            Padding = padding;
            Activation = activation;
        }

        public LayerKind Kind { get; }

        /// <summary>Units of a dense layer, filters of a convolution; 0 for pooling.</summary>
        public int Count { get; }

        /// <summary>Kernel size of a convolution, window size of a pooling layer; 0 for dense.</summary>
        public int Window { get; }

        /// <summary>Step between windows (convolution and pooling); 0 for dense.</summary>
        public int Stride { get; }

        /// <summary>Zeros added on each side of the input (convolution); 0 otherwise.</summary>
        public int Padding { get; }

        public Activation Activation { get; }

        public static LayerDeclaration Dense(int units, Activation activation) =>
            new LayerDeclaration(LayerKind.Dense, units, 0, 0, 0, activation);

        public static LayerDeclaration Conv2D(int filters, int kernelSize, int stride, int padding, Activation activation) =>
            new LayerDeclaration(LayerKind.Conv2D, filters, kernelSize, stride, padding, activation);

        public static LayerDeclaration MaxPool2D(int size, int stride) =>
            new LayerDeclaration(LayerKind.MaxPool2D, 0, size, stride, 0, Activation.Identity);

        public bool Equals(LayerDeclaration other) =>
            Kind == other.Kind && Count == other.Count && Window == other.Window &&
            Stride == other.Stride && Padding == other.Padding && Activation == other.Activation;

        public override bool Equals(object? obj) => obj is LayerDeclaration other && Equals(other);

        public override int GetHashCode() =>
            unchecked(((((int)Kind * 397 ^ Count) * 397 ^ Window) * 397 ^ Stride) * 397 ^ Padding) * 397 ^ (int)Activation;

        /// <summary>The canonical text of the layer, as in weights-file fingerprints: "Dense(6, Tanh)".</summary>
        public override string ToString()
        {
            var culture = System.Globalization.CultureInfo.InvariantCulture;
            switch (Kind)
            {
                case LayerKind.Dense:
                    return string.Format(culture, "Dense({0}, {1})", Count, Activation);
                case LayerKind.Conv2D:
                    return string.Format(culture, "Conv2D({0}, {1}, {2}, Stride = {3}, Padding = {4})", Count, Window, Activation, Stride, Padding);
                default:
                    return string.Format(culture, "MaxPool2D({0}, Stride = {1})", Window, Stride);
            }
        }
    }
}
