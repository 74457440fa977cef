using NetCompiler.Benchmarks.Implementations;

namespace NetCompiler.Benchmarks.Workloads;

// The five networks of Networks.cs as benchmarked implementations. Kept apart from Networks.cs,
// which build-cost.sh compiles on its own. Step(α) calls the generated Step(α, weightDecay = 0)
// directly, so Train1 costs one interface call per Backward and per Step, like the hand-written ones.

/// <summary>W1 called by the mode driver directly.</summary>
public partial class W1Network : IGeneratedBenchmark
{
    void IBenchmarkedNetwork.Step(float learningRate) => Step(learningRate);
}

/// <summary>W2 called by the mode driver directly.</summary>
public partial class W2Network : IGeneratedBenchmark
{
    void IBenchmarkedNetwork.Step(float learningRate) => Step(learningRate);
}

/// <summary>W3 called by the mode driver directly.</summary>
public partial class W3Network : IGeneratedBenchmark
{
    void IBenchmarkedNetwork.Step(float learningRate) => Step(learningRate);
}

/// <summary>W4 called by the mode driver directly.</summary>
public partial class W4Network : IGeneratedBenchmark
{
    void IBenchmarkedNetwork.Step(float learningRate) => Step(learningRate);
}

/// <summary>W5 called by the mode driver directly.</summary>
public partial class W5Network : IGeneratedBenchmark
{
    void IBenchmarkedNetwork.Step(float learningRate) => Step(learningRate);
}
