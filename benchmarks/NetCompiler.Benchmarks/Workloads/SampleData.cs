using System;

namespace NetCompiler.Benchmarks.Workloads;

/// <summary>
/// The 32 examples every mode is timed on: inputs uniform in [−1, 1) and one-hot targets, from a
/// fixed seed, so every implementation and every run sees the same numbers.
/// </summary>
public sealed class SampleData
{
    /// <summary>The examples per benchmark invocation: the batch of infer32/train32, and the loop count of infer1/train1.</summary>
    public const int BatchSize = 32;

    /// <summary>The learning rate of every training mode (plain SGD, no weight decay).</summary>
    public const float LearningRate = 0.01f;

    public SampleData(NetworkSpec spec)
    {
        InputSize = spec.InputSize;
        OutputSize = spec.OutputSize;
        Inputs = new float[BatchSize * InputSize];
        Targets = new float[BatchSize * OutputSize];
        var random = new Random(20261125);
        for (int i = 0; i < Inputs.Length; i++)
        {
            Inputs[i] = random.NextSingle() * 2 - 1;
        }

        for (int n = 0; n < BatchSize; n++)
        {
            Targets[n * OutputSize + random.Next(OutputSize)] = 1;
        }
    }

    public int InputSize { get; }

    public int OutputSize { get; }

    public float[] Inputs { get; }

    public float[] Targets { get; }

    public ReadOnlySpan<float> Input(int n) => Inputs.AsSpan(n * InputSize, InputSize);

    public ReadOnlySpan<float> Target(int n) => Targets.AsSpan(n * OutputSize, OutputSize);

    /// <summary>The generator's seeded initialisation (seed 0), with each bias set to a small random value.</summary>
    public static float[] Parameters(NetworkSpec spec)
    {
        var parameters = new float[spec.ParameterCount];
        ParameterInitializer.Initialize(spec, seed: 0, parameters);
        var random = new Random(5);
        for (int layer = 0; layer < spec.Layers.Count; layer++)
        {
            int biases = spec.GetParameterOffset(layer) + spec.GetWeightCount(layer);
            for (int i = biases; i < biases + spec.GetBiasCount(layer); i++)
            {
                parameters[i] = (random.NextSingle() * 2 - 1) * 0.1f;
            }
        }

        return parameters;
    }
}
