// Networks from the lecture's worked examples.
namespace NetCompiler.Tests.Networks;

/// <summary>f(w, x) = σ(w0·x0 + w1·x1 + w2): one sigmoid neuron, the computational-graph example.</summary>
[Network(Precision = Precision.Double)]
[Input(2)]
[Dense(1, Activation.Sigmoid)]
public partial class SigmoidNeuron { }

/// <summary>A single sigmoid layer on two inputs: a linear separator, which XOR defeats.</summary>
[Network(Precision = Precision.Double)]
[Input(2)]
[Dense(1, Activation.Sigmoid)]
[Loss(LossFunction.BinaryCrossEntropy)]
public partial class LinearXor { }

/// <summary>One hidden layer is enough for XOR.</summary>
[Network(Precision = Precision.Double)]
[Input(2)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
[Loss(LossFunction.BinaryCrossEntropy)]
public partial class HiddenLayerXor { }

#pragma warning disable NC0012 // A McCulloch–Pitts unit is forward-only on purpose.
/// <summary>A perceptron with a Heaviside step: runs forward, cannot be trained.</summary>
[Network]
[Input(2)]
[Dense(1, Activation.Step)]
public partial class Perceptron { }
#pragma warning restore NC0012
