using System;

namespace NetCompiler.Tests.Convolution;

/// <summary>
/// Max pooling sends each window's δ to its FIRST maximal input (row-major, strict &gt;), as the
/// interpreter does. Random inputs never tie, so these feed inputs drawn from {0, 1} — most windows
/// hold several equal maxima — straight into a pooling layer and compare dJ/d(input) exactly.
/// </summary>
public class PoolingTieTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void InputGradientGoesToTheFirstMaximum(int seed)
    {
        var network = new PoolFirstConvLastDouble(seed);
        var interpreter = new ReferenceInterpreter(PoolFirstConvLastDouble.Spec);
        network.Parameters.CopyTo(interpreter.Parameters);
        var random = new Random(seed);
        double[] input = new double[PoolFirstConvLastDouble.InputSize];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = random.Next(2);
        }

        double[] outputGradient = new double[PoolFirstConvLastDouble.OutputSize];
        for (int i = 0; i < outputGradient.Length; i++)
        {
            outputGradient[i] = random.NextDouble() - 0.5;
        }

        var output = new double[PoolFirstConvLastDouble.OutputSize];
        var inputGradient = new double[PoolFirstConvLastDouble.InputSize];
        var expectedInputGradient = new double[PoolFirstConvLastDouble.InputSize];
        network.Forward(input, output);
        network.Backpropagate(outputGradient, inputGradient);
        interpreter.Forward(input, new double[PoolFirstConvLastDouble.OutputSize]);
        interpreter.Backpropagate(outputGradient, expectedInputGradient);

        int routed = 0;
        for (int i = 0; i < input.Length; i++)
        {
            Assert.True(Math.Abs(expectedInputGradient[i] - inputGradient[i]) <= 1e-12, "input " + i + ": expected " + expectedInputGradient[i] + ", got " + inputGradient[i]);
            routed += inputGradient[i] != 0 ? 1 : 0;
        }

        // 2×6×6 pooled 2×2 without overlap: at most one input of each of the 18 windows receives δ.
        Assert.InRange(routed, 1, 18);
    }

    [Fact]
    public void OverlappingWindowsAddTheirDeltas()
    {
        // StridedOverlap pools 2×2 windows with stride 1 over a 3×3 map: the centre of each map is in
        // all four windows. Its conv layer ends in a sigmoid, so feed an input that saturates nothing
        // and compare every parameter and input gradient with the interpreter.
        var network = new StridedOverlapDouble(7);
        var interpreter = new ReferenceInterpreter(StridedOverlapDouble.Spec);
        network.Parameters.CopyTo(interpreter.Parameters);
        double[] input = new double[StridedOverlapDouble.InputSize];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = Math.Sin(i);
        }

        double[] outputGradient = [0.3, -0.7, 0.2];
        var inputGradient = new double[StridedOverlapDouble.InputSize];
        var expectedInputGradient = new double[StridedOverlapDouble.InputSize];
        network.Forward(input, new double[StridedOverlapDouble.OutputSize]);
        network.Backpropagate(outputGradient, inputGradient);
        interpreter.Forward(input, new double[StridedOverlapDouble.OutputSize]);
        interpreter.Backpropagate(outputGradient, expectedInputGradient);
        for (int i = 0; i < input.Length; i++)
        {
            Assert.Equal(expectedInputGradient[i], inputGradient[i], 1e-12);
        }

        for (int i = 0; i < network.Gradients.Length; i++)
        {
            Assert.Equal(interpreter.Gradients[i], network.Gradients[i], 1e-12);
        }
    }
}
