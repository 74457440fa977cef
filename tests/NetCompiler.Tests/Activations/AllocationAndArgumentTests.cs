using System;

namespace NetCompiler.Tests.ActivationsTests;

public class AllocationAndArgumentTests
{
    private static readonly Activation[] AllActivations =
        [Activation.Identity, Activation.Sigmoid, Activation.Tanh, Activation.ReLU, Activation.LeakyReLU, Activation.Softmax, Activation.Step];

    [Fact]
    public void SpanFunctionsAllocateNothing()
    {
        float[] z = new float[203];
        double[] zd = new double[203];
        for (int i = 0; i < z.Length; i++)
        {
            zd[i] = Math.Sin(i) * 4;
            z[i] = (float)zd[i];
        }

        float[] a = new float[z.Length];
        double[] ad = new double[z.Length];
        Run(z, a, zd, ad, 10);
        AllocationRounds.AssertLastAllocatesNothing(() => Run(z, a, zd, ad, 1));
    }

    [Fact]
    public void LengthMismatchThrowsNamingTheParameterAndBothLengths()
    {
        var exception = Assert.Throws<ArgumentException>(() => Activations.Apply(Activation.Tanh, new float[5], new float[4]));
        Assert.Equal("a", exception.ParamName);
        Assert.Contains("5", exception.Message);
        Assert.Contains("4", exception.Message);
        exception = Assert.Throws<ArgumentException>(() => Activations.Softmax(new double[3], new double[7]));
        Assert.Equal("p", exception.ParamName);
        Assert.Contains("3", exception.Message);
        Assert.Contains("7", exception.Message);
        Assert.Throws<ArgumentException>(() => Activations.Apply(Activation.Sigmoid, new double[2], new double[3]));
        Assert.Throws<ArgumentException>(() => Activations.Softmax(new float[2], new float[1]));
    }

    [Fact]
    public void PartialOverlapThrowsAndNothingIsWritten()
    {
        float[] buffer = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
        var exception = Assert.Throws<ArgumentException>(() => Activations.Apply(Activation.ReLU, buffer.AsSpan(0, 10), buffer.AsSpan(1, 10)));
        Assert.Equal("a", exception.ParamName);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], buffer);
    }

    [Fact]
    public void UndefinedActivationThrows()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Activations.Apply((Activation)99, new float[1], new float[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Activations.Apply((Activation)(-1), new double[1], new double[1]));
    }

    private static void Run(float[] z, float[] a, double[] zd, double[] ad, int times)
    {
        for (int n = 0; n < times; n++)
        {
            foreach (Activation activation in AllActivations)
            {
                Activations.Apply(activation, z, a);
                Activations.Apply(activation, zd, ad);
            }

            Activations.Softmax(z, a);
            Activations.Softmax(zd, ad);
            Activations.LogSumExp(z);
            Activations.LogSumExp(zd);
        }
    }
}
