using System;
using Classify2D;
using ShippedClassify2D;

// Train, save, embed, ship: the last step. The weights trained and saved by
//   dotnet run --project samples/Classify2D -c Release -- --save samples/ShippedClassify2D/models/classify2d.ncw
// are compiled into this program as ShippedNetwork.EmbeddedParameters; the network starts from them.
const int Examples = 200;
(float[] points, _, int[] labels) = CircleData.Generate(Examples, seed: 1);
var network = new ShippedNetwork();
var outputs = new float[Examples * ShippedNetwork.OutputSize];
network.Forward(points, outputs, Examples);

int correct = 0;
for (int i = 0; i < Examples; i++)
{
    int predicted = outputs[2 * i + 1] > outputs[2 * i] ? 1 : 0;
    correct += predicted == labels[i] ? 1 : 0;
}

Console.WriteLine($"ShippedNetwork: {ShippedNetwork.ParameterCount} parameters compiled in, no training.");
Console.WriteLine($"Accuracy on the Classify2D data: {(double)correct / Examples:P1} ({correct} of {Examples}).");
var probabilities = new float[2];
ShippedNetwork.Infer(ShippedNetwork.EmbeddedParameters, [0.1f, 0.2f], probabilities);
Console.WriteLine($"Infer at (0.1, 0.2), near the centre: P(disc) = {probabilities[0]:F3}, P(ring) = {probabilities[1]:F3}.");
