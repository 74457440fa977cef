using System;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace NetCompiler.Tests.Convolution;

/// <summary>
/// Forward, Backward (one example and a batch), Backpropagate, Step, ZeroGradients and Infer of
/// convolutional networks allocate nothing on the managed heap: once warmed up, and where scratch
/// buffers are too large for the stack, from the very first call on a thread.
/// </summary>
public class AllocationTests
{
    [Fact]
    public void DigitsShapeFloatAllocatesNothing() =>
        AssertNoAllocation(new DigitsShapeFloat(), DigitsShapeFloat.Infer);

    [Fact]
    public void StridedOverlapFloatAllocatesNothing() =>
        AssertNoAllocation(new StridedOverlapFloat(), StridedOverlapFloat.Infer);

    [Fact]
    public void LargeKernelDoubleAllocatesNothing() =>
        AssertNoAllocation(new LargeKernelDouble(), LargeKernelDouble.Infer);

    [Fact]
    public void PoolFirstConvLastDoubleAllocatesNothing() =>
        AssertNoAllocation(new PoolFirstConvLastDouble(), PoolFirstConvLastDouble.Infer);

    /// <summary>
    /// Its scratch buffers live in native memory, so even the first call on a thread allocates nothing
    /// (an array pool allocates on a thread it has not seen). Nothing is warmed up, and the calls run on
    /// a new thread, fresh whatever ran before in the process: if no other test has run these methods,
    /// their first calls are also the JIT's, which allocates nothing on the calling thread either.
    /// </summary>
    [Fact]
    public void HugeLayersFloatAllocatesNothingFromTheFirstCallOnAFreshThread()
    {
        var network = new HugeLayersFloat();
        (string Name, Action Call)[] calls = HotCalls(network, HugeLayersFloat.Infer);
        var firstCalls = new long[calls.Length];
        long laterCalls = -1;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                for (int c = 0; c < calls.Length; c++)
                {
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    calls[c].Call();
                    firstCalls[c] = GC.GetAllocatedBytesForCurrentThread() - before;
                }

                long start = GC.GetAllocatedBytesForCurrentThread();
                for (int repeat = 0; repeat < 3; repeat++)
                {
                    foreach ((string _, Action call) in calls)
                    {
                        call();
                    }
                }

                laterCalls = GC.GetAllocatedBytesForCurrentThread() - start;
            }
            catch (Exception exception)
            {
                failure = ExceptionDispatchInfo.Capture(exception);
            }
        });
        thread.Start();
        thread.Join();
        failure?.Throw();

        string allocated = string.Join(", ", calls.Select((call, c) => call.Name + ": " + firstCalls[c] + " bytes"));
        Assert.True(firstCalls.All(bytes => bytes == 0), "The first calls allocated: " + allocated);
        Assert.Equal(0, laterCalls);
    }

    private delegate void Inference<T>(ReadOnlySpan<T> parameters, ReadOnlySpan<T> input, Span<T> output);

    private static void AssertNoAllocation<T>(INetwork<T> network, Inference<T> infer)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        (string Name, Action Call)[] calls = HotCalls(network, infer);
        void RunEverything()
        {
            foreach ((string _, Action call) in calls)
            {
                call();
            }
        }

        RunEverything(); // JIT and tiering out of the way
        RunEverything();
        AllocationRounds.AssertLastAllocatesNothing(RunEverything, callsPerRound: 10);
    }

    /// <summary>Every hot member once, named, on data allocated here (before anything is measured).</summary>
    private static (string Name, Action Call)[] HotCalls<T>(INetwork<T> network, Inference<T> infer)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int inputSize = network.GetType().GetField("InputSize")!.GetValue(null) is int i ? i : 0;
        int outputSize = network.GetType().GetField("OutputSize")!.GetValue(null) is int o ? o : 0;
        const int Batch = 3;
        var inputs = new T[Batch * inputSize];
        var targets = new T[Batch * outputSize];
        var outputs = new T[Batch * outputSize];
        var inputGradient = new T[inputSize];
        for (int n = 0; n < inputs.Length; n++)
        {
            inputs[n] = T.CreateTruncating(Math.Sin(n));
        }

        for (int n = 0; n < Batch; n++)
        {
            targets[n * outputSize] = T.One; // a one-hot target fits every loss
        }

        T[] parameters = network.Parameters.ToArray();
        T learningRate = T.CreateTruncating(0.01);
        T weightDecay = T.CreateTruncating(0.001);
        return
        [
            ("Forward", () => network.Forward(inputs.AsSpan(0, inputSize), outputs.AsSpan(0, outputSize))),
            ("Forward (batch)", () => network.Forward(inputs, outputs, Batch)),
            ("Backward", () => network.Backward(inputs.AsSpan(0, inputSize), targets.AsSpan(0, outputSize))),
            ("Backward (batch)", () => network.Backward(inputs, targets, Batch)),
            ("Backpropagate", () => network.Backpropagate(targets.AsSpan(0, outputSize), inputGradient)),
            ("Backpropagate (no input gradient)", () => network.Backpropagate(targets.AsSpan(0, outputSize), Span<T>.Empty)),
            ("Step", () => network.Step(learningRate, weightDecay)),
            ("ZeroGradients", () => network.ZeroGradients()),
            ("Infer", () => infer(parameters, inputs.AsSpan(0, inputSize), outputs.AsSpan(0, outputSize))),
        ];
    }
}
