using NetCompiler;

namespace NetCompiler.Benchmarks.Workloads;

// The five benchmarked networks (issue 5), compiled by the generator. Float32, cross-entropy.

/// <summary>W1: the ConvNetJS classify2d demo, 2 → dense 6 tanh → dense 2 tanh → dense 2 softmax.</summary>
[Network]
[Input(2)]
[Dense(6, Activation.Tanh)]
[Dense(2, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class W1Network { }

/// <summary>W2: 4 → dense 8 tanh → dense 3 softmax (an iris-sized classifier).</summary>
[Network]
[Input(4)]
[Dense(8, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class W2Network { }

/// <summary>W3: 784 → dense 128 ReLU → dense 10 softmax (the MNIST multilayer perceptron).</summary>
[Network]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class W3Network { }

/// <summary>W4: 256 → dense 256 ReLU → dense 256 ReLU → dense 10 softmax.</summary>
[Network]
[Input(256)]
[Dense(256, Activation.ReLU)]
[Dense(256, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class W4Network { }

/// <summary>W5: 1×8×8 → conv 8 filters 3×3 pad 1 ReLU → max-pool 2 → dense 10 softmax.</summary>
[Network]
[Input(1, 8, 8)]
[Conv2D(8, kernelSize: 3, Activation.ReLU, Padding = 1)]
[MaxPool2D(2)]
[Dense(10, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class W5Network { }
