using Xunit.Abstractions;

namespace NetCompiler.Tests.Verification;

// End to end: networks compiled by the generator, checked by the verifier.

/// <summary>A float dense classifier: tanh hidden layer, softmax + cross entropy.</summary>
[Network]
[Input(5)]
[Dense(8, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class VerifiedFloatClassifier { }

/// <summary>A double convolutional network: padded ReLU convolution, pooling, sigmoid + binary cross entropy.</summary>
[Network(Precision = Precision.Double)]
[Input(2, 6, 6)]
[Conv2D(3, 3, Activation.ReLU, Padding = 1)]
[MaxPool2D(2)]
[Dense(2, Activation.Sigmoid)]
[Loss(LossFunction.BinaryCrossEntropy)]
public partial class VerifiedDoubleConvNet { }

/// <summary>A double dense regression network with LeakyReLU and enough parameters to be sampled.</summary>
[Network(Precision = Precision.Double)]
[Input(20)]
[Dense(16, Activation.LeakyReLU)]
[Dense(4)]
public partial class VerifiedDoubleRegression { }

public class GeneratedNetworkVerificationTests(ITestOutputHelper output)
{
    [Fact]
    public void GeneratedFloatNetworkPasses()
    {
        VerificationReport report = NetworkVerifier.Verify(new VerifiedFloatClassifier(seed: 3));
        output.WriteLine(report.ToString());
        Assert.True(report.Passed, report.ToString());
        Assert.Same(VerificationTolerances.Single, report.Tolerances);
    }

    [Fact]
    public void GeneratedDoubleConvolutionalNetworkPasses()
    {
        VerificationReport report = NetworkVerifier.Verify(new VerifiedDoubleConvNet(seed: 3));
        output.WriteLine(report.ToString());
        Assert.True(report.Passed, report.ToString());
        Assert.True(report.GradientsChecked);
    }

    [Fact]
    public void GeneratedDoubleDenseNetworkPasses()
    {
        VerificationReport report = NetworkVerifier.Verify(new VerifiedDoubleRegression());
        output.WriteLine(report.ToString());
        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void GeneratedNetworksStartFromTheInitializer()
    {
        var network = new VerifiedDoubleConvNet(seed: 12);
        var expected = new double[VerifiedDoubleConvNet.ParameterCount];
        ParameterInitializer.Initialize(VerifiedDoubleConvNet.Spec, 12, expected);
        Assert.Equal(expected, network.Parameters.ToArray());
    }
}
