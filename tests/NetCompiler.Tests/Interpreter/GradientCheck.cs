using System;
using System.Collections.Generic;

namespace NetCompiler.Tests.Interpreter;

/// <summary>
/// Central finite differences, written here independently of the interpreter's own backward pass:
/// ∂f/∂θᵢ ≈ (f(θ + h eᵢ) − f(θ − h eᵢ)) / 2h.
/// </summary>
internal static class GradientCheck
{
    public const double Step = 1e-5;

    /// <summary>
    /// |a − b| / max(|a|, |b|, floor): the floor (10⁻³·max(1, |f|)) keeps rounding residues around an
    /// exact zero from counting as large relative errors.
    /// </summary>
    public static double RelativeError(double a, double b, double floor) =>
        Math.Abs(a - b) / Math.Max(Math.Max(Math.Abs(a), Math.Abs(b)), floor);

    /// <summary>Random values uniform in [min, max), from a seeded System.Random (tests only).</summary>
    public static double[] RandomVector(Random random, int length, double min = -1, double max = 1)
    {
        var values = new double[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = min + (max - min) * random.NextDouble();
        }

        return values;
    }

    /// <summary>A target suited to the network's loss.</summary>
    public static double[] RandomTarget(Random random, NetworkSpec spec, bool normalized = true)
    {
        switch (spec.Loss)
        {
            case LossFunction.CrossEntropy:
                double[] p = RandomVector(random, spec.OutputSize, 0.1, 1);
                if (normalized)
                {
                    double sum = 0;
                    foreach (double value in p)
                    {
                        sum += value;
                    }

                    for (int k = 0; k < p.Length; k++)
                    {
                        p[k] /= sum;
                    }
                }

                return p;
            case LossFunction.BinaryCrossEntropy:
                return RandomVector(random, spec.OutputSize, 0, 1);
            default:
                return RandomVector(random, spec.OutputSize);
        }
    }

    /// <summary>
    /// Checks the parameter gradients of <see cref="ReferenceInterpreter.Backward(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    /// and the input and parameter gradients of <see cref="ReferenceInterpreter.Backpropagate"/> against
    /// finite differences, on <paramref name="examples"/> random examples. Returns the largest
    /// relative error, how many values were checked and how many of those were non-zero (a check of
    /// zeros against zeros proves little), and how many differences were skipped because θ ± h
    /// crossed a kink (a ReLU sign or a pooling maximum changing). The biases are set to random
    /// values in [0, 1] first, so that they matter and fewer ReLUs are dead.
    /// </summary>
    public static (double MaxError, int Checked, int NonZero, int Skipped) Check(NetworkSpec spec, int seed, int examples = 3, bool normalizedTargets = true)
    {
        var interpreter = new ReferenceInterpreter(spec, seed);
        var random = new Random(seed);
        for (int layer = 0; layer < spec.Layers.Count; layer++)
        {
            int biases = spec.GetParameterOffset(layer) + spec.GetWeightCount(layer);
            RandomVector(random, spec.GetBiasCount(layer), 0, 1).CopyTo(interpreter.Parameters[biases..]);
        }

        double maxError = 0;
        int checkedCount = 0;
        int nonZero = 0;
        int skipped = 0;

        void Record(double finiteDifference, double analytic, double scale, bool samePiece)
        {
            if (!samePiece)
            {
                skipped++;
                return;
            }

            checkedCount++;
            if (analytic != 0)
            {
                nonZero++;
            }

            maxError = Math.Max(maxError, RelativeError(finiteDifference, analytic, 1e-3 * Math.Max(1, Math.Abs(scale))));
        }

        for (int e = 0; e < examples; e++)
        {
            double[] x = RandomVector(random, spec.InputSize);
            double[] y = RandomTarget(random, spec, normalizedTargets);
            double[] g = RandomVector(random, spec.OutputSize);

            // 1. ∂J/∂θ from Backward against differences of Evaluate.
            interpreter.ZeroGradients();
            double loss = interpreter.Backward(x, y);
            double[] gradient = interpreter.Gradients.ToArray();
            Assert.Equal(loss, interpreter.Evaluate(x, y));
            ulong pattern = interpreter.ActivationPatternFingerprint();
            for (int i = 0; i < spec.ParameterCount; i++)
            {
                double original = interpreter.Parameters[i];
                interpreter.Parameters[i] = original + Step;
                double plus = interpreter.Evaluate(x, y);
                bool same = interpreter.ActivationPatternFingerprint() == pattern;
                interpreter.Parameters[i] = original - Step;
                double minus = interpreter.Evaluate(x, y);
                same &= interpreter.ActivationPatternFingerprint() == pattern;
                interpreter.Parameters[i] = original;
                Record((plus - minus) / (2 * Step), gradient[i], loss, same);
            }

            // 2. Backpropagate(g) gives ∂(g·h)/∂θ and ∂(g·h)/∂x, against differences of g·Forward.
            interpreter.ZeroGradients();
            double dot = Dot(interpreter, x, g);
            double[] inputGradient = new double[spec.InputSize];
            interpreter.Backpropagate(g, inputGradient);
            gradient = interpreter.Gradients.ToArray();
            pattern = interpreter.ActivationPatternFingerprint();
            for (int i = 0; i < spec.ParameterCount; i++)
            {
                double original = interpreter.Parameters[i];
                interpreter.Parameters[i] = original + Step;
                double plus = Dot(interpreter, x, g);
                bool same = interpreter.ActivationPatternFingerprint() == pattern;
                interpreter.Parameters[i] = original - Step;
                double minus = Dot(interpreter, x, g);
                same &= interpreter.ActivationPatternFingerprint() == pattern;
                interpreter.Parameters[i] = original;
                Record((plus - minus) / (2 * Step), gradient[i], dot, same);
            }

            for (int i = 0; i < spec.InputSize; i++)
            {
                double[] shifted = (double[])x.Clone();
                shifted[i] = x[i] + Step;
                double plus = Dot(interpreter, shifted, g);
                bool same = interpreter.ActivationPatternFingerprint() == pattern;
                shifted[i] = x[i] - Step;
                double minus = Dot(interpreter, shifted, g);
                same &= interpreter.ActivationPatternFingerprint() == pattern;
                Record((plus - minus) / (2 * Step), inputGradient[i], dot, same);
            }
        }

        return (maxError, checkedCount, nonZero, skipped);
    }

    private static double Dot(ReferenceInterpreter interpreter, double[] x, double[] g)
    {
        var output = new double[interpreter.Spec.OutputSize];
        interpreter.Forward(x, output);
        double sum = 0;
        for (int k = 0; k < output.Length; k++)
        {
            sum += g[k] * output[k];
        }

        return sum;
    }

    public static NetworkSpec Dense(int inputs, IEnumerable<LayerSpec> layers, LossFunction loss = LossFunction.MeanSquaredError) =>
        new(TensorShape.Vector(inputs), layers, loss);
}
