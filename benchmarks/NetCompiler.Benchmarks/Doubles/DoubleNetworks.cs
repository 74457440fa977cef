namespace NetCompiler.Benchmarks.Doubles;

// Double-precision networks of the shapes whose layers the thirty-fourth run moved onto vectors
// (benchmarks/HISTORY.md): rows written out and folded into one 256-bit vector (D1, D2, D4), rows of
// 16 to 31 inputs on the runtime's kernels (D3), and a double softmax over ten outputs on the
// summation tree (D5, M8's shape in double).

/// <summary>D1: 8 → dense 8 ReLU → dense 4 (rows of two whole vectors, folded).</summary>
[Network(Precision = Precision.Double)]
[Input(8)]
[Dense(8, Activation.ReLU)]
[Dense(4)]
[Loss(LossFunction.MeanSquaredError)]
public partial class D1Network;

/// <summary>D2: 12 → dense 12 ReLU → dense 3 softmax (rows of three whole vectors, folded).</summary>
[Network(Precision = Precision.Double)]
[Input(12)]
[Dense(12, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class D2Network;

/// <summary>D3: 20 → dense 12 ReLU → dense 4 (its first layer on the kernels, its second folded).</summary>
[Network(Precision = Precision.Double)]
[Input(20)]
[Dense(12, Activation.ReLU)]
[Dense(4)]
[Loss(LossFunction.MeanSquaredError)]
public partial class D3Network;

/// <summary>D4: 24 → dense 4 tanh → dense 2 softmax (rows of six whole vectors in a narrow layer, folded).</summary>
[Network(Precision = Precision.Double)]
[Input(24)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class D4Network;

/// <summary>D5: 8 → dense 8 tanh → dense 10 softmax (M8 in double).</summary>
[Network(Precision = Precision.Double)]
[Input(8)]
[Dense(8, Activation.Tanh)]
[Dense(10, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class D5Network;
