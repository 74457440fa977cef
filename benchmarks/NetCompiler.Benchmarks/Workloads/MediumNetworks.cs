using NetCompiler.Benchmarks.Implementations;

namespace NetCompiler.Benchmarks.Workloads;

// Networks between the small ones (W1, W2) and the large ones (W3, W4), beyond issue 5's five:
// M1 and M2 have a layer of rows of two whole 256-bit vectors (16 inputs) and at least eight units,
// which runs on the runtime's kernels rather than written out; M3 and M4 have layers of 32 or more
// units on rows shorter than W3's and W4's (10, 32 and 64 inputs), also on the kernels; M5 is written
// out, a hidden layer of three vectors of units with rows of eight, and so are M6, whose rows of twelve
// are a vector and a part of one, and M7, whose first rows are two vectors and a part of one, and M8,
// whose last layer has ten units. M9's softmax has 26 outputs, more than registers hold, after layers
// on the kernels; M10's second layer runs on the kernels with rows of twenty inputs, not whole vectors.
// Measured only when named in NC_WORKLOADS.

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

/// <summary>M3: 10 → dense 32 ReLU → dense 32 ReLU → dense 4 softmax (a small policy network, as in a game).</summary>
[Network]
[Input(10)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(4, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class M3Network : IGeneratedBenchmark
{
    void IBenchmarkedNetwork.Step(float learningRate) => Step(learningRate);
}

/// <summary>M4: 64 → dense 64 ReLU → dense 10 softmax (a classifier of 8 × 8 images, flattened).</summary>
[Network]
[Input(64)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class M4Network : IGeneratedBenchmark
{
    void IBenchmarkedNetwork.Step(float learningRate) => Step(learningRate);
}

/// <summary>M5: 8 → dense 24 ReLU → dense 3 softmax (a classifier of eight sensor readings).</summary>
[Network]
[Input(8)]
[Dense(24, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class M5Network : IGeneratedBenchmark
{
    void IBenchmarkedNetwork.Step(float learningRate) => Step(learningRate);
}

/// <summary>M6: 12 → dense 12 tanh → dense 3 softmax (a classifier of twelve sensor readings).</summary>
[Network]
[Input(12)]
[Dense(12, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class M6Network : IGeneratedBenchmark
{
    void IBenchmarkedNetwork.Step(float learningRate) => Step(learningRate);
}

/// <summary>M7: 20 → dense 12 ReLU → dense 4 softmax (a policy over twenty observations).</summary>
[Network]
[Input(20)]
[Dense(12, Activation.ReLU)]
[Dense(4, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class M7Network : IGeneratedBenchmark
{
    void IBenchmarkedNetwork.Step(float learningRate) => Step(learningRate);
}

/// <summary>M8: 8 → dense 8 tanh → dense 10 softmax (ten classes from eight features).</summary>
[Network]
[Input(8)]
[Dense(8, Activation.Tanh)]
[Dense(10, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class M8Network : IGeneratedBenchmark
{
    void IBenchmarkedNetwork.Step(float learningRate) => Step(learningRate);
}

/// <summary>M9: 16 → dense 32 ReLU → dense 26 softmax (a letter classifier: sixteen features, twenty-six letters).</summary>
[Network]
[Input(16)]
[Dense(32, Activation.ReLU)]
[Dense(26, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class M9Network : IGeneratedBenchmark
{
    void IBenchmarkedNetwork.Step(float learningRate) => Step(learningRate);
}

/// <summary>M10: 16 → dense 20 ReLU → dense 20 ReLU → dense 4 softmax (hidden layers of twenty units).</summary>
[Network]
[Input(16)]
[Dense(20, Activation.ReLU)]
[Dense(20, Activation.ReLU)]
[Dense(4, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class M10Network : IGeneratedBenchmark
{
    void IBenchmarkedNetwork.Step(float learningRate) => Step(learningRate);
}
