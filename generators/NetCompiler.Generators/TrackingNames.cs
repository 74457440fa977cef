namespace NetCompiler.Generators;

/// <summary>Names of the pipeline steps, so tests can check which were cached.</summary>
internal static class TrackingNames
{
    /// <summary>Symbols and syntax → model and diagnostics.</summary>
    public const string Parse = "Parse";

    /// <summary>The valid networks with their weights references: location-free unless they name a weights file.</summary>
    public const string Model = "Model";

    /// <summary>Each network with its weights file found and validated.</summary>
    public const string Weights = "Weights";

    /// <summary>What each generated file is made from.</summary>
    public const string Source = "Source";

    /// <summary>The stand-ins of classes whose declaration or weights file has errors.</summary>
    public const string StandIn = "StandIn";

    /// <summary>The full names of generated files that differ only in case.</summary>
    public const string HintNames = "HintNames";

    /// <summary>[Input] on classes without [Network].</summary>
    public const string OrphanLayers = "OrphanLayers";
}
