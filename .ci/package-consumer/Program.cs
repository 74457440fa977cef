using System;
using NetCompiler;

// Trains XOR through the packaged generator and runtime; exits 1 unless all four cases come out
// right, or unless a larger network (vector kernels, on the CPU's widest training vectors) and one
// with layers too large for the stack disagree with themselves.
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

return WideAgrees() && HugeAgrees() ? 0 : 1;

// A batch Backward adds exactly the gradients of its examples one at a time, and Infer is Forward.
static bool WideAgrees()
{
    const int count = 9;
    var inputs = new float[count * Wide.InputSize];
    var targets = new float[count * Wide.OutputSize];
    for (int i = 0; i < inputs.Length; i++)
    {
        inputs[i] = MathF.Sin(i * 0.37f);
    }

    for (int n = 0; n < count; n++)
    {
        targets[(n * Wide.OutputSize) + (n % Wide.OutputSize)] = 1;
    }

    var single = new Wide(seed: 2);
    var batch = new Wide(seed: 2);
    for (int n = 0; n < count; n++)
    {
        single.Backward(inputs.AsSpan(n * Wide.InputSize, Wide.InputSize), targets.AsSpan(n * Wide.OutputSize, Wide.OutputSize));
    }

    batch.Backward(inputs, targets, count);
    var output = new float[Wide.OutputSize];
    var inferred = new float[Wide.OutputSize];
    single.Forward(inputs.AsSpan(0, Wide.InputSize), output);
    Wide.Infer(single.Parameters, inputs.AsSpan(0, Wide.InputSize), inferred);
    bool agrees = single.Gradients.SequenceEqual(batch.Gradients) && output.AsSpan().SequenceEqual(inferred);
    Console.WriteLine("Wide network: batch and one-example gradients " + (agrees ? "agree" : "DIFFER"));
    return agrees;
}

// Scratch buffers over the stack limit come from native memory: Infer and Forward still agree.
static bool HugeAgrees()
{
    var network = new Huge(seed: 3);
    var input = new float[Huge.InputSize];
    for (int i = 0; i < input.Length; i++)
    {
        input[i] = MathF.Cos(i * 0.01f);
    }

    var output = new float[Huge.OutputSize];
    var inferred = new float[Huge.OutputSize];
    network.Forward(input, output);
    Huge.Infer(network.Parameters, input, inferred);
    bool agrees = output.AsSpan().SequenceEqual(inferred);
    Console.WriteLine("Huge network: Infer and Forward " + (agrees ? "agree" : "DIFFER"));
    return agrees;
}

[Network]
[Input(2)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
[Loss(LossFunction.BinaryCrossEntropy)]
public partial class Xor { }

// 80 inputs: five 512-bit vectors, so where the CPU has AVX-512 its forward pass reads rows on them.
[Network]
[Input(80)]
[Dense(40, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class Wide { }

[Network]
[Input(1, 130, 130)]
[Conv2D(2, 3, Activation.ReLU, Padding = 1)]
[MaxPool2D(5)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class Huge { }
