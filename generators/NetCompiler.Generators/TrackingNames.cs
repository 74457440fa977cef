namespace NetCompiler.Generators;

/// <summary>Names of the pipeline steps, so tests can check which were cached.</summary>
internal static class TrackingNames
{
    public const string Parse = "Parse";
    public const string Model = "Model";
    public const string OrphanLayers = "OrphanLayers";
}
