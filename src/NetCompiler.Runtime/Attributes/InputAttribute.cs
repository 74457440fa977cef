using System;

namespace NetCompiler;

/// <summary>
/// The input of a network: a vector of <c>size</c> values, or an image of
/// <c>channels × height × width</c> values stored in CHW order. Exactly one, before every layer.
/// </summary>
/// <remarks>
/// <see cref="AttributeUsageAttribute.AllowMultiple"/> is <see langword="true"/> only so that the
/// generator, not the compiler, can explain a second input (diagnostic NC0003).
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>A flat input of <paramref name="size"/> values.</summary>
    public InputAttribute(int size)
    {
        Channels = size;
        Height = 1;
        Width = 1;
    }

    /// <summary>An image input of <paramref name="channels"/> × <paramref name="height"/> × <paramref name="width"/> values.</summary>
    public InputAttribute(int channels, int height, int width)
    {
        Channels = channels;
        Height = height;
        Width = width;
        IsImage = true;
    }

    /// <summary>Channels of an image input; the size of a flat one.</summary>
    public int Channels { get; }

    /// <summary>Height of an image input; 1 for a flat one.</summary>
    public int Height { get; }

    /// <summary>Width of an image input; 1 for a flat one.</summary>
    public int Width { get; }

    /// <summary>Whether the input was declared as channels, height and width.</summary>
    public bool IsImage { get; }
}
