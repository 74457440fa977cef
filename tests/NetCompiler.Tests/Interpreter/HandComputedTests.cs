using System;

namespace NetCompiler.Tests.Interpreter;

/// <summary>Forward and backward values worked out by hand.</summary>
public class HandComputedTests
{
    /// <summary>
    /// The lecture's computational graph: Input(2) → Dense(1, Sigmoid), w = [2, −3], b = −3,
    /// x = [−1, −2]. z = 2·(−1) + (−3)(−2) − 3 = 1, so h = σ(1) ≈ 0.7311; the local gradient is
    /// σ(1)(1 − σ(1)) ≈ 0.1966 ≈ 0.2. With ∂J/∂h = 1: ∂J/∂x = w·0.1966 = [0.3932, −0.5898],
    /// ∂J/∂w = x·0.1966 = [−0.1966, −0.3932], ∂J/∂b = 0.1966.
    /// </summary>
    [Fact]
    public void LectureComputationalGraphExample()
    {
        var spec = new NetworkSpec(TensorShape.Vector(2), [new DenseLayerSpec(1, Activation.Sigmoid)]);
        var interpreter = new ReferenceInterpreter(spec);
        double[] parameters = [2, -3, -3];
        parameters.CopyTo(interpreter.Parameters);
        double[] output = new double[1];
        interpreter.Forward([-1, -2], output);

        double sigma = 1 / (1 + Math.Exp(-1));
        double local = sigma * (1 - sigma);
        Assert.Equal(0.7311, output[0], 4);
        Assert.Equal(sigma, output[0], 15);
        Assert.Equal(0.1966, local, 4);

        double[] inputGradient = new double[2];
        interpreter.Backpropagate([1], inputGradient);
        Assert.Equal(0.3932, inputGradient[0], 4);
        Assert.Equal(-0.5898, inputGradient[1], 4);
        Assert.Equal(-0.1966, interpreter.Gradients[0], 4);
        Assert.Equal(-0.3932, interpreter.Gradients[1], 4);
        Assert.Equal(0.1966, interpreter.Gradients[2], 4);
        Assert.Equal(2 * local, inputGradient[0], 15);
        Assert.Equal(-3 * local, inputGradient[1], 15);
        Assert.Equal(1, interpreter.AccumulatedSamples);
    }

    private static readonly double[] Image3x3 = [1, 2, 3, 4, 5, 6, 7, 8, 9];

    /// <summary>
    /// x = [[1,2,3],[4,5,6],[7,8,9]], W = [[1,2],[3,4]], b = 0.5, stride 1, no padding. Cross-correlation
    /// (no kernel flip): z[0,0] = 1·1 + 2·2 + 3·4 + 4·5 + 0.5 = 37.5, z[0,1] = 2 + 6 + 15 + 24 + 0.5 = 47.5,
    /// z[1,0] = 4 + 10 + 21 + 32 + 0.5 = 67.5, z[1,1] = 5 + 12 + 24 + 36 + 0.5 = 77.5. (A flipped
    /// convolution would give 23.5 first.)
    /// With ∂J/∂z = all ones: ∇W[ky,kx] = Σ x under that tap = [[12,16],[24,28]], ∇b = 4, and ∂J/∂x[i,j] = sum
    /// of the taps covering (i, j) = [[1,3,2],[4,10,6],[3,7,4]].
    /// </summary>
    [Fact]
    public void ConvolutionByHand()
    {
        var spec = new NetworkSpec(TensorShape.Image(1, 3, 3), [new Conv2DLayerSpec(1, 2)]);
        var interpreter = new ReferenceInterpreter(spec);
        double[] parameters = [1, 2, 3, 4, 0.5];
        parameters.CopyTo(interpreter.Parameters);
        double[] output = new double[4];
        interpreter.Forward(Image3x3, output);
        Assert.Equal([37.5, 47.5, 67.5, 77.5], output);

        double[] inputGradient = new double[9];
        interpreter.Backpropagate([1, 1, 1, 1], inputGradient);
        Assert.Equal([12, 16, 24, 28, 4], interpreter.Gradients.ToArray());
        Assert.Equal([1, 3, 2, 4, 10, 6, 3, 7, 4], inputGradient);

        // Only the top-left output: ∇W = the top-left 2×2 patch, ∂J/∂x = W placed top-left.
        interpreter.ZeroGradients();
        interpreter.Forward(Image3x3, output);
        interpreter.Backpropagate([1, 0, 0, 0], inputGradient);
        Assert.Equal([1, 2, 4, 5, 1], interpreter.Gradients.ToArray());
        Assert.Equal([1, 2, 0, 3, 4, 0, 0, 0, 0], inputGradient);
    }

