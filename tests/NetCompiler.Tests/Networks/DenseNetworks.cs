// The dense networks every engine-agreement test runs on: every activation, every loss,
// one to four layers, small (unrolled) and large (vectorised, with tails), float and double.
namespace NetCompiler.Tests.Networks;

[Network]
[Input(3)]
[Dense(2)]
public partial class LinearSingle { }

[Network(Precision = Precision.Double)]
[Input(3)]
[Dense(2)]
public partial class LinearDouble { }

[Network]
[Input(4)]
[Dense(5, Activation.Sigmoid)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class SoftmaxClassifierSingle { }

[Network(Precision = Precision.Double)]
[Input(4)]
[Dense(5, Activation.Sigmoid)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class SoftmaxClassifierDouble { }

[Network]
[Input(5)]
[Dense(7, Activation.Tanh)]
[Dense(6, Activation.ReLU)]
[Dense(4, Activation.LeakyReLU)]
[Dense(2, Activation.Sigmoid)]
[Loss(LossFunction.BinaryCrossEntropy)]
public partial class FourLayerSingle { }

[Network(Precision = Precision.Double)]
[Input(5)]
[Dense(7, Activation.Tanh)]
[Dense(6, Activation.ReLU)]
[Dense(4, Activation.LeakyReLU)]
[Dense(2, Activation.Sigmoid)]
[Loss(LossFunction.BinaryCrossEntropy)]
public partial class FourLayerDouble { }

[Network]
[Input(3)]
[Dense(4, Activation.LeakyReLU)]
[Dense(3, Activation.Softmax)]
public partial class SoftmaxSquaredErrorSingle { }

[Network(Precision = Precision.Double)]
[Input(3)]
[Dense(4, Activation.LeakyReLU)]
[Dense(3, Activation.Softmax)]
public partial class SoftmaxSquaredErrorDouble { }

[Network]
[Input(43)]
[Dense(37, Activation.ReLU)]
[Dense(21, Activation.Tanh)]
[Dense(3, Activation.Sigmoid)]
public partial class WideSingle { }

[Network(Precision = Precision.Double)]
[Input(43)]
[Dense(37, Activation.ReLU)]
[Dense(21, Activation.Tanh)]
[Dense(3, Activation.Sigmoid)]
public partial class WideDouble { }

[Network(Precision = Precision.Double)]
[Input(70)]
[Dense(9, Activation.LeakyReLU)]
[Dense(5, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class WideSoftmaxDouble { }

// A large layer (batch kernels) feeding two small ones that pass their activation in a register:
// the batch path hands the small layers their inputs from memory, the one-example path from registers.
[Network]
[Input(40)]
[Dense(12, Activation.ReLU)]
[Dense(4, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class WideIntoSmallSingle { }

[Network(Precision = Precision.Double)]
[Input(40)]
[Dense(12, Activation.ReLU)]
[Dense(4, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class WideIntoSmallDouble { }

// A small layer whose inputs are exactly one 256-bit vector (8 floats, 4 doubles): its backward
// pass runs a row of W at a time on vectors.
[Network]
[Input(5)]
[Dense(8, Activation.Sigmoid)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class EightInputRowsSingle { }

[Network(Precision = Precision.Double)]
[Input(5)]
[Dense(4, Activation.Sigmoid)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class FourInputRowsDouble { }

// A layer of rows of two whole 256-bit float vectors and at least eight units (16 → 16, 128 weights
// for double's 16 → 8): not written out but run on the runtime's kernels, between written-out layers.
[Network]
[Input(16)]
[Dense(16, Activation.Tanh)]
[Dense(4, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class SixteenInputRowsSingle { }

[Network(Precision = Precision.Double)]
[Input(16)]
[Dense(8, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class SixteenInputRowsDouble { }

// Rows of sixteen floats, written out and summed on vectors folded to eight lanes first (a layer of
// fewer than eight units: with more it would run on the kernels), then a softmax.
[Network]
[Input(16)]
[Dense(6, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class FoldedRowsSingle { }

// Rows of nine to fifteen floats, folded too: each row's first vector plus its last one (which ends
// where the row ends, its lanes that the first vector holds cleared). Twelve inputs into a wide tanh
// layer (a block of eight units and one of four) and a softmax of three; nine inputs (the last
// vector keeps one lane) into a narrow sigmoid layer; fifteen inputs into a wide ReLU layer of
// sixteen units, then rows of sixteen into a softmax.
[Network]
[Input(12)]
[Dense(12, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class TailFoldedRowsSingle { }

[Network]
[Input(9)]
[Dense(5, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
[Loss(LossFunction.BinaryCrossEntropy)]
public partial class NineInputRowsSingle { }

[Network]
[Input(15)]
[Dense(16, Activation.ReLU)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class FifteenInputRowsSingle { }

// Rows of 17 to 31 floats, folded from their whole vectors and their last one: 20 inputs into a
// softmax of four (two whole vectors, the last keeps four lanes), 31 into a narrow tanh layer (three
// whole vectors, the last keeps seven), 17 into a wide ReLU layer of twelve units (the last keeps
// one), and 24 into four units (three whole vectors, the last one whole).
[Network]
[Input(20)]
[Dense(4, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class TwentyInputRowsSingle { }

[Network]
[Input(31)]
[Dense(6, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class ThirtyOneInputRowsSingle { }

[Network]
[Input(17)]
[Dense(12, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
[Loss(LossFunction.BinaryCrossEntropy)]
public partial class SeventeenInputRowsSingle { }

[Network]
[Input(24)]
[Dense(4, Activation.Tanh)]
[Dense(1)]
public partial class TwentyFourInputRowsSingle { }

// Last layers of more than one vector of units, their rows summed a vector of units at a time: ten
// classes after a tanh layer that hands its eight values over in a register, ten classes on rows of
// twelve (folded), twelve linear outputs on rows of six (the rows' padding lanes cleared), and six
// linear outputs of doubles on rows of four.
[Network]
[Input(8)]
[Dense(8, Activation.Tanh)]
[Dense(10, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class TenClassHeadSingle { }

[Network]
[Input(12)]
[Dense(10, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class TenClassFoldedSingle { }

[Network]
[Input(6)]
[Dense(12)]
public partial class WideLinearHeadSingle { }

[Network(Precision = Precision.Double)]
[Input(4)]
[Dense(6)]
public partial class WideLinearHeadDouble { }

// Wide hidden layers (more units than one 256-bit vector holds) whose rows are four to eight
// inputs: their z come a vector of units at a time from the rows' sums, where Vector<T> is 256
// bits (rows of eight, blocks of eight, eight and four units; rows of four, two to a vector, a block
// of eight and one of four; rows of four doubles, blocks of four and two).
[Network]
[Input(8)]
[Dense(20, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class WideRowSumsSingle { }

[Network]
[Input(4)]
[Dense(12, Activation.ReLU)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class WideRowPairsSingle { }

[Network(Precision = Precision.Double)]
[Input(4)]
[Dense(6, Activation.Sigmoid)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class WideRowSumsDouble { }

// Wide hidden float layers with rows of one to three inputs: their z come a vector of units at a
// time from W's columns times the inputs, where Vector<T> is 256 bits (two blocks of eight from two
// inputs; from three inputs a block of eight, its columns picked from three vectors, and one of four).
[Network]
[Input(2)]
[Dense(16, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class WideColumnsSingle { }

[Network]
[Input(3)]
[Dense(12, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
[Loss(LossFunction.BinaryCrossEntropy)]
public partial class WideReluColumnsSingle { }

// A wide layer whose input arrives in a register from a narrower one: the sigmoid's padding lanes
// hold f(0) = 0.5, which the wide layer's cleared weights multiply to +0.
[Network]
[Input(4)]
[Dense(6, Activation.Sigmoid)]
[Dense(16, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class WideAfterNarrowSingle { }

// Small layers whose softmax has too many outputs to be written out: one example at a time on the
// runtime's SoftmaxTree, in batches the same tree in vector lanes. Six outputs, and the tree's
// edges: five (the fewest; one lane of the second quarter), thirteen (the high half read whole,
// one lane of the last quarter) and sixteen (every lane).
[Network]
[Input(6)]
[Dense(10, Activation.Tanh)]
[Dense(6, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class SixWaySoftmaxSingle { }

// A first layer on the kernels whose ten inputs are not whole vectors: Forward reads them where
// the caller keeps them (the last input vector, ending where the input ends, would span two stores
// of the copy in the state).
[Network]
[Input(10)]
[Dense(32, Activation.ReLU)]
[Dense(4, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class KernelInputTailSingle { }

[Network]
[Input(7)]
[Dense(9, Activation.Tanh)]
[Dense(5, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class FiveWaySoftmaxSingle { }

[Network]
[Input(5)]
[Dense(13, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class ThirteenWaySoftmaxSingle { }

[Network]
[Input(12)]
[Dense(16, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class SixteenWaySoftmaxSingle { }

// Softmaxes too wide for registers: SoftmaxTree a vector at a time, in batches SoftmaxLanes, the
// same tree. Seventeen outputs (one past the registers' sixteen: a last vector of one lane at 256
// bits), twenty-six (a letter classifier: the last vector of two lanes) and a hundred (thirteen
// vectors, the last of four lanes; a whole last quarter at 128 bits), all on written-out layers, and
// twenty-six after layers on the kernels.
[Network]
[Input(6)]
[Dense(10, Activation.Tanh)]
[Dense(17, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class SeventeenWaySoftmaxSingle { }

[Network]
[Input(9)]
[Dense(26, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class TwentySixWaySoftmaxSingle { }

[Network]
[Input(16)]
[Dense(32, Activation.ReLU)]
[Dense(26, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class LetterHeadOnKernelsSingle { }

[Network]
[Input(2)]
[Dense(100, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class HundredWaySoftmaxSingle { }

// Double softmaxes over more than four outputs: SoftmaxTree's double form, a vector at a time, in
// batches SoftmaxLanes, the same tree at every width.
[Network(Precision = Precision.Double)]
[Input(6)]
[Dense(10, Activation.Tanh)]
[Dense(6, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class SixWaySoftmaxDouble { }

[Network(Precision = Precision.Double)]
[Input(3)]
[Dense(21, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class TwentyOneWaySoftmaxDouble { }

// Double rows of 17 to 31 inputs with eight units or more run on the runtime's kernels (written out,
// they would be scalar sums): 18 inputs (four whole 256-bit vectors and two values) into twelve
// ReLU units, and 30 (seven and two) into eight tanh units, each then into a written-out softmax.
[Network(Precision = Precision.Double)]
[Input(18)]
[Dense(12, Activation.ReLU)]
[Dense(4, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class EighteenInputRowsDouble { }

[Network(Precision = Precision.Double)]
[Input(30)]
[Dense(8, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class ThirtyInputRowsDouble { }

// Double rows written out (more than four inputs, fewer than eight units or at most sixteen inputs),
// folded into one 256-bit vector first (lane k: inputs k, k + 4 …): 15 inputs (three whole vectors,
// the last keeps three) into five tanh units, a vector of units at a time, 16 (four whole vectors)
// into three ReLU units, and 31 (seven whole vectors, the last keeps three) into five tanh units.
[Network(Precision = Precision.Double)]
[Input(15)]
[Dense(5, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class FoldedRowsDouble { }

[Network(Precision = Precision.Double)]
[Input(16)]
[Dense(3, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
[Loss(LossFunction.BinaryCrossEntropy)]
public partial class SixteenFoldedRowsDouble { }

[Network(Precision = Precision.Double)]
[Input(31)]
[Dense(5, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class ThirtyOneFoldedRowsDouble { }

// Layers on the kernels whose one example runs the kernel's arithmetic written out where Vector<T>
// is 256 bits (rows of 8 to 40 floats, at most 1,024 weights): rows of 24 into
// ten sigmoid units (a block of eight rows and one of two; the padding lanes get f(0) = 0.5),
// two such layers in a row (16 ReLU units, then twelve: a block of eight and one of four), a
// last layer of nine outputs (a block of eight and one of one) into a softmax, the widest,
// 64 units of 16 inputs (eight blocks); rows with values past their whole vectors, added as the
// row's last vector: 20 inputs read from the caller's input, then 20 from the state (the last vector
// put together from the two stored around it), nine inputs (one whole vector and one value),
// rows of one vector (8 inputs, 33 units: four blocks and a row), rows of 31 from the caller's
// input, then of 33 from the state (four whole vectors and a value), into rows of 40 (five vectors),
// and five vectors of sigmoid units, activated by the loop over the stored z. In doubles (each row's
// vectors summed by Vector.Sum, then the values past them one by one): eight vectors of sigmoid
// units (the loop) and a last layer of ten outputs; the double networks of 16, 18 and 30 inputs
// above run this way too.
[Network]
[Input(24)]
[Dense(10, Activation.Sigmoid)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class ThreeVectorKernelRowsSingle { }

[Network]
[Input(2)]
[Dense(16, Activation.Tanh)]
[Dense(16, Activation.ReLU)]
[Dense(12, Activation.Sigmoid)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class StackedKernelRowsSingle { }

[Network]
[Input(24)]
[Dense(9, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class KernelRowsHeadSingle { }

[Network]
[Input(16)]
[Dense(64, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class WidestKernelRowsSingle { }

[Network]
[Input(20)]
[Dense(20, Activation.Tanh)]
[Dense(17, Activation.Sigmoid)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class TailKernelRowsSingle { }

[Network]
[Input(9)]
[Dense(30, Activation.ReLU)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class NineInputKernelRowsSingle { }

[Network]
[Input(8)]
[Dense(33, Activation.Sigmoid)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class OneVectorKernelRowsSingle { }

[Network]
[Input(31)]
[Dense(33, Activation.Tanh)]
[Dense(40, Activation.ReLU)]
[Dense(25, Activation.Sigmoid)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class LongKernelRowsSingle { }

[Network]
[Input(8)]
[Dense(40, Activation.Sigmoid)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class SigmoidKernelRowsSingle { }

[Network(Precision = Precision.Double)]
[Input(12)]
[Dense(30, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
[Loss(LossFunction.BinaryCrossEntropy)]
public partial class SigmoidKernelRowsDouble { }

[Network(Precision = Precision.Double)]
[Input(16)]
[Dense(10, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class KernelRowsHeadDouble { }

// W2's shape: the second layer backpropagates a row at a time and hands the first its δ as one
// vector, whose rows of four inputs take their gradient two rows to a vector.
[Network]
[Input(4)]
[Dense(8, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class FourInputPairsSingle { }

// Large layers whose input is a whole number of 512-bit vectors (at least sixteen of floats where
// Vector<T> is 256 bits): on CPUs with full-speed AVX-512 the forward pass reads W on them, one
// example two rows at a time. An odd number of input vectors (304 floats, 24 doubles), an even one
// (256), an odd number of rows (33) and rows left after the batch kernel's blocks of four; then a
// layer of at least 32 rows of floats too short for that form (64 inputs), on Vector<T>.
[Network]
[Input(304)]
[Dense(34, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class RowsOn512Single { }

[Network]
[Input(256)]
[Dense(64, Activation.Tanh)]
[Dense(38, Activation.Sigmoid)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class RowsOn512DeepSingle { }

[Network(Precision = Precision.Double)]
[Input(24)]
[Dense(33, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class RowsOn512Double { }

// A first layer whose input is exactly one 256-bit vector (8 floats, 4 doubles): its dot products
// load the input as one vector instead of building it from the values.
[Network]
[Input(8)]
[Dense(6, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class VectorInputSingle { }

[Network(Precision = Precision.Double)]
[Input(4)]
[Dense(3, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class VectorInputDouble { }

// Small first layers of rows shorter than four inputs: z is b plus W's columns times the inputs,
// the columns picked from one (5 weights), two (12) or three (24) vectors of W; W1's shape (six
// units, padding lanes cleared), a full eight units, an identity layer, whose z is stored as one
// vector rather than handed on in a register, and ReLU units handed on to a layer of five inputs,
// which reads the whole register (AgreementTests: an infinite input that switches every unit off).
[Network]
[Input(1)]
[Dense(5, Activation.Sigmoid)]
[Dense(2)]
public partial class OneInputColumnSingle { }

[Network]
[Input(2)]
[Dense(6, Activation.Tanh)]
[Dense(2, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class TwoInputColumnsSingle { }

[Network]
[Input(3)]
[Dense(8, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class ThreeInputColumnsSingle { }

[Network]
[Input(2)]
[Dense(5)]
[Dense(3, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
[Loss(LossFunction.BinaryCrossEntropy)]
public partial class IdentityColumnsSingle { }

[Network]
[Input(2)]
[Dense(5, Activation.ReLU)]
[Dense(2)]
public partial class ReluColumnsSingle { }
