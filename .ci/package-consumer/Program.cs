using System;
using NetCompiler;

// Trains XOR through the packaged generator and runtime; exits 1 unless all four cases come out right.
var network = new Xor(seed: 1);
float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
float[] targets = [0, 1, 1, 0];
for (int epoch = 0; epoch < 2000; epoch++)
{
    network.Backward(inputs, targets, 4);
    network.Step(1f);
}

var outputs = new float[4];
network.Forward(inputs, outputs, 4);
Console.WriteLine("XOR through the NetCompiler package: " + string.Join(", ", outputs));
for (int i = 0; i < 4; i++)
{
    if ((outputs[i] > 0.5f ? 1 : 0) != targets[i])
    {
        return 1;
    }
}

return 0;

[Network]
[Input(2)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
[Loss(LossFunction.BinaryCrossEntropy)]
public partial class Xor { }
