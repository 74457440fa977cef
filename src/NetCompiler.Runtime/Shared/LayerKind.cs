// This file is compiled into both the runtime and the generator.
namespace NetCompiler.Shared
{
    /// <summary>The kinds of layer a network is built from.</summary>
    internal enum LayerKind
    {
        Dense = 0,
        Conv2D = 1,
        MaxPool2D = 2,
    }
}
