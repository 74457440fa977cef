using System;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using NetCompiler.Tests.Convolution;

namespace NetCompiler.Tests.Networks;

/// <summary>Activations too large for the stack (2 × 9,000 floats): <c>Infer</c> takes them from native memory.</summary>
[Network]
[Input(4)]
[Dense(9000, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class NativeScratchSingle { }

/// <summary>
/// <c>Infer</c> is documented as safe on many threads at once: it has no instance, and its buffers
/// are on each call's stack or in native memory of its own. Four threads running it together get,
/// call for call, the bits that one thread alone gets.
/// </summary>
public class InferConcurrencyTests
{
    private const int Examples = 16;
    private const int Threads = 4;
    private const int Rounds = 200;

    public static TheoryData<string> Networks => new() { nameof(SoftmaxClassifierSingle), nameof(NativeScratchSingle), nameof(DigitsShapeFloat) };

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task ThreadsAtOnceGetTheBitsOfOneThread(string name)
    {
        (NetworkUnderTest.InferFunction<float> infer, float[] parameters, int inputSize, int outputSize) = Network(name);
        var random = new Random(7);
        float[] inputs = TestData.Uniform(random, Examples * inputSize, -2, 2).Select(value => (float)value).ToArray();
        var expected = new float[Examples * outputSize];
        for (int n = 0; n < Examples; n++)
        {
            infer(parameters, inputs.AsSpan(n * inputSize, inputSize), expected.AsSpan(n * outputSize, outputSize));
        }

        int mismatches = 0;
        using var start = new Barrier(Threads);
        Task[] threads = Enumerable.Range(0, Threads).Select(thread => Task.Factory.StartNew(
            () =>
            {
                var output = new float[outputSize];
                start.SignalAndWait();
                for (int call = 0; call < Rounds * Examples; call++)
                {
                    // each thread in its own order, so that different examples run at once
                    int n = (call * (2 * thread + 1)) % Examples;
                    infer(parameters, inputs.AsSpan(n * inputSize, inputSize), output);
                    if (!MemoryMarshal.Cast<float, int>(output).SequenceEqual(MemoryMarshal.Cast<float, int>(expected.AsSpan(n * outputSize, outputSize))))
                    {
                        Interlocked.Increment(ref mismatches);
                    }
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(threads);

        Assert.Equal(0, mismatches);
    }

    private static (NetworkUnderTest.InferFunction<float> Infer, float[] Parameters, int InputSize, int OutputSize) Network(string name) => name switch
    {
        nameof(SoftmaxClassifierSingle) => (SoftmaxClassifierSingle.Infer, new SoftmaxClassifierSingle(seed: 1).Parameters.ToArray(), SoftmaxClassifierSingle.InputSize, SoftmaxClassifierSingle.OutputSize),
        nameof(NativeScratchSingle) => (NativeScratchSingle.Infer, new NativeScratchSingle(seed: 1).Parameters.ToArray(), NativeScratchSingle.InputSize, NativeScratchSingle.OutputSize),
        _ => (DigitsShapeFloat.Infer, new DigitsShapeFloat(seed: 1).Parameters.ToArray(), DigitsShapeFloat.InputSize, DigitsShapeFloat.OutputSize),
    };
}