    /// <summary>
    /// Same image, 3×3 kernel of ones, padding 1, stride 2: the padded image is 5×5 and the windows
    /// start at padded (0,0), (0,2), (2,0), (2,2), i.e. cover original rows/cols −1…1 and 1…3, so the
    /// outputs are 1+2+4+5 = 12, 2+3+5+6 = 16, 4+5+7+8 = 24, 5+6+8+9 = 28.
    /// </summary>
    [Fact]
    public void PaddedStridedConvolutionByHand()
    {
        var spec = new NetworkSpec(TensorShape.Image(1, 3, 3), [new Conv2DLayerSpec(1, 3, stride: 2, padding: 1)]);
        var interpreter = new ReferenceInterpreter(spec);
        interpreter.Parameters.Fill(1);
        interpreter.Parameters[^1] = 0; // bias
        double[] output = new double[4];
        interpreter.Forward(Image3x3, output);
        Assert.Equal([12, 16, 24, 28], output);
    }

    /// <summary>
    /// Two input channels and two filters: filter 0 = ones on channel 0 and zeros on channel 1,
    /// filter 1 = zeros on channel 0 and ones on channel 1, 1×1 kernels, biases 0 and 10. The output
    /// channel f is then input channel f plus its bias — checks the [filters, inChannels, k, k] layout.
    /// </summary>
    [Fact]
    public void ConvolutionWeightLayoutIsFiltersThenChannels()
    {
        var spec = new NetworkSpec(TensorShape.Image(2, 1, 2), [new Conv2DLayerSpec(2, 1)]);
        var interpreter = new ReferenceInterpreter(spec);
        double[] parameters = [1, 0, 0, 1, 0, 10]; // W[0,0], W[0,1], W[1,0], W[1,1], b[0], b[1]
        parameters.CopyTo(interpreter.Parameters);
        double[] output = new double[4];
        interpreter.Forward([1, 2, 3, 4], output);
        Assert.Equal([1, 2, 13, 14], output);
    }

    /// <summary>
    /// x = [[1,5,2],[3,4,9],[6,0,8]], MaxPool2D(2, stride 1): windows {1,5,3,4} → 5 at (0,1),
    /// {5,2,4,9} → 9 at (1,2), {3,4,6,0} → 6 at (2,0), {4,9,0,8} → 9 at (1,2). With ∂J/∂z = [1,2,3,4],
    /// ∂J/∂x(0,1) = 1, ∂J/∂x(2,0) = 3, and the overlapping windows both route to (1,2): 2 + 4 = 6.
    /// </summary>
    [Fact]
    public void OverlappingMaxPoolingByHand()
    {
        var spec = new NetworkSpec(TensorShape.Image(1, 3, 3), [new MaxPool2DLayerSpec(2, stride: 1)]);
        var interpreter = new ReferenceInterpreter(spec);
        Assert.Equal(0, spec.ParameterCount);
        double[] output = new double[4];
        interpreter.Forward([1, 5, 2, 3, 4, 9, 6, 0, 8], output);
        Assert.Equal([5, 9, 6, 9], output);

        double[] inputGradient = new double[9];
        interpreter.Backpropagate([1, 2, 3, 4], inputGradient);
        Assert.Equal([0, 1, 0, 0, 0, 6, 3, 0, 0], inputGradient);
    }

    /// <summary>Equal values in a window: the gradient goes to the first in row-major order (strict &gt;).</summary>
    [Fact]
    public void MaxPoolingTieGoesToFirstInRowMajorOrder()
    {
        var spec = new NetworkSpec(TensorShape.Image(2, 2, 2), [new MaxPool2DLayerSpec(2)]);
        var interpreter = new ReferenceInterpreter(spec);
        double[] output = new double[2];
        interpreter.Forward([7, 7, 7, 7, 1, 3, 3, 2], output);
        Assert.Equal([7, 3], output);
        double[] inputGradient = new double[8];
        interpreter.Backpropagate([1, 2], inputGradient);
        Assert.Equal([1, 0, 0, 0, 0, 2, 0, 0], inputGradient);
    }

