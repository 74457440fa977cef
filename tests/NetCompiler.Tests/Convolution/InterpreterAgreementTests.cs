namespace NetCompiler.Tests.Convolution;

/// <summary>
/// Every convolutional network against the reference interpreter (Forward, batch Forward, Backward,
/// batch Backward, Backpropagate's parameter and input gradients) and against central finite
/// differences, through <see cref="NetworkVerifier"/>.
/// </summary>
public class InterpreterAgreementTests
{
    [Fact]
    public void DigitsShapeDouble() => AssertAgreesInDouble(new DigitsShapeDouble());

    [Fact]
    public void PaddedTanhDouble() => AssertAgreesInDouble(new PaddedTanhDouble());

    [Fact]
    public void StridedOverlapDouble() => AssertAgreesInDouble(new StridedOverlapDouble());

    [Fact]
    public void StridedPaddedDouble() => AssertAgreesInDouble(new StridedPaddedDouble());

    [Fact]
    public void WideRowsDouble() => AssertAgreesInDouble(new WideRowsDouble());

    [Fact]
    public void LargeKernelDouble() => AssertAgreesInDouble(new LargeKernelDouble());

    [Fact]
    public void LargeStridedKernelDouble() => AssertAgreesInDouble(new LargeStridedKernelDouble());

    [Fact]
    public void PaddingOnlyTapsDouble() => AssertAgreesInDouble(new PaddingOnlyTapsDouble());

    [Fact]
    public void PoolFirstConvLastDouble() => AssertAgreesInDouble(new PoolFirstConvLastDouble());

    [Fact]
    public void PoolLastDouble() => AssertAgreesInDouble(new PoolLastDouble());

    [Fact]
    public void DigitsShapeFloat() => AssertAgreesInFloat(new DigitsShapeFloat());

    [Fact]
    public void StridedOverlapFloat() => AssertAgreesInFloat(new StridedOverlapFloat());

    [Fact]
    public void WideRowsFloat() => AssertAgreesInFloat(new WideRowsFloat());

    [Fact]
    public void TinyPoolFloat() => AssertAgreesInFloat(new TinyPoolFloat());

    [Fact]
    public void HugeLayersFloat() => AssertAgreesInFloat(new HugeLayersFloat());

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void OtherSeedsAndInitialisationsAgreeToo(int seed)
    {
        AssertAgreesInDouble(new StridedPaddedDouble(seed), seed);
        AssertAgreesInDouble(new DigitsShapeDouble(seed), seed);
    }

    private static void AssertAgreesInDouble<TNetwork>(TNetwork network, int seed = 0)
        where TNetwork : INetwork<double>
    {
        VerificationReport report = NetworkVerifier.Verify(network, samples: 8, seed: seed);
        Assert.True(report.Passed, report.ToString());
        Assert.True(report.GradientsChecked, report.ToString());
        Assert.True(report.FiniteDifferenceChecks > 0, report.ToString());
        Assert.True(report.MaxFiniteDifferenceRelativeError < 1e-6, report.ToString());
        Assert.True(report.MaxOutputRelativeDifference < 1e-9, report.ToString());
        Assert.True(report.MaxParameterGradientRelativeDifference < 1e-9, report.ToString());
        Assert.True(report.MaxInputGradientRelativeDifference < 1e-9, report.ToString());
    }

    private static void AssertAgreesInFloat<TNetwork>(TNetwork network)
        where TNetwork : INetwork<float>
    {
        VerificationReport report = NetworkVerifier.Verify(network, samples: 8);
        Assert.True(report.Passed, report.ToString());
        Assert.True(report.GradientsChecked, report.ToString());
    }
}
