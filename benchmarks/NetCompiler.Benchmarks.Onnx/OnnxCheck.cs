using System;
using NetCompiler.Benchmarks.Driving;
using NetCompiler.Benchmarks.Implementations;
using NetCompiler.Benchmarks.Workloads;

namespace NetCompiler.Benchmarks.Onnx;

/// <summary>ONNX Runtime's outputs against the generated code's, in infer1 and infer32, on a workload's examples.</summary>
public static class OnnxCheck
{
    public const double Tolerance = 1e-4;

    public static double MaxOutputDifference(Workload workload)
    {
        using var onnx = new OnnxNetwork(workload.Spec, workload.Parameters.Span);
        IBenchmarkedNetwork generated = workload.Create(Implementation.Generated);
        var driver = new ModeDriver(workload);
        double max = 0;
        foreach (Mode mode in new[] { Mode.Infer1, Mode.Infer32 })
        {
            driver.Run(generated, mode);
            float[] expected = driver.Outputs.ToArray();
            driver.Run(onnx, mode);
            ReadOnlySpan<float> actual = driver.Outputs;
            for (int i = 0; i < expected.Length; i++)
            {
                double difference = Math.Abs(actual[i] - expected[i]);
                max = double.IsNaN(difference) ? double.PositiveInfinity : Math.Max(max, difference);
            }
        }

        return max;
    }
}
