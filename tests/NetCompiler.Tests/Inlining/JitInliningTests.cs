using System.Linq;
using System.Numerics;

namespace NetCompiler.Tests.Inlining;

/// <summary>
/// The JIT really does compile a small network's one-example <c>Forward</c> and <c>Infer</c> as one
/// piece: asked by its own events, it reports no call into this repository's code left out of line
/// but the throw helpers. The generator tests check the <c>AggressiveInlining</c> marks on the
/// generated code; this checks what the JIT made of them, through the runtime's code too, with its
/// inlining budget, which a long chain of calls can exhaust (a five-layer network's layers, tanh and
/// exponential once became calls, 60 ns an example instead of 50).
/// </summary>
public class JitInliningTests : IClassFixture<InliningProbeRun>
{
    private readonly InliningProbeRun _probe;

    public JitInliningTests(InliningProbeRun probe) => _probe = probe;

    public static TheoryData<string, string> Roots()
    {
        var roots = new TheoryData<string, string>();
        foreach (string network in InliningProbe.Networks)
        {
            roots.Add(network, "Forward");
            roots.Add(network, "Infer");
        }

        return roots;
    }

    [Theory]
    [MemberData(nameof(Roots))]
    public void EveryCallIntoOurCodeIsInlined(string network, string method)
    {
        Assert.True(_probe.ExitCode == 0, "the probe failed: " + _probe.Error);
        string type = typeof(InliningProbe).Namespace + "." + network;
        string forwardThrough = type + "+CompiledLayers.ForwardThrough";

        // Infer's activations are on its stack, and its forward pass is a method of its own,
        // ForwardThrough, which the JIT may write into Infer or compile apart: one of the two holds the layers.
        var decisions = method == "Infer"
            ? _probe.Compiling(type + ".Infer").Concat(_probe.Compiling(forwardThrough)).ToArray()
            : _probe.Compiling(type + "." + method);

        // the compilation was seen: the first layer is written into it
        Assert.Contains(decisions, decision => decision.Inlined && decision.Inlinee == type + "+CompiledLayers.ForwardLayer1");
        if (!Vector.IsHardwareAccelerated)
        {
            // Vector<T> in software (DOTNET_EnableHWIntrinsic=0, a platform without SIMD): its operations are
            // methods with many locals, which the JIT may keep out of line; speed is not the aim there
            return;
        }

        var outOfLine = decisions
            .Where(decision => !decision.Inlined && decision.InlineeIsOurs && !decision.InlineeIsThrowHelper && decision.Inlinee != forwardThrough)
            .ToArray();
        Assert.True(outOfLine.Length == 0, string.Join("\n", outOfLine.Select(decision => decision.ToString())));
    }
}
