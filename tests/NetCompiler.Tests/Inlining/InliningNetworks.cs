// Small dense networks whose code is written to compile in few pieces: every call in a one-example
// forward pass and in an examples-in-lanes kernel is marked for inlining, down to the runtime's
// arithmetic. Only InliningProbe runs them, in a process of its own, so no test has compiled their
// code before the probe watches the JIT do it.
namespace NetCompiler.Tests.Inlining;

/// <summary>The shape of issue 5's W1 (the ConvNetJS classify2d demo).</summary>
[Network]
[Input(2)]
[Dense(6, Activation.Tanh)]
[Dense(2, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class Classify2DShape { }

/// <summary>The shape of issue 5's W2.</summary>
[Network]
[Input(4)]
[Dense(8, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class TwoLayerSoftmax { }

/// <summary>Five layers: the longest chain of inlined calls, where the JIT's inlining budget ran out once.</summary>
[Network]
[Input(2)]
[Dense(6, Activation.Tanh)]
[Dense(6, Activation.Tanh)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class FiveLayerSoftmax { }

/// <summary>Other activations: ReLU into a sigmoid output.</summary>
[Network]
[Input(4)]
[Dense(8, Activation.ReLU)]
[Dense(3, Activation.Sigmoid)]
public partial class ReluIntoSigmoid { }

/// <summary>Doubles, with a linear output.</summary>
[Network(Precision = Precision.Double)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dense(2)]
public partial class DoubleTanhLinear { }

/// <summary>
/// A hidden layer of sixteen tanh units on eight inputs: its examples-in-lanes kernel, written out
/// unit by unit, once took the JIT past its limit of locals (its tanh and loads became calls).
/// </summary>
[Network]
[Input(8)]
[Dense(16, Activation.Tanh)]
[Dense(1)]
public partial class WideTanhLayer { }

/// <summary>Twelve sigmoid units on twelve inputs into a softmax: the same for the sigmoid's exponential.</summary>
[Network]
[Input(12)]
[Dense(12, Activation.Sigmoid)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class WideSigmoidLayer { }

/// <summary>
/// Eight sigmoid units on rows of 31 inputs: the widest layer whose examples-in-lanes kernel is
/// still written out unit by unit, and its longest rows.
/// </summary>
[Network]
[Input(31)]
[Dense(8, Activation.Sigmoid)]
[Dense(1)]
public partial class LongRowsSigmoid { }
