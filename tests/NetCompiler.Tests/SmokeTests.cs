namespace NetCompiler.Tests;

public class SpecTests
{
    [Fact]
    public void SpecComputesShapesAndParameterCounts()
    {
        var spec = new NetworkSpec(TensorShape.Vector(2), [new DenseLayerSpec(6, Activation.Tanh), new DenseLayerSpec(2, Activation.Softmax)], LossFunction.CrossEntropy);
        Assert.Equal(2 * 6 + 6 + 6 * 2 + 2, spec.ParameterCount);
        Assert.Equal(2, spec.OutputSize);
    }
}
