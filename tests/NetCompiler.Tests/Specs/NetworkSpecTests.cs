using System;

namespace NetCompiler.Tests.Specs;

/// <summary>The runtime's NetworkSpec applies the same rules as the generator and says what is wrong.</summary>
public class NetworkSpecTests
{
    [Fact]
    public void ShapesOffsetsAndStructureOfAConvolutionalStack()
    {
        var spec = new NetworkSpec(
            TensorShape.Image(1, 8, 8),
            [new Conv2DLayerSpec(8, 3, Activation.ReLU, padding: 1), new MaxPool2DLayerSpec(2), new DenseLayerSpec(10, Activation.Softmax)],
            LossFunction.CrossEntropy);

        Assert.Equal([TensorShape.Image(1, 8, 8), TensorShape.Image(8, 8, 8), TensorShape.Image(8, 4, 4), TensorShape.Vector(10)], spec.Shapes);
        Assert.Equal(0, spec.GetParameterOffset(0));
        Assert.Equal(8 * 1 * 3 * 3, spec.GetWeightCount(0));
        Assert.Equal(8, spec.GetBiasCount(0));
        Assert.Equal(80, spec.GetParameterOffset(1));
        Assert.Equal(0, spec.GetWeightCount(1));
        Assert.Equal(80, spec.GetParameterOffset(2));
        Assert.Equal(80 + (10 * 128) + 10, spec.ParameterCount);
        Assert.True(spec.IsTrainable);
        Assert.Equal("Input(1×8×8) Conv2D(8, 3, ReLU, Stride = 1, Padding = 1) MaxPool2D(2, Stride = 2) Dense(10, Softmax)", spec.Structure);
        Assert.Equal(spec.Structure + " Loss(CrossEntropy)", spec.ToString());
    }

    [Fact]
    public void EqualSpecsAreEqual()
    {
        NetworkSpec Make(int units) => new(TensorShape.Vector(2), [new DenseLayerSpec(units, Activation.Tanh), new DenseLayerSpec(1)]);
        Assert.Equal(Make(3), Make(3));
        Assert.Equal(Make(3).GetHashCode(), Make(3).GetHashCode());
        Assert.NotEqual(Make(3), Make(4));
    }

    [Theory]
    [InlineData("dense", "Layer 1: Dense(0, Identity) needs at least one unit")]
    [InlineData("softmax", "Layer 1: Dense(3, Softmax) uses Softmax, which is allowed on the last layer only")]
    [InlineData("conv-after-flat", "Layer 2: Conv2D(2, 3, Identity, Stride = 1, Padding = 0) needs an image input")]
    [InlineData("kernel", "Layer 1: Conv2D(2, 5, Identity, Stride = 1, Padding = 0) has a 5×5 window but its input is 1×4×4")]
    [InlineData("tiling", "Layer 1: MaxPool2D(2, Stride = 2) does not tile its 1×5×5 input")]
    public void InvalidLayersAreArgumentExceptionsThatSayWhich(string kind, string message)
    {
        LayerSpec[] layers = kind switch
        {
            "dense" => [new DenseLayerSpec(0)],
            "softmax" => [new DenseLayerSpec(3, Activation.Softmax), new DenseLayerSpec(2)],
            "conv-after-flat" => [new DenseLayerSpec(4), new Conv2DLayerSpec(2, 3)],
            "kernel" => [new Conv2DLayerSpec(2, 5)],
            _ => [new MaxPool2DLayerSpec(2)],
        };
        TensorShape input = kind switch
        {
            "dense" or "softmax" or "conv-after-flat" => TensorShape.Vector(4),
            "kernel" => TensorShape.Image(1, 4, 4),
            _ => TensorShape.Image(1, 5, 5),
        };

        ArgumentException exception = Assert.Throws<ArgumentException>(() => new NetworkSpec(input, layers));

        Assert.Equal("layers", exception.ParamName);
        Assert.StartsWith(message, exception.Message);
    }

    [Fact]
    public void LossThatDoesNotFitTheLastActivationIsRejected()
    {
        ArgumentException exception = Assert.Throws<ArgumentException>(
            () => new NetworkSpec(TensorShape.Vector(2), [new DenseLayerSpec(2, Activation.Tanh)], LossFunction.CrossEntropy));
        Assert.Equal("loss", exception.ParamName);
        Assert.Contains("Softmax", exception.Message);
    }

    [Fact]
    public void EmptyNetworksAndBadInputsAreRejected()
    {
        Assert.Equal("layers", Assert.Throws<ArgumentException>(() => new NetworkSpec(TensorShape.Vector(2), [])).ParamName);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => new NetworkSpec(TensorShape.Vector(0), [new DenseLayerSpec(1)])).ParamName);
        Assert.Throws<ArgumentNullException>(() => new NetworkSpec(TensorShape.Vector(2), null!));
        Assert.False(new NetworkSpec(TensorShape.Vector(2), [new DenseLayerSpec(1, Activation.Step)]).IsTrainable);
    }
}
