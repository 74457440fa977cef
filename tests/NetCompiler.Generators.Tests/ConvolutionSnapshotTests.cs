using ApprovalTests.Namers;

namespace NetCompiler.Generators.Tests;

/// <summary>
/// The generated code of convolutional networks, approved by review in Snapshots/: the digits
/// network (padding, pooling, a dense layer over the flattened image), and a strided double one.
/// </summary>
[UseApprovalSubdirectory("Snapshots")]
public class ConvolutionSnapshotTests
{
    [Fact]
    public void DigitsNetwork() => GeneratedSnapshot.Verify("""
        using NetCompiler;

        namespace Demo;

        [Network]
        [Input(1, 8, 8)]
        [Conv2D(8, kernelSize: 3, Activation.ReLU, Padding = 1)]
        [MaxPool2D(2)]
        [Dense(10, Activation.Softmax)]
        [Loss(LossFunction.CrossEntropy)]
        public partial class DigitsNet { }
        """);

    [Fact]
    public void StridedDoubleNetwork() => GeneratedSnapshot.Verify("""
        using NetCompiler;

        namespace Demo;

        [Network(Precision = Precision.Double)]
        [Input(2, 7, 7)]
        [Conv2D(3, kernelSize: 3, Activation.Tanh, Stride = 2)]
        [MaxPool2D(2, Stride = 1)]
        [Dense(2, Activation.Sigmoid)]
        [Loss(LossFunction.BinaryCrossEntropy)]
        public partial class Strided { }
        """);
}
