using NetCompiler;

namespace Classify2D;

/// <summary>The default network of the ConvNetJS classify2d demo: 2 → 6 tanh → 2 tanh → 2 softmax.</summary>
[Network]
[Input(2)]
[Dense(6, Activation.Tanh)]
[Dense(2, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class Classify2DNetwork { }
