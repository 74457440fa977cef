using System;
using NetCompiler.Benchmarks.Driving;
using NetCompiler.Benchmarks.Implementations;
using NetCompiler.Benchmarks.Workloads;

namespace NetCompiler.Benchmarks.Checking;

/// <summary>
/// Before anything is timed: every implementation, started from the same weights, must produce
/// the interpreter's outputs (infer1 and infer32), loss (train32) and parameter updates (after
/// train1's 32 online steps and after train32's one mini-batch step), within float tolerance.
/// </summary>
/// <remarks>
/// Errors are measured as: outputs (softmax probabilities) — largest absolute difference; loss —
/// relative difference; parameter updates Δp = p_after − p_before — largest absolute difference
/// divided by the largest |Δp| of the interpreter, so a wrong gradient shows up however small the
/// learning rate makes the step.
/// </remarks>
public static class EquivalenceCheck
{
    /// <summary>float32 against double, through up to 784-term sums: 1e-7 relative per operation, with ample headroom.</summary>
    public const double OutputTolerance = 1e-4;
    public const double LossTolerance = 1e-4;
    public const double UpdateTolerance = 1e-3;

    public static CheckResult Check(Workload workload, Implementation implementation)
    {
        Outcome reference = Run(workload, Implementation.Interpreter);
        try
        {
            Outcome actual = Run(workload, implementation);
            double outputError = Math.Max(
                MaxAbsoluteDifference(actual.Infer1Outputs, reference.Infer1Outputs),
                MaxAbsoluteDifference(actual.Infer32Outputs, reference.Infer32Outputs));
            double lossError = Math.Abs(actual.Train32Loss - reference.Train32Loss) / Math.Max(Math.Abs(reference.Train32Loss), 1e-30);
            double train1Error = RelativeUpdateError(workload, actual.Train1Parameters, reference.Train1Parameters);
            double train32Error = RelativeUpdateError(workload, actual.Train32Parameters, reference.Train32Parameters);
            bool passed = outputError <= OutputTolerance && lossError <= LossTolerance
                && train1Error <= UpdateTolerance && train32Error <= UpdateTolerance;
            return new CheckResult(workload.Id, implementation, passed ? CheckStatus.Passed : CheckStatus.Failed, outputError, lossError, train1Error, train32Error);
        }
        catch (NotSupportedException e)
        {
            return new CheckResult(workload.Id, implementation, CheckStatus.NotSupported, double.NaN, double.NaN, double.NaN, double.NaN, e.Message);
        }
    }

    private static Outcome Run(Workload workload, Implementation implementation)
    {
        var driver = new ModeDriver(workload);
        IBenchmarkedNetwork network = workload.Create(implementation);
        driver.Run(network, Mode.Infer1);
        float[] infer1 = driver.Outputs.ToArray();
        driver.Run(network, Mode.Infer32);
        float[] infer32 = driver.Outputs.ToArray();

        network = workload.Create(implementation);
        driver.Run(network, Mode.Train1);
        var train1 = new float[workload.Spec.ParameterCount];
        network.StoreParameters(train1);

        network = workload.Create(implementation);
        float loss = driver.Run(network, Mode.Train32);
        var train32 = new float[workload.Spec.ParameterCount];
        network.StoreParameters(train32);
        return new Outcome(infer1, infer32, loss, train1, train32);
    }

    private static double MaxAbsoluteDifference(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        double max = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double difference = Math.Abs((double)actual[i] - expected[i]);
            max = double.IsNaN(difference) ? double.PositiveInfinity : Math.Max(max, difference);
        }

        return max;
    }

    private static double RelativeUpdateError(Workload workload, ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        ReadOnlySpan<float> start = workload.Parameters.Span;
        double largestUpdate = 0;
        double largestError = 0;
        for (int i = 0; i < start.Length; i++)
        {
            double expectedUpdate = (double)expected[i] - start[i];
            double actualUpdate = (double)actual[i] - start[i];
            largestUpdate = Math.Max(largestUpdate, Math.Abs(expectedUpdate));
            double error = Math.Abs(actualUpdate - expectedUpdate);
            largestError = double.IsNaN(error) ? double.PositiveInfinity : Math.Max(largestError, error);
        }

        return largestError / Math.Max(largestUpdate, 1e-30);
    }

    private sealed record Outcome(float[] Infer1Outputs, float[] Infer32Outputs, float Train32Loss, float[] Train1Parameters, float[] Train32Parameters);
}
