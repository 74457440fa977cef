using System.Linq;
using System.Numerics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace NetCompiler.Tests.Inlining;

/// <summary>
/// The JIT compiles every examples-in-lanes kernel of a layer (its forward pass, its gradient terms,
/// its dJ/da) as one piece: no call into this repository's code is left out of line in it. A hidden
/// layer of sixteen tanh units written out unit by unit took the JIT past its limit of locals in a
/// method: its tanh, loads and stores became calls, and a batch took 30 ns an example where one
/// example at a time took 22. Every test network that runs batches in lanes is checked, and the
/// inlining probe's own.
/// </summary>
public class LanesInliningTests : IClassFixture<BatchInliningProbeRun>
{
    private static readonly Regex LanesKernel = new(@"^(Forward|Accumulate|Backpropagate)Layer[0-9]+Lanes$");

    private readonly BatchInliningProbeRun _probe;

    public LanesInliningTests(BatchInliningProbeRun probe) => _probe = probe;

    /// <summary>The networks the probe runs on batches whose generated code has kernels in lanes (<c>CompiledLayers.ExamplesInLanes</c>).</summary>
    public static TheoryData<string> Networks() => new(InliningProbe.BatchNetworks.Where(RunsInLanes));

    [Theory]
    [MemberData(nameof(Networks))]
    public void EveryCallInALanesKernelIsInlined(string network)
    {
        Assert.True(_probe.ExitCode == 0, "the probe failed: " + _probe.Error);
        if (!Vector.IsHardwareAccelerated)
        {
            // Vector<T> in software: the batches run one example at a time, with no kernel in lanes
            return;
        }

        string layers = network + "+CompiledLayers.";
        string[] kernels = _probe.Decisions
            .Select(decision => decision.Root)
            .Distinct()
            .Where(root => root.StartsWith(layers, System.StringComparison.Ordinal) && LanesKernel.IsMatch(root[layers.Length..]))
            .ToArray();

        // the compilations were seen: the first layer's forward kernel and its gradient terms' kernel
        Assert.Contains(layers + "ForwardLayer1Lanes", kernels);
        Assert.Contains(layers + "AccumulateLayer1Lanes", kernels);
        var outOfLine = _probe.Decisions
            .Where(decision => kernels.Contains(decision.Root) && !decision.Inlined && decision.InlineeIsOurs && !decision.InlineeIsThrowHelper)
            .ToArray();
        Assert.True(outOfLine.Length == 0, string.Join("\n", outOfLine.Select(decision => decision.ToString())));
    }

    private static bool RunsInLanes(string network) =>
        typeof(InliningProbe).Assembly.GetType(network)?.GetNestedType("CompiledLayers", BindingFlags.NonPublic)
            ?.GetProperty("ExamplesInLanes", BindingFlags.Static | BindingFlags.NonPublic) is not null;
}
