using System;
using System.Diagnostics;
using Classify2D;
using NetCompiler;

// Trains the ConvNetJS classify2d network on a disc inside a ring, with mini-batch gradient
// descent on the generated Backward and Step, and prints the loss falling and the accuracy rising.
// With `--save <path>` it also writes the trained weights (see samples/ShippedClassify2D).
const int Examples = 200;
const int BatchSize = 10;
const int Epochs = 400;
const float LearningRate = 0.1f;
const float WeightDecay = 0.001f;

(float[] points, float[] targets, int[] labels) = CircleData.Generate(Examples, seed: 1);
var network = new Classify2DNetwork(seed: 1);
var outputs = new float[Examples * Classify2DNetwork.OutputSize];

Console.WriteLine($"Classify2D: {Classify2DNetwork.Spec}, {Classify2DNetwork.ParameterCount} parameters");
Console.WriteLine($"{Examples} points (disc inside a ring), batches of {BatchSize}, α = {LearningRate}, λ = {WeightDecay}");
Console.WriteLine();
Console.WriteLine(" epoch        loss   accuracy");
var clock = Stopwatch.StartNew();
for (int epoch = 1; epoch <= Epochs; epoch++)
{
    float loss = 0;
    for (int start = 0; start < Examples; start += BatchSize)
    {
        loss += network.Backward(
            points.AsSpan(start * Classify2DNetwork.InputSize, BatchSize * Classify2DNetwork.InputSize),
            targets.AsSpan(start * Classify2DNetwork.OutputSize, BatchSize * Classify2DNetwork.OutputSize),
            BatchSize);
        network.Step(LearningRate, WeightDecay);
    }

    if (epoch == 1 || epoch % 50 == 0)
    {
        Console.WriteLine($"{epoch,6} {loss / Examples,11:F4} {Accuracy(),9:P1}");
    }
}

Console.WriteLine();
Console.WriteLine($"Trained {Epochs} epochs ({Epochs * Examples:N0} examples) in {clock.Elapsed.TotalMilliseconds:F0} ms.");

if (args is ["--save", string path])
{
    NetworkWeights.Save(path, network);
    Console.WriteLine($"Saved the trained weights to {path}.");
}

double Accuracy()
{
    network.Forward(points, outputs, Examples);
    int correct = 0;
    for (int i = 0; i < Examples; i++)
    {
        int predicted = outputs[2 * i + 1] > outputs[2 * i] ? 1 : 0;
        correct += predicted == labels[i] ? 1 : 0;
    }

    return (double)correct / Examples;
}
