using System;

namespace NetCompiler.Tests.ActivationsTests;

public class SoftmaxTests
{
    [Fact]
    public void SoftmaxSumsToOneAndIsPositive()
    {
        var random = new Random(3);
        foreach (int length in new[] { 1, 2, 3, 7, 8, 9, 31, 100, 1000 })
        {
            float[] z = new float[length];
            double[] zd = new double[length];
            for (int i = 0; i < length; i++)
            {
                zd[i] = (random.NextDouble() - 0.5) * 60;
                z[i] = (float)zd[i];
            }

            float[] p = new float[length];
            double[] pd = new double[length];
            Activations.Softmax(z, p);
            Activations.Softmax(zd, pd);
            double sum = 0, sumd = 0;
            for (int i = 0; i < length; i++)
            {
                Assert.True(p[i] >= 0f && pd[i] >= 0.0);
                sum += p[i];
                sumd += pd[i];
            }

            Assert.Equal(1.0, sum, length * 1e-7);
            Assert.Equal(1.0, sumd, length * 1e-15);
        }
    }

    [Fact]
    public void SoftmaxIsStableForLargeInputsAndMatchesTheShiftedFormula()
    {
        float[] z = [1000f, 1001f, 1002f];
        float[] p = new float[3];
        Activations.Softmax(z, p);
        double denominator = Math.Exp(-2) + Math.Exp(-1) + 1;
        for (int i = 0; i < 3; i++)
        {
            Assert.False(float.IsNaN(p[i]));
            Assert.Equal(Math.Exp(z[i] - 1002.0) / denominator, p[i], 1e-7);
        }

        double[] zd = [1000.0, 1001.0, 1002.0];
        double[] pd = new double[3];
        Activations.Softmax(zd, pd);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(Math.Exp(zd[i] - 1002.0) / denominator, pd[i], 1e-15);
        }

        double[] negative = [-1000.0, -1001.0, -1002.0];
        Activations.Softmax(negative, pd);
        Assert.Equal(1.0 / denominator, pd[0], 1e-15);
    }

    [Fact]
    public void SoftmaxEqualsExpOfZMinusLogSumExp()
    {
        var random = new Random(5);
        double[] z = new double[37];
        float[] zf = new float[37];
        for (int i = 0; i < z.Length; i++)
        {
            z[i] = (random.NextDouble() - 0.5) * 20;
            zf[i] = (float)z[i];
        }

        double[] p = new double[z.Length];
        float[] pf = new float[z.Length];
        Activations.Softmax(z, p);
        Activations.Softmax(zf, pf);
        double lse = Activations.LogSumExp(z);
        float lsef = Activations.LogSumExp(zf);
        for (int i = 0; i < z.Length; i++)
        {
            double expected = Math.Exp(z[i] - lse);
            Assert.True(Math.Abs(p[i] - expected) <= 1e-13 * expected, $"{p[i]:R} vs {expected:R}");
            double expectedf = Math.Exp(zf[i] - (double)lsef);
            Assert.True(Math.Abs(pf[i] - expectedf) <= 1e-5 * expectedf, $"{pf[i]:R} vs {expectedf:R}");
        }
    }

    [Fact]
    public void LogSumExpIsStableAndMatchesTheDefinition()
    {
        Assert.Equal(1002 + Math.Log(Math.Exp(-2) + Math.Exp(-1) + 1), Activations.LogSumExp([1000.0, 1001.0, 1002.0]), 1e-12);
        Assert.Equal(-1000 + Math.Log(1 + Math.Exp(-1) + Math.Exp(-2)), Activations.LogSumExp([-1000.0, -1001.0, -1002.0]), 1e-12);
        Assert.Equal(1002 + Math.Log(Math.Exp(-2) + Math.Exp(-1) + 1), Activations.LogSumExp([1000f, 1001f, 1002f]), 1e-3);
        double[] z = [0.5, -1.25, 3, 2, 0, -7, 1.5, 0.25, 4, -2];
        double sum = 0;
        foreach (double v in z)
        {
            sum += Math.Exp(v);
        }

        Assert.Equal(Math.Log(sum), Activations.LogSumExp(z), 1e-14);
        Assert.Equal(double.NegativeInfinity, Activations.LogSumExp(ReadOnlySpan<double>.Empty));
        Assert.Equal(float.PositiveInfinity, Activations.LogSumExp([1f, float.PositiveInfinity]));
        Assert.True(double.IsNaN(Activations.LogSumExp([1.0, double.NaN, 2.0])));
    }

    [Fact]
    public void SoftmaxInPlaceAndThroughApplyAgree()
    {
        float[] z = new float[21];
        for (int i = 0; i < z.Length; i++)
        {
            z[i] = MathF.Sin(i) * 5;
        }

        float[] p = new float[z.Length];
        Activations.Softmax(z, p);
        float[] applied = new float[z.Length];
        Activations.Apply(Activation.Softmax, z, applied);
        Activations.Apply(Activation.Softmax, z, z);
        Assert.Equal(p, applied);
        Assert.Equal(p, z);
    }
}
