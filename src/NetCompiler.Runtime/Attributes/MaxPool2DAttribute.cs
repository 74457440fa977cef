using System;

namespace NetCompiler;

/// <summary>Max-pooling over square windows of each channel. It has no parameters.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPool2DAttribute : Attribute
{
    public MaxPool2DAttribute(int size)
    {
        Size = size;
        Stride = size;
    }

    /// <summary>The side of the square window.</summary>
    public int Size { get; }

    /// <summary>The step between windows; the window size by default, so windows do not overlap.</summary>
    public int Stride { get; set; }
}
