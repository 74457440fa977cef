using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Threading;
using NetCompiler.Tests.Networks;

namespace NetCompiler.Tests.Inlining;

/// <summary>
/// This test assembly run as a program with <c>inlining-probe</c> (<see cref="TestProgram"/>): it
/// calls the one-example <c>Forward</c> and <c>Infer</c> of each network in
/// InliningNetworks.cs once, each through an interface or a delegate so that the JIT
/// compiles it as a method of its own, and prints every inlining decision the JIT reported, one per
/// line (<see cref="InlineDecision.ToLine"/>). Run with <c>DOTNET_TieredCompilation=0</c>, as the
/// benchmarks are, the first compilation of a method is its optimised one.
/// </summary>
public static class InliningProbe
{
    /// <summary>The argument that runs the probe.</summary>
    public const string Command = "inlining-probe";

    /// <summary>Each network's name, and one call of its <c>Forward</c> and its <c>Infer</c>.</summary>
    private static readonly (string Name, Action Run)[] Probes =
    {
        (nameof(Classify2DShape), () => Run(new Classify2DShape(seed: 1), Classify2DShape.Infer, Classify2DShape.InputSize, Classify2DShape.OutputSize)),
        (nameof(TwoLayerSoftmax), () => Run(new TwoLayerSoftmax(seed: 1), TwoLayerSoftmax.Infer, TwoLayerSoftmax.InputSize, TwoLayerSoftmax.OutputSize)),
        (nameof(FiveLayerSoftmax), () => Run(new FiveLayerSoftmax(seed: 1), FiveLayerSoftmax.Infer, FiveLayerSoftmax.InputSize, FiveLayerSoftmax.OutputSize)),
        (nameof(ReluIntoSigmoid), () => Run(new ReluIntoSigmoid(seed: 1), ReluIntoSigmoid.Infer, ReluIntoSigmoid.InputSize, ReluIntoSigmoid.OutputSize)),
        (nameof(DoubleTanhLinear), () => Run(new DoubleTanhLinear(seed: 1), DoubleTanhLinear.Infer, DoubleTanhLinear.InputSize, DoubleTanhLinear.OutputSize)),
    };

    /// <summary>The networks the probe runs, by name.</summary>
    public static IReadOnlyList<string> Networks { get; } = Array.ConvertAll(Probes, probe => probe.Name);

    public static int Run()
    {
        using var listener = new InlineDecisionListener();
        foreach ((string _, Action run) in Probes)
        {
            run();
        }

        // The runtime hands its events to the listener on a thread of its own, in order: once the
        // decision in Marker's compilation has arrived, every earlier one has.
        Marker();
        IReadOnlyList<InlineDecision> decisions = listener.Decisions;
        for (int wait = 0; wait < 300 && !ContainsMarker(decisions); wait++)
        {
            Thread.Sleep(100);
            decisions = listener.Decisions;
        }

        if (!ContainsMarker(decisions))
        {
            Console.Error.WriteLine("The runtime's inlining events did not arrive within 30 s.");
            return 1;
        }

        foreach (InlineDecision decision in decisions)
        {
            Console.WriteLine(decision.ToLine());
        }

        return 0;
    }

    /// <summary>One call of the network's <c>Forward</c> through <see cref="INetwork{T}"/> and one of its <c>Infer</c> through a delegate.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Run<T>(INetwork<T> network, NetworkUnderTest.InferFunction<T> infer, int inputSize, int outputSize)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var input = new T[inputSize];
        var output = new T[outputSize];
        network.Forward(input, output);
        infer(network.Parameters, input, output);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Marker() => MarkerInlinee(1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MarkerInlinee(int value) => value + 1;

    private static bool ContainsMarker(IReadOnlyList<InlineDecision> decisions)
    {
        foreach (InlineDecision decision in decisions)
        {
            if (decision.Inlinee.EndsWith("." + nameof(InliningProbe) + "." + nameof(MarkerInlinee), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
