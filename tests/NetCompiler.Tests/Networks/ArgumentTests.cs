using System;
using System.Linq;

namespace NetCompiler.Tests.Networks;

/// <summary>A span of the wrong length is an ArgumentException naming it, and nothing is written or counted.</summary>
public class ArgumentTests
{
    [Fact]
    public void ForwardRejectsWrongLengthsWithoutWriting()
    {
        var network = new SoftmaxClassifierSingle();
        var output = new float[] { 7, 7, 7 };
        AssertRejected(() => network.Forward(new float[3], output), "input", "4", "3");
        AssertRejected(() => network.Forward(new float[4], new float[2]), "output", "3", "2");
        Assert.All(output, value => Assert.Equal(7, value));
        AssertRejected(() => SoftmaxClassifierSingle.Infer(new float[5], new float[4], output), "parameters", SoftmaxClassifierSingle.ParameterCount.ToString(), "5");
        Assert.All(output, value => Assert.Equal(7, value));
    }

    [Fact]
    public void TrainingRejectsWrongLengthsWithoutCounting()
    {
        var network = new SoftmaxClassifierSingle();
        float[] parameters = network.Parameters.ToArray();
        AssertRejected(() => network.Backward(new float[4], new float[2]), "target", "3", "2");
        AssertRejected(() => network.Backward(new float[8], new float[6], 3), "inputs", "12", "8");
        AssertRejected(() => network.Backward(new float[8], new float[5], 2), "targets", "6", "5");
        AssertRejected(() => network.Backpropagate(new float[3], new float[1]), "inputGradient", "4", "1");
        AssertRejected(() => network.Backpropagate(new float[2], new float[4]), "outputGradient", "3", "2");
        ArgumentOutOfRangeException negative = Assert.Throws<ArgumentOutOfRangeException>(() => network.Forward(new float[4], new float[3], -1));
        Assert.Equal("count", negative.ParamName);

        Assert.Equal(0, network.AccumulatedSamples);
        Assert.All(network.Gradients.ToArray(), gradient => Assert.Equal(0, gradient));
        Assert.Equal(parameters, network.Parameters.ToArray());
    }

    [Fact]
    public void ConstructorsStartFromTheSeededInitializer()
    {
        var expected = new float[SoftmaxClassifierSingle.ParameterCount];
        ParameterInitializer.Initialize(SoftmaxClassifierSingle.Spec, 0, expected);
        Assert.Equal(expected, new SoftmaxClassifierSingle().Parameters.ToArray());
        ParameterInitializer.Initialize(SoftmaxClassifierSingle.Spec, 42, expected);
        Assert.Equal(expected, new SoftmaxClassifierSingle(42).Parameters.ToArray());
        Assert.NotEqual(new SoftmaxClassifierSingle(1).Parameters.ToArray(), new SoftmaxClassifierSingle(2).Parameters.ToArray());
    }

    private static void AssertRejected(Action call, string parameter, string expectedLength, string actualLength)
    {
        ArgumentException exception = Assert.ThrowsAny<ArgumentException>(call);
        Assert.Equal(parameter, exception.ParamName);
        Assert.Contains(expectedLength, exception.Message);
        Assert.Contains(actualLength, exception.Message);
    }
}
