namespace NetCompiler.Generators;

/// <summary>Metadata names of the attributes the generator reads.</summary>
internal static class KnownNames
{
    public const string NetworkAttribute = "NetCompiler.NetworkAttribute";
    public const string InputAttribute = "NetCompiler.InputAttribute";
    public const string DenseAttribute = "NetCompiler.DenseAttribute";
    public const string Conv2DAttribute = "NetCompiler.Conv2DAttribute";
    public const string MaxPool2DAttribute = "NetCompiler.MaxPool2DAttribute";
    public const string LossAttribute = "NetCompiler.LossAttribute";
}
