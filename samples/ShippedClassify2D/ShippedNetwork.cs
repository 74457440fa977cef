using NetCompiler;

namespace ShippedClassify2D;

/// <summary>
/// The Classify2D network again, now starting from the trained weights compiled into the assembly:
/// no training, no file read at run time.
/// </summary>
[Network(Weights = "models/classify2d.ncw")]
[Input(2)]
[Dense(6, Activation.Tanh)]
[Dense(2, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class ShippedNetwork { }
