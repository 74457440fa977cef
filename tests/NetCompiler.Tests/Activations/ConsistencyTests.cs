using System;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace NetCompiler.Tests.ActivationsTests;

/// <summary>
/// The scalar form of every function gives the same bits as the vector form's lane, and the span
/// forms give the scalar form's value for every element, in place or not, for every length.
/// </summary>
public class ConsistencyTests
{
    private static readonly Lazy<float[]> SingleGrid = new(() => Grids.Singles(110f));
    private static readonly Lazy<double[]> DoubleGrid = new(() => Grids.Doubles(760.0));

    public static TheoryData<string> Functions => ["Exp", "Sigmoid", "Tanh", "ReLU", "LeakyReLU", "Step",
        "SigmoidDerivativeFromOutput", "TanhDerivativeFromOutput", "ReLUDerivativeFromOutput", "LeakyReLUDerivativeFromOutput"];

    [Theory]
    [MemberData(nameof(Functions))]
    public void ScalarSingleEqualsVectorLaneBitForBit(string function)
    {
        (Func<float, float> scalar, Func<Vector<float>, Vector<float>> vector) = SingleFunction(function);
        float[] grid = SingleGrid.Value;
        var lanes = new float[Vector<float>.Count];
        for (int start = 0; start + lanes.Length <= grid.Length; start += lanes.Length)
        {
            grid.AsSpan(start, lanes.Length).CopyTo(lanes);
            Vector<float> result = vector(new Vector<float>(lanes));
            for (int lane = 0; lane < lanes.Length; lane++)
            {
                float expected = scalar(lanes[lane]);
                if (!(float.IsNaN(expected) && float.IsNaN(result[lane])))
                {
                    Assert.True(
                        BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(result[lane]),
                        $"{function}({lanes[lane]:R}): scalar {expected:R}, lane {lane} {result[lane]:R}");
                }
            }
        }
    }

    /// <summary>Tanh on a 128-bit vector (a small layer's) gives the scalar form's bits in every lane.</summary>
    [Fact]
    public void TanhOnA128BitVectorEqualsTheScalarInEveryLane()
    {
        float[] grid = SingleGrid.Value;
        for (int start = 0; start + 4 <= grid.Length; start += 4)
        {
            Vector128<float> result = Activations.Tanh(Vector128.Create(grid.AsSpan(start, 4)));
            for (int lane = 0; lane < 4; lane++)
            {
                float expected = Activations.Tanh(grid[start + lane]);
                Assert.True(
                    BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(result[lane]) || (float.IsNaN(expected) && float.IsNaN(result[lane])),
                    $"Tanh({grid[start + lane]:R}): scalar {expected:R}, lane {lane} {result[lane]:R}");
            }
        }
    }

    /// <summary>
    /// ExpOfNonPositive leaves out only the clamp from above, so it gives Exp's bits for every argument
    /// up to that clamp's limit (105 for float, 760 for double): the grids' negative and small positive
    /// values, subnormals, ±0, −∞ and NaN. (Clamping from above too, or from below at another limit,
    /// changes bits here.)
    /// </summary>
    [Fact]
    public void ExpOfNonPositiveEqualsExpUpToTheClampLimit()
    {
        AssertSameBitsInEveryLane(Array.FindAll(SingleGrid.Value, x => !(x > 105f)), Activations.Exp, Activations.ExpOfNonPositive);
        AssertSameBitsInEveryLane(Array.FindAll(DoubleGrid.Value, x => !(x > 760.0)), Activations.Exp, Activations.ExpOfNonPositive);
    }

