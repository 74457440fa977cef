using ApprovalTests.Namers;

namespace NetCompiler.Generators.Tests;

/// <summary>
/// The generated code of dense networks, approved by review in Snapshots/. Each case covers a
/// path of the emitter: losses, precisions, the scalar and the vectorised layer code, the
/// untrainable Step network, and a network nested in a type in the global namespace.
/// </summary>
[UseApprovalSubdirectory("Snapshots")]
public class DenseSnapshotTests
{
    [Fact]
    public void Classify2D() => GeneratedSnapshot.Verify("""
        using NetCompiler;

        namespace Demo;

        [Network]
        [Input(2)]
        [Dense(6, Activation.Tanh)]
        [Dense(2, Activation.Tanh)]
        [Dense(2, Activation.Softmax)]
        [Loss(LossFunction.CrossEntropy)]
        public partial class Classify2D { }
        """);

    /// <summary>W2's shape: row sums on vectors, a row-at-a-time backward handing δ on as one vector, two rows of four to a gradient vector.</summary>
    [Fact]
    public void IrisClassifier() => GeneratedSnapshot.Verify("""
        using NetCompiler;

        namespace Demo;

        [Network]
        [Input(4)]
        [Dense(8, Activation.Tanh)]
        [Dense(3, Activation.Softmax)]
        [Loss(LossFunction.CrossEntropy)]
        public partial class IrisClassifier { }
        """);

    /// <summary>
    /// Sixteen inputs: a layer of sixteen units on the runtime's kernels (rows of whole vectors), then a
    /// written-out softmax layer whose rows of sixteen are folded into one vector each.
    /// </summary>
    [Fact]
    public void SixteenFeatureClassifier() => GeneratedSnapshot.Verify("""
        using NetCompiler;

        namespace Demo;

        [Network]
        [Input(16)]
        [Dense(16, Activation.Tanh)]
        [Dense(4, Activation.Softmax)]
        [Loss(LossFunction.CrossEntropy)]
        public partial class SixteenFeatureClassifier { }
        """);

    /// <summary>
    /// Twelve sensor readings into twelve tanh units and a value: rows of twelve inputs, each summed
    /// as its first vector plus its last (ending where the row ends, the lanes the first one holds
    /// cleared), on 256- and 128-bit vectors and written out in the same order; the batch kernels
    /// take a row of W per pass.
    /// </summary>
    [Fact]
    public void TwelveSensorValue() => GeneratedSnapshot.Verify("""
        using NetCompiler;

        namespace Demo;

        [Network]
        [Input(12)]
        [Dense(12, Activation.Tanh)]
        [Dense(1)]
        [Loss(LossFunction.MeanSquaredError)]
        public partial class TwelveSensorValue { }
        """);

    /// <summary>
    /// Eight features into eight tanh units and ten classes: the last layer, wider than one vector,
    /// sums its rows a vector of units at a time (its input in the register the tanh layer returns),
    /// each vector of z stored whole; the softmax over ten outputs is the runtime's.
    /// </summary>
    [Fact]
    public void TenClassHead() => GeneratedSnapshot.Verify("""
        using NetCompiler;

        namespace Demo;

        [Network]
        [Input(8)]
        [Dense(8, Activation.Tanh)]
        [Dense(10, Activation.Softmax)]
        [Loss(LossFunction.CrossEntropy)]
        public partial class TenClassHead { }
        """);

    /// <summary>
    /// Eight features into twenty-six letters: a softmax too wide to write out output by output, on
    /// the runtime's SoftmaxTree a vector at a time; the loss loops over the outputs in the same order,
    /// and the examples in lanes (the layer is small enough to be written out) call
    /// SoftmaxTree.SoftmaxLanes and SumOfShiftedExponentialsLanes, the same tree.
    /// </summary>
    [Fact]
    public void LetterClassifier() => GeneratedSnapshot.Verify("""
        using NetCompiler;

        namespace Demo;

        [Network]
        [Input(8)]
        [Dense(26, Activation.Softmax)]
        [Loss(LossFunction.CrossEntropy)]
        public partial class LetterClassifier { }
        """);

