using System;
using System.Numerics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using Xunit.Abstractions;

namespace NetCompiler.Tests.ActivationsTests;

/// <summary>
/// The measured error of exp, sigmoid and tanh (vector forms, which the scalar forms equal bit for
/// bit) against references in double, over dense grids through overflow, underflow and saturation.
/// The bounds asserted here are the ones the XML documentation states.
/// </summary>
public class ErrorBoundTests(ITestOutputHelper output)
{
    private static readonly Lazy<float[]> SingleGrid = new(() => Grids.Singles(110f));
    private static readonly Lazy<double[]> DoubleGrid = new(() => Grids.Doubles(760.0));

    /// <summary>
    /// Whether the kernels fuse their multiply-adds here (.NET 9+ on FMA3 or Arm64 hardware): the
    /// documented bounds are given for both cases.
    /// </summary>
    private static readonly bool Fused = Fma.IsSupported || AdvSimd.Arm64.IsSupported;

    [Fact]
    public void ExpSingleIsWithinItsBound() =>
        AssertSingle("Exp(float)", Activations.Exp, Math.Exp, maxUlp: 0.79);

    [Fact]
    public void ExpDoubleIsWithinOneUlpOfMathExp() =>
        AssertDouble("Exp(double)", Activations.Exp, Math.Exp, maxUlp: 1.0);

    [Fact]
    public void SigmoidSingleIsWithinItsBound() =>
        AssertSingle("Sigmoid(float)", Activations.Sigmoid, ExactSigmoid, maxUlp: 2.41);

    [Fact]
    public void SigmoidDoubleIsWithinItsBound() =>
        AssertDouble("Sigmoid(double)", Activations.Sigmoid, ExactSigmoid, maxUlp: Fused ? 2.0 : 3.0);

    [Fact]
    public void TanhSingleIsWithinItsBound() =>
        AssertSingle("Tanh(float)", Activations.Tanh, Math.Tanh, maxUlp: Fused ? 4.9 : 5.5);

    [Fact]
    public void TanhDoubleIsWithinTwoUlpOfMathTanh() =>
        AssertDouble("Tanh(double)", Activations.Tanh, Math.Tanh, maxUlp: 2.0);

    /// <summary>
    /// σ(z) in double with the division compensated (error well under 0.5 ulp besides Math.Exp's own),
    /// so that it can judge a double implementation: 1/(1 + e) for z ≥ 0, e/(1 + e) below, e = e^−|z|.
    /// </summary>
    private static double ExactSigmoid(double z)
    {
        double e = Math.Exp(-Math.Abs(z));
        double sum = 1.0 + e;
        double sumLow = (1.0 - sum) + e;
        double numerator = z >= 0 ? 1.0 : e;
        double quotient = numerator / sum;
        double residual = Math.FusedMultiplyAdd(-quotient, sum, numerator) - (quotient * sumLow);
        return quotient + (residual / sum);
    }

    private void AssertSingle(string name, Func<Vector<float>, Vector<float>> function, Func<double, double> reference, double maxUlp)
    {
        float[] grid = SingleGrid.Value;
        double worst = 0;
        float worstAt = 0;
        var lanes = new float[Vector<float>.Count];
        for (int start = 0; start < grid.Length; start += Vector<float>.Count)
        {
            int count = Math.Min(Vector<float>.Count, grid.Length - start);
            Array.Clear(lanes);
            grid.AsSpan(start, count).CopyTo(lanes);
            Vector<float> result = function(new Vector<float>(lanes));
            for (int lane = 0; lane < count; lane++)
            {
                double error = Ulp.Error(result[lane], reference(lanes[lane]));
                Assert.False(float.IsNaN(result[lane]) && !float.IsNaN(lanes[lane]), $"{name}({lanes[lane]:R}) is NaN");
                if (error > worst)
                {
                    (worst, worstAt) = (error, lanes[lane]);
                }
            }
        }

        output.WriteLine($"{name}: max error {worst:F3} ulp at {worstAt:R} over {grid.Length} values");
        Assert.True(worst <= maxUlp, $"{name}: {worst} ulp at {worstAt:R} exceeds {maxUlp}");
    }

    private void AssertDouble(string name, Func<Vector<double>, Vector<double>> function, Func<double, double> reference, double maxUlp)
    {
        double[] grid = DoubleGrid.Value;
        double worst = 0;
        double worstAt = 0;
        var lanes = new double[Vector<double>.Count];
        for (int start = 0; start < grid.Length; start += Vector<double>.Count)
        {
            int count = Math.Min(Vector<double>.Count, grid.Length - start);
            Array.Clear(lanes);
            grid.AsSpan(start, count).CopyTo(lanes);
            Vector<double> result = function(new Vector<double>(lanes));
            for (int lane = 0; lane < count; lane++)
            {
                double error = Ulp.Error(result[lane], reference(lanes[lane]));
                Assert.False(double.IsNaN(result[lane]) && !double.IsNaN(lanes[lane]), $"{name}({lanes[lane]:R}) is NaN");
                if (error > worst)
                {
                    (worst, worstAt) = (error, lanes[lane]);
                }
            }
        }

        output.WriteLine($"{name}: max error {worst:F3} ulp at {worstAt:R} over {grid.Length} values");
        Assert.True(worst <= maxUlp, $"{name}: {worst} ulp at {worstAt:R} exceeds {maxUlp}");
    }
}
