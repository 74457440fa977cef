using System;
using System.Linq;

namespace NetCompiler.Tests.Verification;

public class NetworkVerifierTests
{
    [Fact]
    public void CorrectDoubleNetworkPasses()
    {
        VerificationReport report = NetworkVerifier.Verify(new CorrectDoubleNet());
        Assert.True(report.Passed, report.ToString());
        Assert.True(report.GradientsChecked);
        Assert.Equal(16, report.Samples);
        Assert.Same(VerificationTolerances.Double, report.Tolerances);
        Assert.Equal(0, report.MaxOutputAbsoluteDifference);
        Assert.Equal(0, report.MaxParameterGradientAbsoluteDifference);
        Assert.True(report.FiniteDifferenceChecks > 0);
        Assert.InRange(report.MaxFiniteDifferenceRelativeError, 0, 1e-6);
        Assert.Empty(report.Failures);
        Assert.Contains("PASSED", report.ToString());
    }

    [Fact]
    public void CorrectConvolutionalNetworkPasses()
    {
        VerificationReport report = NetworkVerifier.Verify(new CorrectConvNet(), samples: 8, seed: 3);
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(8, report.Samples);
        Assert.True(report.FiniteDifferenceChecks > 100);
    }

    [Fact]
    public void LargeNetworkIsCheckedOnASubsetAndSaysSo()
    {
        VerificationReport report = NetworkVerifier.Verify(new LargeDoubleNet());
        Assert.True(report.Passed, report.ToString());
        Assert.Contains(report.Notes, note => note.Contains("subset", StringComparison.Ordinal));
        Assert.Contains("subset", report.ToString());
    }

    [Fact]
    public void CorrectFloatNetworkPassesWithFloatTolerances()
    {
        VerificationReport report = NetworkVerifier.Verify(new CorrectFloatNet());
        Assert.True(report.Passed, report.ToString());
        Assert.Same(VerificationTolerances.Single, report.Tolerances);
        Assert.True(report.MaxOutputRelativeDifference > 0); // rounded to float, so not identical
        Assert.Contains("float", report.ToString());
    }

    [Fact]
    public void StepLayerNetworkGetsTheForwardComparisonOnly()
    {
        VerificationReport report = NetworkVerifier.Verify(new StepLayerNet());
        Assert.True(report.Passed, report.ToString());
        Assert.False(report.GradientsChecked);
        Assert.Equal(0, report.FiniteDifferenceChecks);
        Assert.Contains(report.Notes, note => note.Contains("Step layer", StringComparison.Ordinal));
    }

    [Fact]
    public void DroppedBiasGradientFailsAndIsLocated()
    {
        VerificationReport report = NetworkVerifier.Verify(new DroppedBiasGradientNet());
        Assert.False(report.Passed);
        Assert.True(report.MaxParameterGradientRelativeDifference > 1e-3);
        Assert.All(report.Failures, failure => Assert.Equal("layer 2 bias [1]", failure.Location));
        Assert.Contains(report.Failures, failure => failure.Check == "Backward parameter gradient");
        Assert.True(report.FailureCount > report.Failures.Count);
        string text = report.ToString();
        Assert.Contains("FAILED", text);
        Assert.Contains("layer 2 bias [1]", text);
    }

    [Fact]
    public void PerturbedOutputFailsAndIsLocated()
    {
        VerificationReport report = NetworkVerifier.Verify(new PerturbedOutputNet());
        Assert.False(report.Passed);
        Assert.InRange(report.MaxOutputAbsoluteDifference, 0.9e-6, 1.1e-6);
        Assert.Equal(0, report.MaxParameterGradientAbsoluteDifference);
        Assert.All(report.Failures, failure => Assert.Equal("output [1]", failure.Location));
    }

    [Fact]
    public void TransposedWeightsFailInFloat()
    {
        VerificationReport report = NetworkVerifier.Verify(new TransposedWeightFloatNet());
        Assert.False(report.Passed);
        Assert.Contains(report.Failures, failure => failure.Check == "Forward output");
        Assert.True(report.MaxOutputRelativeDifference > 10 * report.Tolerances.Interpreter);
        Assert.True(report.MaxParameterGradientRelativeDifference > 10 * report.Tolerances.Interpreter);
    }

    [Fact]
    public void DroppedBiasGradientFailsInFloat()
    {
        VerificationReport report = NetworkVerifier.Verify(new DroppedBiasGradientFloatNet());
        Assert.False(report.Passed);
        Assert.True(report.MaxOutputRelativeDifference <= report.Tolerances.Interpreter);
        Assert.All(report.Failures, failure => Assert.Equal("layer 1 bias [2]", failure.Location));
        Assert.True(report.MaxFiniteDifferenceRelativeError > 10 * report.Tolerances.FiniteDifference); // caught independently of the interpreter too
    }

    [Fact]
    public void ParametersAreRestoredExactlyAndGradientsCleared()
    {
        var network = new CorrectDoubleNet();
        network.Parameters[0] = 0.1 + 0.2; // a value with a long binary expansion
        double[] before = network.Parameters.ToArray();
        network.Backward([0.1, 0.2, 0.3], [0.2, 0.3, 0.5]);
        network.Verify();
        Assert.Equal(before.Select(BitConverter.DoubleToInt64Bits), network.Parameters.ToArray().Select(BitConverter.DoubleToInt64Bits));
        Assert.All(network.Gradients.ToArray(), g => Assert.Equal(0, g));
        Assert.Equal(0, network.AccumulatedSamples);

        var floatNetwork = new TransposedWeightFloatNet();
        float[] floatsBefore = floatNetwork.Parameters.ToArray();
        NetworkVerifier.Verify(floatNetwork);
        Assert.Equal(floatsBefore, floatNetwork.Parameters.ToArray());
    }

    [Fact]
    public void SameSeedGivesTheSameReport()
    {
        string first = NetworkVerifier.Verify(new CorrectFloatNet(), seed: 5).ToString();
        string second = NetworkVerifier.Verify(new CorrectFloatNet(), seed: 5).ToString();
        Assert.Equal(first, second);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentNullException>(() => NetworkVerifier.Verify<CorrectDoubleNet>(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => NetworkVerifier.Verify(new CorrectDoubleNet(), samples: 0));
        Assert.Equal("network", Assert.Throws<ArgumentException>(() => NetworkVerifier.Verify(new NotComputingNet())).ParamName);
    }

    [Theory]
    [InlineData(1.0, 1.0, 0.0)]
    [InlineData(0.0, 1e-17, 1e-14)]          // near zero: divided by the floor 1e-3
    [InlineData(2.0, 1.0, 0.5)]
    [InlineData(-1.0, 1.0, 2.0)]
    public void RelativeDifferenceUsesTheFloor(double a, double b, double expected)
    {
        Assert.Equal(expected, VerificationTolerances.RelativeDifference(a, b, 1e-3), 15);
        Assert.Equal(double.PositiveInfinity, VerificationTolerances.RelativeDifference(double.NaN, 1, 1e-3));
    }
}

internal static class VerifyExtensions
{
    public static VerificationReport Verify(this CorrectDoubleNet network) => NetworkVerifier.Verify(network);
}
