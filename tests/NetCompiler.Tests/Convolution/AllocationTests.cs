using System;

namespace NetCompiler.Tests.Convolution;

/// <summary>
/// Forward, Backward (one example and a batch), Backpropagate, Step, ZeroGradients and Infer of
/// convolutional networks allocate nothing once warmed up.
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

    [Fact]
    public void PooledScratchFloatAllocatesNothingOnceWarm() =>
        AssertNoAllocation(new PooledScratchFloat(), PooledScratchFloat.Infer);

    private delegate void Inference<T>(ReadOnlySpan<T> parameters, ReadOnlySpan<T> input, Span<T> output);

    private static void AssertNoAllocation<T>(INetwork<T> network, Inference<T> infer)
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
        void RunEverything()
        {
            network.Forward(inputs.AsSpan(0, inputSize), outputs.AsSpan(0, outputSize));
            network.Forward(inputs, outputs, Batch);
            network.Backward(inputs.AsSpan(0, inputSize), targets.AsSpan(0, outputSize));
            network.Backward(inputs, targets, Batch);
            network.Backpropagate(targets.AsSpan(0, outputSize), inputGradient);
            network.Backpropagate(targets.AsSpan(0, outputSize), Span<T>.Empty);
            network.Step(T.CreateTruncating(0.01), T.CreateTruncating(0.001));
            network.ZeroGradients();
            infer(parameters, inputs.AsSpan(0, inputSize), outputs.AsSpan(0, outputSize));
        }

        RunEverything(); // JIT and tiering out of the way
        RunEverything();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int repeat = 0; repeat < 10; repeat++)
        {
            RunEverything();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
