namespace NetCompiler.Tests.Inlining;

/// <summary>One run of <see cref="InliningProbe"/> on batches, as <see cref="InliningProbeRun"/> runs it on one example.</summary>
public sealed class BatchInliningProbeRun : InliningProbeRun
{
    public BatchInliningProbeRun()
        : base(InliningProbe.BatchCommand)
    {
    }
}
