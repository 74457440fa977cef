using System;
using System.Linq;

namespace NetCompiler.Tests.Networks;

public class LectureTests
{
    /// <summary>
    /// w = [2, −3, −3], x = [−1, −2]: the neuron outputs σ(1) = 0.73, whose local gradient
    /// σ(1)(1 − σ(1)) ≈ 0.2 scales every upstream gradient: dx = 0.2·w, dw = 0.2·x.
    /// </summary>
    [Fact]
    public void ComputationalGraphExampleBackpropagatesTheLectureNumbers()
    {
        var neuron = new SigmoidNeuron();
        double[] parameters = [2, -3, -3];
        parameters.CopyTo(neuron.Parameters);
        var output = new double[1];
        neuron.Forward([-1, -2], output);
        Assert.Equal(0.73, output[0], 2);

        var inputGradient = new double[2];
        neuron.Backpropagate([1.0], inputGradient);

        double local = output[0] * (1 - output[0]);
        Assert.Equal(0.20, local, 2);
        Assert.Equal(0.39, inputGradient[0], 2);
        Assert.Equal(-0.59, inputGradient[1], 2);
        Assert.Equal(-0.20, neuron.Gradients[0], 2);
        Assert.Equal(-0.39, neuron.Gradients[1], 2);
        Assert.Equal(0.20, neuron.Gradients[2], 2);
        Assert.Equal(local * 2, inputGradient[0], 12);
        Assert.Equal(local * -1, neuron.Gradients[0], 12);
    }

    /// <summary>Minsky and Papert: no single layer separates XOR; one hidden layer does.</summary>
    [Fact]
    public void XorNeedsAHiddenLayer()
    {
        Assert.True(TrainXor(new LinearXor(seed: 1)) <= 3);
        Assert.Equal(4, TrainXor(new HiddenLayerXor(seed: 1)));
    }

    [Fact]
    public void PerceptronRunsForwardButCannotBeTrained()
    {
        var perceptron = new Perceptron();
        float[] and = [1, 1, -1.5f];
        and.CopyTo(perceptron.Parameters);
        float[][] inputs = [[0, 0], [0, 1], [1, 0], [1, 1]];
        float[] outputs = inputs.Select(input =>
        {
            var output = new float[1];
            perceptron.Forward(input, output);
            return output[0];
        }).ToArray();
        Assert.Equal([0f, 0f, 0f, 1f], outputs);

        INetwork<float> trainable = perceptron;
        Assert.Throws<NotSupportedException>(() => trainable.Backward(inputs[0], [0f]));
        Assert.Throws<NotSupportedException>(() => trainable.Backpropagate([1f], new float[2]));
        NotSupportedException step = Assert.Throws<NotSupportedException>(() => trainable.Step(0.1f));
        Assert.Contains("Step layer", step.Message);
    }

    /// <summary>Full-batch gradient descent on the four XOR cases; returns how many it then gets right.</summary>
    private static int TrainXor<TNetwork>(TNetwork network)
        where TNetwork : INetwork<double>
    {
        double[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
        double[] targets = [0, 1, 1, 0];
        for (int epoch = 0; epoch < 3000; epoch++)
        {
            network.Backward(inputs, targets, 4);
            network.Step(1.0);
        }

        var outputs = new double[4];
        network.Forward(inputs, outputs, 4);
        return outputs.Zip(targets).Count(pair => (pair.First > 0.5 ? 1 : 0) == pair.Second);
    }
}
