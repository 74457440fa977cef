using NetCompiler.Benchmarks.Implementations;

namespace NetCompiler.Benchmarks.Workloads;

// Two networks between the small ones (W1, W2) and the large ones (W3, W4), beyond issue 5's five:
// each has a layer of rows of two whole 256-bit vectors (16 inputs) and at least eight units, which
// runs on the runtime's kernels rather than written out. Measured only when named in NC_WORKLOADS.

/// <summary>M1: 16 → dense 16 tanh → dense 4 softmax (a classifier of sixteen features).</summary>
[Network]
[Input(16)]
[Dense(16, Activation.Tanh)]
[Dense(4, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class M1Network : IGeneratedBenchmark
{
    void IBenchmarkedNetwork.Step(float learningRate) => Step(learningRate);
}

/// <summary>M2: 2 → dense 16 tanh → dense 16 tanh → dense 2 softmax (classify2d with wider layers).</summary>
[Network]
[Input(2)]
[Dense(16, Activation.Tanh)]
[Dense(16, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class M2Network : IGeneratedBenchmark
{
    void IBenchmarkedNetwork.Step(float learningRate) => Step(learningRate);
}