    /// <summary><paramref name="actual"/> gives <paramref name="expected"/>'s bits in every lane for every value (any NaN for a NaN).</summary>
    private static void AssertSameBitsInEveryLane<T>(T[] values, Func<Vector<T>, Vector<T>> expected, Func<Vector<T>, Vector<T>> actual)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        var lanes = new T[Vector<T>.Count];
        for (int start = 0; start + lanes.Length <= values.Length; start += lanes.Length)
        {
            values.AsSpan(start, lanes.Length).CopyTo(lanes);
            var x = new Vector<T>(lanes);
            Vector<T> wanted = expected(x), got = actual(x);
            for (int lane = 0; lane < lanes.Length; lane++)
            {
                Assert.True(
                    (T.IsNaN(wanted[lane]) && T.IsNaN(got[lane])) || (wanted[lane] == got[lane] && T.IsNegative(wanted[lane]) == T.IsNegative(got[lane])),
                    $"{lanes[lane]:R}: {got[lane]:R}, expected {wanted[lane]:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void ScalarDoubleEqualsVectorLaneBitForBit(string function)
    {
        (Func<double, double> scalar, Func<Vector<double>, Vector<double>> vector) = DoubleFunction(function);
        double[] grid = DoubleGrid.Value;
        var lanes = new double[Vector<double>.Count];
        for (int start = 0; start + lanes.Length <= grid.Length; start += lanes.Length)
        {
            grid.AsSpan(start, lanes.Length).CopyTo(lanes);
            Vector<double> result = vector(new Vector<double>(lanes));
            for (int lane = 0; lane < lanes.Length; lane++)
            {
                double expected = scalar(lanes[lane]);
                if (!(double.IsNaN(expected) && double.IsNaN(result[lane])))
                {
                    Assert.True(
                        BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(result[lane]),
                        $"{function}({lanes[lane]:R}): scalar {expected:R}, lane {lane} {result[lane]:R}");
                }
            }
        }
    }

    public static TheoryData<Activation> ElementwiseActivations =>
        [Activation.Identity, Activation.Sigmoid, Activation.Tanh, Activation.ReLU, Activation.LeakyReLU, Activation.Step];

    [Theory]
    [MemberData(nameof(ElementwiseActivations))]
    public void ApplySingleEqualsScalarForEveryLengthAndInPlace(Activation activation)
    {
        Func<float, float> scalar = activation == Activation.Identity ? x => x : SingleFunction(activation.ToString()).Scalar;
        var random = new Random(7);
        for (int length = 0; length <= (3 * Vector<float>.Count) + 3; length++)
        {
            float[] z = new float[length];
            for (int i = 0; i < length; i++)
            {
                z[i] = (float)((random.NextDouble() - 0.5) * 40);
            }

            float[] a = new float[length];
            Activations.Apply(activation, z, a);
            float[] inPlace = (float[])z.Clone();
            Activations.Apply(activation, inPlace, inPlace);
            for (int i = 0; i < length; i++)
            {
                Assert.Equal(scalar(z[i]), a[i]);
                Assert.Equal(a[i], inPlace[i]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(ElementwiseActivations))]
    public void ApplyDoubleEqualsScalarForEveryLengthAndInPlace(Activation activation)
    {
        Func<double, double> scalar = activation == Activation.Identity ? x => x : DoubleFunction(activation.ToString()).Scalar;
        var random = new Random(7);
        for (int length = 0; length <= (3 * Vector<double>.Count) + 3; length++)
        {
            double[] z = new double[length];
            for (int i = 0; i < length; i++)
            {
                z[i] = (random.NextDouble() - 0.5) * 80;
            }

            double[] a = new double[length];
            Activations.Apply(activation, z, a);
            double[] inPlace = (double[])z.Clone();
            Activations.Apply(activation, inPlace, inPlace);
            for (int i = 0; i < length; i++)
            {
                Assert.Equal(scalar(z[i]), a[i]);
                Assert.Equal(a[i], inPlace[i]);
            }
        }
    }

    private static (Func<float, float> Scalar, Func<Vector<float>, Vector<float>> Vector) SingleFunction(string name) => name switch
    {
        "Exp" => (Activations.Exp, Activations.Exp),
        "Sigmoid" => (Activations.Sigmoid, Activations.Sigmoid),
        "Tanh" => (Activations.Tanh, Activations.Tanh),
        "ReLU" => (Activations.ReLU, Activations.ReLU),
        "LeakyReLU" => (Activations.LeakyReLU, Activations.LeakyReLU),
        "Step" => (Activations.Step, Activations.Step),
        "SigmoidDerivativeFromOutput" => (Activations.SigmoidDerivativeFromOutput, Activations.SigmoidDerivativeFromOutput),
        "TanhDerivativeFromOutput" => (Activations.TanhDerivativeFromOutput, Activations.TanhDerivativeFromOutput),
        "ReLUDerivativeFromOutput" => (Activations.ReLUDerivativeFromOutput, Activations.ReLUDerivativeFromOutput),
        "LeakyReLUDerivativeFromOutput" => (Activations.LeakyReLUDerivativeFromOutput, Activations.LeakyReLUDerivativeFromOutput),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static (Func<double, double> Scalar, Func<Vector<double>, Vector<double>> Vector) DoubleFunction(string name) => name switch
    {
        "Exp" => (Activations.Exp, Activations.Exp),
        "Sigmoid" => (Activations.Sigmoid, Activations.Sigmoid),
        "Tanh" => (Activations.Tanh, Activations.Tanh),
        "ReLU" => (Activations.ReLU, Activations.ReLU),
        "LeakyReLU" => (Activations.LeakyReLU, Activations.LeakyReLU),
        "Step" => (Activations.Step, Activations.Step),
        "SigmoidDerivativeFromOutput" => (Activations.SigmoidDerivativeFromOutput, Activations.SigmoidDerivativeFromOutput),
        "TanhDerivativeFromOutput" => (Activations.TanhDerivativeFromOutput, Activations.TanhDerivativeFromOutput),
        "ReLUDerivativeFromOutput" => (Activations.ReLUDerivativeFromOutput, Activations.ReLUDerivativeFromOutput),
        "LeakyReLUDerivativeFromOutput" => (Activations.LeakyReLUDerivativeFromOutput, Activations.LeakyReLUDerivativeFromOutput),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