    /// <summary>
    /// A double layer on the runtime's kernels (twelve units of 18 inputs) whose one example runs the
    /// kernel's arithmetic written out: each row's four whole vectors by multiply-adds, summed by
    /// <c>Vector.Sum</c>, then its last two values one by one, plus b; z stored four units a vector,
    /// then the double tanh's loop (three vectors of it in line would be too much for the JIT's inlining).
    /// </summary>
    [Fact]
    public void DoubleSensorFusion() => GeneratedSnapshot.Verify("""
        using NetCompiler;

        namespace Demo;

        [Network(Precision = Precision.Double)]
        [Input(18)]
        [Dense(12, Activation.Tanh)]
        [Dense(3, Activation.Softmax)]
        [Loss(LossFunction.CrossEntropy)]
        public partial class DoubleSensorFusion { }
        """);

    /// <summary>
    /// A game's policy network: three layers on the runtime's kernels, the first with rows of ten
    /// inputs, which are not whole 512-bit vectors, so its training kernels take <c>Vector&lt;T&gt;</c>
    /// whatever the caller's width; the others with rows of 32. One example runs the kernel's
    /// arithmetic written out in every layer (a whole vector and the row's last a row, then four
    /// vectors a row), not inlined: together the layers have more than 256 weights.
    /// </summary>
    [Fact]
    public void GamePolicy() => GeneratedSnapshot.Verify("""
        using NetCompiler;

        namespace Demo;

        [Network]
        [Input(10)]
        [Dense(32, Activation.ReLU)]
        [Dense(32, Activation.ReLU)]
        [Dense(4, Activation.Softmax)]
        [Loss(LossFunction.CrossEntropy)]
        public partial class GamePolicy { }
        """);

    /// <summary>
    /// A hidden layer wider than one vector with rows of six inputs, written out: its z come two vectors
    /// of units from the rows' sums (<c>RowSums.OfOctets</c>) where <c>Vector&lt;T&gt;</c> is 256 bits,
    /// each activated and stored whole; the same tree of sums value by value elsewhere and in the lanes.
    /// </summary>
    [Fact]
    public void WideHiddenLayer() => GeneratedSnapshot.Verify("""
        using NetCompiler;

        namespace Demo;

        [Network]
        [Input(6)]
        [Dense(16, Activation.Tanh)]
        [Dense(3, Activation.Softmax)]
        [Loss(LossFunction.CrossEntropy)]
        public partial class WideHiddenLayer { }
        """);

    [Fact]
    public void DoublePrecisionRegression() => GeneratedSnapshot.Verify("""
        using NetCompiler;

        namespace Demo;

        [Network(Precision = Precision.Double)]
        [Input(3)]
        [Dense(8, Activation.LeakyReLU)]
        [Dense(1)]
        public partial class Regression { }
        """);

    [Fact]
    public void SigmoidBinaryCrossEntropy() => GeneratedSnapshot.Verify("""
        using NetCompiler;

        namespace Demo;

        [Network]
        [Input(4)]
        [Dense(5, Activation.ReLU)]
        [Dense(1, Activation.Sigmoid)]
        [Loss(LossFunction.BinaryCrossEntropy)]
        public partial class BinaryClassifier { }
        """);

    [Fact]
    public void VectorisedMnist() => GeneratedSnapshot.Verify("""
        using NetCompiler;

        namespace Demo;

        [Network]
        [Input(784)]
        [Dense(128, Activation.ReLU)]
        [Dense(10, Activation.Softmax)]
        [Loss(LossFunction.CrossEntropy)]
        public partial class Mnist { }
        """);

    [Fact]
    public void StepPerceptron() => GeneratedSnapshot.Verify("""
        using NetCompiler;

        namespace Demo;

        [Network]
        [Input(2)]
        [Dense(1, Activation.Step)]
        public partial class Perceptron { }
        """);

    [Fact]
    public void NestedInGlobalNamespace() => GeneratedSnapshot.Verify("""
        using NetCompiler;

        public static partial class Models
        {
            [Network]
            [Input(2)]
            [Dense(3, Activation.Sigmoid)]
            [Dense(2)]
            internal partial class Xor { }
        }
        """);
}
