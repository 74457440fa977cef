using System;
using System.Diagnostics;
using System.IO;
using Digits;

// Trains a small convnet, compiled by NetCompiler, on the UCI 8×8 handwritten digits: a fixed
// seeded 80/20 split, mini-batch gradient descent on the generated Backward and Step, the
// training loss and test accuracy after every epoch, and the test confusion matrix at the end.
const int Epochs = 30;
const int BatchSize = 16;
const float LearningRate = 0.1f;
const float Decay = 0.9f; // α is multiplied by this after every epoch
const float WeightDecay = 0.0001f;
const int Seed = 1;

DigitsData all = DigitsData.Load(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"));
(DigitsData train, DigitsData test) = all.Split(testFraction: 0.2, seed: Seed);
var network = new DigitsNetwork(seed: Seed);
var shuffle = new Random(Seed);
int[] order = new int[train.Count];
for (int i = 0; i < order.Length; i++)
{
    order[i] = i;
}

Console.WriteLine($"Digits: {DigitsNetwork.Spec}, {DigitsNetwork.ParameterCount:N0} parameters");
Console.WriteLine($"{train.Count} training and {test.Count} test images; batches of {BatchSize}, α = {LearningRate} × {Decay}^(epoch − 1), λ = {WeightDecay}");
Console.WriteLine();
Console.WriteLine(" epoch   train loss   test accuracy   elapsed");
var clock = Stopwatch.StartNew();
float learningRate = LearningRate;
for (int epoch = 1; epoch <= Epochs; epoch++, learningRate *= Decay)
{
    shuffle.Shuffle(order);
    float loss = 0;
    for (int n = 0; n < order.Length; n++)
    {
        int example = order[n];
        loss += network.Backward(
            train.Images.AsSpan(example * DigitsData.Pixels, DigitsData.Pixels),
            train.Targets.AsSpan(example * DigitsData.Classes, DigitsData.Classes));
        if (network.AccumulatedSamples == BatchSize || n == order.Length - 1)
        {
            network.Step(learningRate, WeightDecay);
        }
    }

    Console.WriteLine($"{epoch,6} {loss / train.Count,12:F4} {Evaluate(null),15:P2} {clock.Elapsed.TotalSeconds,8:F2} s");
}

clock.Stop();
var confusion = new ConfusionMatrix(DigitsData.Classes);
double accuracy = Evaluate(confusion);
Console.WriteLine();
Console.WriteLine($"Trained {Epochs} epochs ({Epochs * train.Count:N0} examples) in {clock.Elapsed.TotalSeconds:F2} s; test accuracy {accuracy:P2}.");
Console.WriteLine();
Console.WriteLine("Confusion matrix on the test set:");
confusion.Print();

// The share of test images whose most probable class is the label; fills the matrix if given one.
double Evaluate(ConfusionMatrix? matrix)
{
    Span<float> probabilities = stackalloc float[DigitsNetwork.OutputSize];
    int correct = 0;
    for (int n = 0; n < test.Count; n++)
    {
        network.Forward(test.Images.AsSpan(n * DigitsData.Pixels, DigitsData.Pixels), probabilities);
        int predicted = 0;
        for (int k = 1; k < probabilities.Length; k++)
        {
            predicted = probabilities[k] > probabilities[predicted] ? k : predicted;
        }

        correct += predicted == test.Labels[n] ? 1 : 0;
        matrix?.Add(test.Labels[n], predicted);
    }

    return (double)correct / test.Count;
}
