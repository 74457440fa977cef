using System;
using NetCompiler.Benchmarks.Implementations;
using NetCompiler.Benchmarks.Workloads;

namespace NetCompiler.Benchmarks.Driving;

/// <summary>Runs one mode on one implementation over a workload's 32 examples: the body of every benchmark.</summary>
public sealed class ModeDriver
{
    private readonly SampleData _data;
    private readonly float[] _outputs;

    public ModeDriver(Workload workload)
    {
        _data = workload.Data;
        _outputs = new float[SampleData.BatchSize * _data.OutputSize];
    }

    /// <summary>The outputs of the last inference mode, example after example.</summary>
    public ReadOnlySpan<float> Outputs => _outputs;

    /// <summary>Runs <paramref name="mode"/> once (32 examples); returns something that depends on all the work, so none of it can be dropped.</summary>
    public float Run(IBenchmarkedNetwork network, Mode mode)
    {
        const int count = SampleData.BatchSize;
        int outputSize = _data.OutputSize;
        switch (mode)
        {
            case Mode.Infer1:
                for (int n = 0; n < count; n++)
                {
                    network.Forward(_data.Input(n), _outputs.AsSpan(n * outputSize, outputSize));
                }

                return _outputs[^1];
            case Mode.Infer32:
                network.Forward(_data.Inputs, _outputs, count);
                return _outputs[^1];
            case Mode.Train1:
                float loss = 0;
                for (int n = 0; n < count; n++)
                {
                    loss += network.Backward(_data.Input(n), _data.Target(n));
                    network.Step(SampleData.LearningRate);
                }

                return loss;
            case Mode.Train32:
                float batchLoss = network.Backward(_data.Inputs, _data.Targets, count);
                network.Step(SampleData.LearningRate);
                return batchLoss;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode));
        }
    }
}
