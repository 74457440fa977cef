using System;
using System.Collections.Generic;
using System.Linq;
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
/// line (<see cref="InlineDecision.ToLine"/>); with <c>inlining-probe-batches</c>, the batch
/// <c>Forward</c> and <c>Backward</c> instead, also of every test network of <see cref="DenseCases"/>,
/// which compile the examples-in-lanes kernels. Run with
/// <c>DOTNET_TieredCompilation=0</c>, as the benchmarks are, the first compilation of a method is its
/// optimised one.
/// </summary>
public static class InliningProbe
{
    /// <summary>The argument that runs the probe on one example.</summary>
    public const string Command = "inlining-probe";

    /// <summary>The argument that runs the probe on batches.</summary>
    public const string BatchCommand = "inlining-probe-batches";

    /// <summary>Two blocks of examples in lanes at the widest <c>Vector&lt;T&gt;</c> (sixteen floats).</summary>
    private const int BatchSize = 32;

    /// <summary>
    /// Each network's name, whether its one-example code compiles as one piece, and a run of it: one
    /// call of its <c>Forward</c> and its <c>Infer</c>, or (given true) of its batch <c>Forward</c> and <c>Backward</c>.
    /// </summary>
    private static readonly (string Name, bool OneExampleInOnePiece, Action<bool> Run)[] Probes =
    {
        (nameof(Classify2DShape), true, batches => Run(new Classify2DShape(seed: 1), Classify2DShape.Infer, Classify2DShape.InputSize, Classify2DShape.OutputSize, batches)),
        (nameof(TwoLayerSoftmax), true, batches => Run(new TwoLayerSoftmax(seed: 1), TwoLayerSoftmax.Infer, TwoLayerSoftmax.InputSize, TwoLayerSoftmax.OutputSize, batches)),
        (nameof(FiveLayerSoftmax), true, batches => Run(new FiveLayerSoftmax(seed: 1), FiveLayerSoftmax.Infer, FiveLayerSoftmax.InputSize, FiveLayerSoftmax.OutputSize, batches)),
        (nameof(ReluIntoSigmoid), true, batches => Run(new ReluIntoSigmoid(seed: 1), ReluIntoSigmoid.Infer, ReluIntoSigmoid.InputSize, ReluIntoSigmoid.OutputSize, batches)),
        (nameof(DoubleTanhLinear), true, batches => Run(new DoubleTanhLinear(seed: 1), DoubleTanhLinear.Infer, DoubleTanhLinear.InputSize, DoubleTanhLinear.OutputSize, batches)),
        (nameof(WideTanhLayer), false, batches => Run(new WideTanhLayer(seed: 1), WideTanhLayer.Infer, WideTanhLayer.InputSize, WideTanhLayer.OutputSize, batches)),
        (nameof(WideSigmoidLayer), false, batches => Run(new WideSigmoidLayer(seed: 1), WideSigmoidLayer.Infer, WideSigmoidLayer.InputSize, WideSigmoidLayer.OutputSize, batches)),
        (nameof(LongRowsSigmoid), false, batches => Run(new LongRowsSigmoid(seed: 1), LongRowsSigmoid.Infer, LongRowsSigmoid.InputSize, LongRowsSigmoid.OutputSize, batches)),
    };

    /// <summary>The networks whose one-example <c>Forward</c> and <c>Infer</c> compile as one piece, by name.</summary>
    public static IReadOnlyList<string> Networks { get; } = Probes.Where(probe => probe.OneExampleInOnePiece).Select(probe => probe.Name).ToArray();

    /// <summary>
    /// Every network the probe runs on batches, by full type name: those above and every network of
    /// <see cref="DenseCases"/>; each one's examples-in-lanes kernels compile as one piece.
    /// </summary>
    public static IReadOnlyList<string> BatchNetworks { get; } =
        Probes.Select(probe => typeof(InliningProbe).Namespace + "." + probe.Name)
            .Concat(DenseCases.All().Select(data => typeof(DenseCases).Namespace + "." + ((DenseCases.NamedFactory)data[0]).Create().Name))
            .ToArray();

    public static int Run(bool batches)
    {
        using var listener = new InlineDecisionListener();
        foreach ((string _, bool _, Action<bool> run) in Probes)
        {
            run(batches);
        }

        if (batches)
        {
            foreach (object[] data in DenseCases.All())
            {
                RunBatches(((DenseCases.NamedFactory)data[0]).Create());
            }
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

    /// <summary>
    /// One call of the network's <c>Forward</c> through <see cref="INetwork{T}"/> and one of its <c>Infer</c> through a delegate;
    /// or one batch <c>Forward</c> and one batch <c>Backward</c>, each of <see cref="BatchSize"/> examples.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Run<T>(INetwork<T> network, NetworkUnderTest.InferFunction<T> infer, int inputSize, int outputSize, bool batches)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (batches)
        {
            var inputs = new T[BatchSize * inputSize];
            var outputs = new T[BatchSize * outputSize];
            var targets = new T[BatchSize * outputSize];
            Array.Fill(targets, T.One / T.CreateChecked(outputSize));
            network.Forward(inputs, outputs, BatchSize);
            network.Backward(inputs, targets, BatchSize);
            return;
        }

        var input = new T[inputSize];
        var output = new T[outputSize];
        network.Forward(input, output);
        infer(network.Parameters, input, output);
    }

    /// <summary>One batch <c>Forward</c> and one batch <c>Backward</c> of a test network, each of <see cref="BatchSize"/> examples.</summary>
    private static void RunBatches(NetworkUnderTest network)
    {
        var inputs = new double[BatchSize * network.Spec.InputSize];
        var targets = Enumerable.Repeat(1.0 / network.Spec.OutputSize, BatchSize * network.Spec.OutputSize).ToArray();
        network.Operations.ForwardBatch(inputs, BatchSize);
        network.Operations.BackwardBatch(inputs, targets, BatchSize);
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
