using System.Collections.Generic;
using System.Linq;

namespace NetCompiler.Tests.Inlining;

/// <summary>
/// One run of <see cref="InliningProbe"/> on one example in a child process without tiered
/// compilation (the rest of its environment inherited, so the CI runs without AVX or at other
/// vector widths probe those too): the decisions it printed.
/// </summary>
public class InliningProbeRun
{
    public InliningProbeRun()
        : this(InliningProbe.Command)
    {
    }

    protected InliningProbeRun(string command)
    {
        var run = new TestProcess(command, new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "0" });
        ExitCode = run.ExitCode;
        Error = run.Error;
        Decisions = run.Lines.Select(InlineDecision.FromLine).OfType<InlineDecision>().ToArray();
    }

    public int ExitCode { get; }

    public string Error { get; }

    public IReadOnlyList<InlineDecision> Decisions { get; }

    /// <summary>The decisions made while compiling <paramref name="root"/> (Namespace.Type.Method) as a method of its own.</summary>
    public IReadOnlyList<InlineDecision> Compiling(string root) => Decisions.Where(decision => decision.Root == root).ToArray();
}
