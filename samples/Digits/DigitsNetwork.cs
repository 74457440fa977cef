using NetCompiler;

namespace Digits;

/// <summary>
/// A small convnet for 8×8 digits: 16 filters of 3×3 with zero padding 1 (8×8 → 16×8×8), ReLU,
/// 2×2 max pooling (→ 16×4×4), and a softmax over the 10 classes. 2,730 parameters.
/// </summary>
[Network]
[Input(1, 8, 8)]
[Conv2D(16, kernelSize: 3, Activation.ReLU, Padding = 1)]
[MaxPool2D(2)]
[Dense(10, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class DigitsNetwork { }