    /// <summary>A dense layer after an image reads it flat in CHW order: weight i multiplies value i.</summary>
    [Fact]
    public void DenseAfterImageFlattensInChwOrder()
    {
        var spec = new NetworkSpec(TensorShape.Image(2, 1, 2), [new DenseLayerSpec(1)]);
        var interpreter = new ReferenceInterpreter(spec);
        double[] parameters = [1, 10, 100, 1000, 0];
        parameters.CopyTo(interpreter.Parameters);
        double[] output = new double[1];
        interpreter.Forward([1, 2, 3, 4], output); // channel 0 = [1, 2], channel 1 = [3, 4]
        Assert.Equal(4321, output[0]);
    }

    /// <summary>
    /// Losses and output deltas by hand on a single dense layer with W = 0, so z = b.
    /// MSE, identity: h = b = [1, −2], y = [0.5, 1]: J = ½(0.25 + 9) = 4.625, ∇b = h − y = [0.5, −3].
    /// Cross entropy: z = [0, ln 3] gives p = [¼, ¾]; y = [1, 0]: J = −log ¼ = ln 4, ∇b = p − y = [−¾, ¾].
    /// Binary cross entropy: z = [0, ln 3] gives a = [½, ¾]; y = [1, 0]: J = −ln ½ − ln ¼ = ln 8,
    /// ∇b = a − y = [−½, ¾].
    /// </summary>
    [Fact]
    public void LossesAndOutputDeltasByHand()
    {
        var mse = new ReferenceInterpreter(new NetworkSpec(TensorShape.Vector(1), [new DenseLayerSpec(2)]));
        mse.Parameters.Clear();
        mse.Parameters[2] = 1;
        mse.Parameters[3] = -2;
        Assert.Equal(4.625, mse.Backward([0.3], [0.5, 1]), 14);
        Assert.Equal([0.5, -3], mse.Gradients[2..].ToArray());

        var ce = new ReferenceInterpreter(new NetworkSpec(TensorShape.Vector(1), [new DenseLayerSpec(2, Activation.Softmax)], LossFunction.CrossEntropy));
        ce.Parameters.Clear();
        ce.Parameters[3] = Math.Log(3);
        Assert.Equal(Math.Log(4), ce.Backward([0.3], [1, 0]), 14);
        Assert.Equal(-0.75, ce.Gradients[2], 14);
        Assert.Equal(0.75, ce.Gradients[3], 14);

        var bce = new ReferenceInterpreter(new NetworkSpec(TensorShape.Vector(1), [new DenseLayerSpec(2, Activation.Sigmoid)], LossFunction.BinaryCrossEntropy));
        bce.Parameters.Clear();
        bce.Parameters[3] = Math.Log(3);
        Assert.Equal(Math.Log(8), bce.Backward([0.3], [1, 0]), 14);
        Assert.Equal(-0.5, bce.Gradients[2], 14);
        Assert.Equal(0.75, bce.Gradients[3], 14);
    }

    /// <summary>Cross entropy stays finite for huge logits (log-sum-exp): z = [1000, 0], y = [0, 1] gives J = 1000.</summary>
    [Fact]
    public void CrossEntropyIsStableForLargeLogits()
    {
        var ce = new ReferenceInterpreter(new NetworkSpec(TensorShape.Vector(1), [new DenseLayerSpec(2, Activation.Softmax)], LossFunction.CrossEntropy));
        ce.Parameters.Clear();
        ce.Parameters[2] = 1000;
        Assert.Equal(1000, ce.Backward([0], [0, 1]), 9);
        Assert.Equal(1, ce.Gradients[2], 12);
        Assert.Equal(-1, ce.Gradients[3], 12);
    }

    /// <summary>Step, ReLU and LeakyReLU forward values: f(−2), f(0), f(3).</summary>
    [Theory]
    [InlineData(Activation.Step, 0, 0, 1)]
    [InlineData(Activation.ReLU, 0, 0, 3)]
    [InlineData(Activation.LeakyReLU, -0.02, 0, 3)]
    [InlineData(Activation.Identity, -2, 0, 3)]
    public void PiecewiseActivations(Activation activation, double atMinusTwo, double atZero, double atThree)
    {
        var interpreter = new ReferenceInterpreter(new NetworkSpec(TensorShape.Vector(3), [new DenseLayerSpec(3, activation)]));
        double[] identity = [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0];
        identity.CopyTo(interpreter.Parameters);
        double[] output = new double[3];
        interpreter.Forward([-2, 0, 3], output);
        Assert.Equal([atMinusTwo, atZero, atThree], output);
    }
}
