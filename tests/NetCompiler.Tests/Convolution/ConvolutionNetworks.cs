namespace NetCompiler.Tests.Convolution;

// Convolutional networks compiled by the generator in this project. Between them they cover
// stride 1 and 2, padding 0, 1, 2 and 3, one to three channels, pooling with stride equal to,
// less than (overlapping windows) and greater than its size, unrolled (k ≤ 5, window ≤ 16)
// and looped kernels, rows long enough for Vector<T> and short ones, taps that only ever meet
// padding, conv and pool as first and as last layer, pooling scans shorter than a vector, and
// every trainable activation.

/// <summary>The sample's shape: 1×8×8 → conv 3×3 same → 8×8×8 → pool 2 → 8×4×4 → dense 10.</summary>
[Network(Precision = Precision.Double)]
[Input(1, 8, 8)]
[Conv2D(8, kernelSize: 3, Activation.ReLU, Stride = 1, Padding = 1)]
[MaxPool2D(2)]
[Dense(10, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class DigitsShapeDouble { }

/// <inheritdoc cref="DigitsShapeDouble"/>
[Network]
[Input(1, 8, 8)]
[Conv2D(8, kernelSize: 3, Activation.ReLU, Stride = 1, Padding = 1)]
[MaxPool2D(2)]
[Dense(10, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class DigitsShapeFloat { }

/// <summary>Two channels, padding 1, smooth activations: 2×6×6 → 3×6×6 → 3×3×3 → 4.</summary>
[Network(Precision = Precision.Double)]
[Input(2, 6, 6)]
[Conv2D(3, kernelSize: 3, Activation.Tanh, Padding = 1)]
[MaxPool2D(2)]
[Dense(4, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class PaddedTanhDouble { }

/// <summary>Stride 2 without padding, then overlapping pooling: 3×7×7 → 4×3×3 → 4×2×2 → 3.</summary>
[Network(Precision = Precision.Double)]
[Input(3, 7, 7)]
[Conv2D(4, kernelSize: 3, Activation.Sigmoid, Stride = 2)]
[MaxPool2D(2, Stride = 1)]
[Dense(3, Activation.Sigmoid)]
public partial class StridedOverlapDouble { }

/// <inheritdoc cref="StridedOverlapDouble"/>
[Network]
[Input(3, 7, 7)]
[Conv2D(4, kernelSize: 3, Activation.Sigmoid, Stride = 2)]
[MaxPool2D(2, Stride = 1)]
[Dense(3, Activation.Sigmoid)]
public partial class StridedOverlapFloat { }

/// <summary>Stride 2 with padding 1, a second convolution, a 3×3 pool of stride 2: 2×9×9 → 4×5×5 → 3×5×5 → 3×2×2 → 5.</summary>
[Network(Precision = Precision.Double)]
[Input(2, 9, 9)]
[Conv2D(4, kernelSize: 3, Activation.LeakyReLU, Stride = 2, Padding = 1)]
[Conv2D(3, kernelSize: 3, Activation.Tanh, Padding = 1)]
[MaxPool2D(3, Stride = 2)]
[Dense(5)]
public partial class StridedPaddedDouble { }

/// <summary>Rows of 20 (a vector and a tail), padding 0: 1×20×20 → 2×18×18 → 2×9×9 → dense 3 → dense 2.</summary>
[Network(Precision = Precision.Double)]
[Input(1, 20, 20)]
[Conv2D(2, kernelSize: 3, Activation.Tanh)]
[MaxPool2D(2)]
[Dense(3, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class WideRowsDouble { }

/// <inheritdoc cref="WideRowsDouble"/>
[Network]
[Input(1, 20, 20)]
[Conv2D(2, kernelSize: 3, Activation.Tanh)]
[MaxPool2D(2)]
[Dense(3, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class WideRowsFloat { }

/// <summary>A 7×7 kernel (looped taps) with padding 3 and a 6×6 pool (looped window): 2×12×12 → 3×12×12 → 3×2×2 → 2.</summary>
[Network(Precision = Precision.Double)]
[Input(2, 12, 12)]
[Conv2D(3, kernelSize: 7, Activation.Tanh, Padding = 3)]
[MaxPool2D(6)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class LargeKernelDouble { }

/// <summary>Padding larger than the image reaches: whole rows of taps meet only zeros. 1×2×2 → 2×2×2 (k 7, p 3) → 2×4×4 (k 3, p 2) → 3.</summary>
[Network(Precision = Precision.Double)]
[Input(1, 2, 2)]
[Conv2D(2, kernelSize: 7, Activation.Tanh, Padding = 3)]
[Conv2D(2, kernelSize: 3, Activation.Sigmoid, Padding = 2)]
[Dense(3)]
public partial class PaddingOnlyTapsDouble { }

/// <summary>Pooling first, a convolution last (its z is the output, mean squared error): 2×6×6 → 2×3×3 → 3×3×3.</summary>
[Network(Precision = Precision.Double)]
[Input(2, 6, 6)]
[MaxPool2D(2)]
[Conv2D(3, kernelSize: 3, Activation.Tanh, Padding = 1)]
public partial class PoolFirstConvLastDouble { }

/// <summary>A pooling layer with a stride larger than its size, last: 1×5×5 → 2×5×5 → 2×2×2.</summary>
[Network(Precision = Precision.Double)]
[Input(1, 5, 5)]
[Conv2D(2, kernelSize: 1, Activation.Identity)]
[MaxPool2D(1, Stride = 4)]
public partial class PoolLastDouble { }

/// <summary>For hand-computed values: one 2×2 filter over a 3×3 image, no padding, z is the output.</summary>
[Network(Precision = Precision.Double)]
[Input(1, 3, 3)]
[Conv2D(1, kernelSize: 2)]
public partial class HandConvDouble { }

/// <summary>For hand-computed values: one 3×3 filter with padding 1 over a 2×2 image.</summary>
[Network]
[Input(1, 2, 2)]
[Conv2D(1, kernelSize: 3, Padding = 1)]
public partial class HandPaddedConvFloat { }

/// <summary>For hand-computed values: 2×2 pooling of a 4×4 image, alone.</summary>
[Network(Precision = Precision.Double)]
[Input(1, 4, 4)]
[MaxPool2D(2)]
public partial class HandPoolDouble { }

/// <summary>Pooling with fewer windows than a float vector holds (its scalar scan): 1×3×3 → 1×2×2 (pool 2, stride 1) → 2.</summary>
[Network]
[Input(1, 3, 3)]
[MaxPool2D(2, Stride = 1)]
[Dense(2, Activation.Tanh)]
public partial class TinyPoolFloat { }

/// <summary>Looped taps with stride 2 and padding 2: 2×11×11 → 2×5×5 (k 7) → 3.</summary>
[Network(Precision = Precision.Double)]
[Input(2, 11, 11)]
[Conv2D(2, kernelSize: 7, Activation.Sigmoid, Stride = 2, Padding = 2)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class LargeStridedKernelDouble { }

/// <summary>
/// Scratch buffers too large for the stack (over 64 KB: â of both convolutions, dJ/dâ of the second,
/// the pooling scan, Infer's halves), so they live in native memory: 2×96×96 → 4×96×96 → 2×96×96 → pool 4 → 3.
/// </summary>
[Network]
[Input(2, 96, 96)]
[Conv2D(4, 3, Activation.ReLU, Padding = 1)]
[Conv2D(2, 3, Activation.Tanh, Padding = 1)]
[MaxPool2D(4)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class HugeLayersFloat { }
