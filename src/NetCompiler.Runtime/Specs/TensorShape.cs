using System;
using NetCompiler.Shared;

namespace NetCompiler;

/// <summary>
/// The shape of the values between two layers: a flat vector, or an image of
/// channels × height × width values stored in CHW order.
/// </summary>
public readonly struct TensorShape : IEquatable<TensorShape>
{
    private TensorShape(int channels, int height, int width, bool isImage)
    {
        Channels = channels;
        Height = height;
        Width = width;
        IsImage = isImage;
    }

    /// <summary>Channels of an image; the length of a vector.</summary>
    public int Channels { get; }

    /// <summary>Height of an image; 1 for a vector.</summary>
    public int Height { get; }

    /// <summary>Width of an image; 1 for a vector.</summary>
    public int Width { get; }

    /// <summary>Whether this is an image (channels, height, width) rather than a flat vector.</summary>
    public bool IsImage { get; }

    /// <summary>The number of values, channels × height × width.</summary>
    public int Size => Channels * Height * Width;

    /// <summary>A flat vector of <paramref name="size"/> values.</summary>
    public static TensorShape Vector(int size) => new(size, 1, 1, isImage: false);

    /// <summary>An image of <paramref name="channels"/> × <paramref name="height"/> × <paramref name="width"/> values.</summary>
    public static TensorShape Image(int channels, int height, int width) => new(channels, height, width, isImage: true);

    internal LayerShape ToLayerShape() => new(Channels, Height, Width, IsImage);

    internal static TensorShape From(LayerShape shape) => new(shape.Channels, shape.Height, shape.Width, shape.IsSpatial);

    public bool Equals(TensorShape other) => ToLayerShape().Equals(other.ToLayerShape());

    public override bool Equals(object? obj) => obj is TensorShape other && Equals(other);

    public override int GetHashCode() => ToLayerShape().GetHashCode();

    public static bool operator ==(TensorShape left, TensorShape right) => left.Equals(right);

    public static bool operator !=(TensorShape left, TensorShape right) => !left.Equals(right);

    /// <summary>"6" for a vector, "8×4×4" for an image.</summary>
    public override string ToString() => ToLayerShape().ToString();
}
