using System;
using System.Numerics;

namespace NetCompiler.Tests.ActivationsTests;

/// <summary>Derivatives against central finite differences, and the from-output forms against the from-z forms.</summary>
public class DerivativeTests
{
    /// <summary>The step for the piecewise-linear units: a power of two, so z ± Kink is exact, under 10⁻³ (the nearest point to the kink).</summary>
    private const double Kink = 1.0 / 1024;

    private static readonly double[] Points = [-8, -3.5, -1.25, -0.5, -0.1, -1e-3, 1e-3, 0.1, 0.4, 0.5, 0.6, 1, 2.75, 6];

    [Fact]
    public void DoubleDerivativesMatchCentralDifferences()
    {
        const double h = 1e-5;
        foreach (double z in Points)
        {
            Assert.Equal(Difference(Activations.Sigmoid, z, h), Activations.SigmoidDerivative(z), 1e-9);
            Assert.Equal(Difference(Activations.Tanh, z, h), Activations.TanhDerivative(z), 1e-9);
            Assert.Equal(Difference(Activations.ReLU, z, Kink), Activations.ReLUDerivative(z), 1e-9);
            Assert.Equal(Difference(Activations.LeakyReLU, z, Kink), Activations.LeakyReLUDerivative(z), 1e-9);
            Assert.Equal(Difference(Activations.Step, z, Kink), Activations.StepDerivative(z), 1e-9);
        }
    }

    [Fact]
    public void SingleDerivativesMatchCentralDifferences()
    {
        const float h = 1e-2f;
        foreach (double point in Points)
        {
            float z = (float)point;
            Assert.Equal(Difference(Activations.Sigmoid, z, h), Activations.SigmoidDerivative(z), 1e-4);
            Assert.Equal(Difference(Activations.Tanh, z, h), Activations.TanhDerivative(z), 1e-4);
            Assert.Equal(Difference(Activations.ReLU, z, (float)Kink), Activations.ReLUDerivative(z), 1e-4);
            Assert.Equal(Difference(Activations.LeakyReLU, z, (float)Kink), Activations.LeakyReLUDerivative(z), 1e-4);
            Assert.Equal(Difference(Activations.Step, z, (float)Kink), Activations.StepDerivative(z), 1e-4);
        }
    }

    [Fact]
    public void FromOutputFormsEqualTheZFormsAtTheActivation()
    {
        for (double z = -12; z <= 12; z += 1.0 / 64)
        {
            Assert.Equal(Activations.SigmoidDerivative(z), Activations.SigmoidDerivativeFromOutput(Activations.Sigmoid(z)));
            Assert.Equal(Activations.TanhDerivative(z), Activations.TanhDerivativeFromOutput(Activations.Tanh(z)));
            Assert.Equal(Activations.ReLUDerivative(z), Activations.ReLUDerivativeFromOutput(Activations.ReLU(z)));
            Assert.Equal(Activations.LeakyReLUDerivative(z), Activations.LeakyReLUDerivativeFromOutput(Activations.LeakyReLU(z)));
            float zf = (float)z;
            Assert.Equal(Activations.SigmoidDerivative(zf), Activations.SigmoidDerivativeFromOutput(Activations.Sigmoid(zf)));
            Assert.Equal(Activations.TanhDerivative(zf), Activations.TanhDerivativeFromOutput(Activations.Tanh(zf)));
            Assert.Equal(Activations.ReLUDerivative(zf), Activations.ReLUDerivativeFromOutput(Activations.ReLU(zf)));
            Assert.Equal(Activations.LeakyReLUDerivative(zf), Activations.LeakyReLUDerivativeFromOutput(Activations.LeakyReLU(zf)));
        }
    }

    [Fact]
    public void VectorFromOutputFormsEqualTheScalarForms()
    {
        Vector<double> a = new(0.375);
        Assert.Equal(Activations.SigmoidDerivativeFromOutput(0.375), Activations.SigmoidDerivativeFromOutput(a)[0]);
        Assert.Equal(Activations.TanhDerivativeFromOutput(-0.375f), Activations.TanhDerivativeFromOutput(new Vector<float>(-0.375f))[0]);
        Assert.Equal(0.0, Activations.ReLUDerivativeFromOutput(Vector<double>.Zero)[0]);
        Assert.Equal(0.01f, Activations.LeakyReLUDerivativeFromOutput(new Vector<float>(-2f))[0]);
        Assert.Equal(1.0, Activations.LeakyReLUDerivativeFromOutput(a)[0]);
    }

    private static double Difference(Func<double, double> f, double z, double h) => (f(z + h) - f(z - h)) / (2 * h);

    private static double Difference(Func<float, float> f, float z, float h) => ((double)f(z + h) - f(z - h)) / (2.0 * h);
}
