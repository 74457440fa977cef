using System;

namespace NetCompiler.Tests.Networks;

/// <summary>After construction, the hot members allocate nothing on the managed heap.</summary>
public class AllocationTests
{
    [Fact]
    public void SmallSingleNetworkAllocatesNothing() => AssertNoAllocation(new SoftmaxClassifierSingle(), SoftmaxClassifierSingle.Infer);

    [Fact]
    public void WideDoubleNetworkAllocatesNothing() => AssertNoAllocation(new WideDouble(), WideDouble.Infer);

    /// <summary>Row sums on vectors forward and backward (a layer of exactly one vector of inputs).</summary>
    [Fact]
    public void EightInputRowsNetworkAllocatesNothing() => AssertNoAllocation(new EightInputRowsSingle(), EightInputRowsSingle.Infer);

    /// <summary>A layer of rows of whole vectors on the runtime's kernels between written-out ones.</summary>
    [Fact]
    public void SixteenInputRowsNetworkAllocatesNothing() => AssertNoAllocation(new SixteenInputRowsSingle(), SixteenInputRowsSingle.Infer);

    /// <summary>δ arriving as one vector, and the gradient of rows of four two rows to a vector.</summary>
    [Fact]
    public void FourInputPairsNetworkAllocatesNothing() => AssertNoAllocation(new FourInputPairsSingle(), FourInputPairsSingle.Infer);

    /// <summary>The forward pass a row of W at a time on 512-bit vectors, one example and a batch.</summary>
    [Fact]
    public void RowsOn512NetworkAllocatesNothing() => AssertNoAllocation(new RowsOn512DeepSingle(), RowsOn512DeepSingle.Infer);

    /// <summary>The batch path into small layers that hand their activation on in a register.</summary>
    [Fact]
    public void WideIntoSmallNetworkAllocatesNothing() => AssertNoAllocation(new WideIntoSmallSingle(), WideIntoSmallSingle.Infer);

    /// <summary>Batches in vector lanes with the softmax and loss one example at a time (too many outputs to write out).</summary>
    [Fact]
    public void SmallLayersWithWideSoftmaxAllocateNothing() => AssertNoAllocation(new SixWaySoftmaxSingle(), SixWaySoftmaxSingle.Infer);

    /// <summary>A softmax too wide for registers: the runtime's vector-at-a-time tree, one example and in lanes.</summary>
    [Fact]
    public void HundredWaySoftmaxAllocatesNothing() => AssertNoAllocation(new HundredWaySoftmaxSingle(), HundredWaySoftmaxSingle.Infer);

    /// <summary>A double softmax on the runtime's tree, one example and in lanes.</summary>
    [Fact]
    public void DoubleSoftmaxOnTheTreeAllocatesNothing() => AssertNoAllocation(new TwentyOneWaySoftmaxDouble(), TwentyOneWaySoftmaxDouble.Infer);

    /// <summary>A small double layer on the runtime's kernels (rows of 18), before a written-out softmax.</summary>
    [Fact]
    public void DoubleRowsOnKernelsAllocateNothing() => AssertNoAllocation(new EighteenInputRowsDouble(), EighteenInputRowsDouble.Infer);

    /// <summary>Double rows folded onto vectors, forward and backward, a vector of units at a time.</summary>
    [Fact]
    public void FoldedDoubleRowsAllocateNothing() => AssertNoAllocation(new FoldedRowsDouble(), FoldedRowsDouble.Infer);

    /// <summary>Layers on the kernels whose one example is their arithmetic written out, not inlined: rows of 31, 33 and 40, a tail a row.</summary>
    [Fact]
    public void KernelRowsWrittenOutAllocateNothing() => AssertNoAllocation(new LongKernelRowsSingle(), LongKernelRowsSingle.Infer);

    /// <summary>A double layer written out the same way, its sigmoid by the loop over the stored z.</summary>
    [Fact]
    public void DoubleKernelRowsWrittenOutAllocateNothing() => AssertNoAllocation(new SigmoidKernelRowsDouble(), SigmoidKernelRowsDouble.Infer);

    private static void AssertNoAllocation<T>(INetwork<T> network, NetworkUnderTest.InferFunction<T> infer)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int inputSize = network.Parameters.Length > 0 ? InputSizeOf(network) : 0;
        int outputSize = OutputSizeOf(network);
        const int count = 9; // a block of eight floats (or two of four doubles) in vector lanes, then one example alone
        var inputs = new T[count * inputSize];
        var targets = new T[count * outputSize];
        var outputs = new T[count * outputSize];
        var inputGradient = new T[inputSize];
        var parameters = network.Parameters.ToArray();
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = T.CreateChecked(Math.Sin(i));
        }

        targets.AsSpan().Fill(T.CreateChecked(1.0 / outputSize));

        void HotCalls()
        {
            // plain SGD, the first example after a step: with large layers, kept pending and stepped from
            network.Backward(inputs.AsSpan(0, inputSize), targets.AsSpan(0, outputSize));
            network.Step(T.CreateChecked(0.01), T.Zero);
            network.Forward(inputs.AsSpan(0, inputSize), outputs.AsSpan(0, outputSize));
            network.Backpropagate(targets.AsSpan(0, outputSize), inputGradient);
            network.Backpropagate(targets.AsSpan(0, outputSize), Span<T>.Empty);
            network.Backward(inputs.AsSpan(0, inputSize), targets.AsSpan(0, outputSize));
            network.Forward(inputs, outputs, count);
            network.Backward(inputs, targets, count);
            network.Step(T.CreateChecked(0.01), T.CreateChecked(0.001));
            network.ZeroGradients();
            infer(parameters, inputs.AsSpan(0, inputSize), outputs.AsSpan(0, outputSize));
        }

        for (int warmUp = 0; warmUp < 200; warmUp++)
        {
            HotCalls();
        }

        AllocationRounds.AssertLastAllocatesNothing(HotCalls);
    }

    private static int InputSizeOf<T>(INetwork<T> network)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        (int)network.GetType().GetField("InputSize")!.GetValue(null)!;

    private static int OutputSizeOf<T>(INetwork<T> network)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        (int)network.GetType().GetField("OutputSize")!.GetValue(null)!;
}
