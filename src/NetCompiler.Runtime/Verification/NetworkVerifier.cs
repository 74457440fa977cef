using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;

namespace NetCompiler;

/// <summary>
/// Checks a generated network against the <see cref="ReferenceInterpreter"/> and against central
/// finite differences.
/// </summary>
public static class NetworkVerifier
{
    /// <summary>How many failures a report lists (all are counted).</summary>
    private const int MaxListedFailures = 10;

    /// <summary>At most this many parameters of each layer, and this many inputs, are checked against finite differences.</summary>
    private const int FiniteDifferenceValuesPerLayer = 64;

    /// <summary>Finite differences are taken on the first this-many samples.</summary>
    private const int FiniteDifferenceSamples = 4;

    /// <summary>
    /// Runs <paramref name="network"/> and a <see cref="ReferenceInterpreter"/> holding the same
    /// parameters on <paramref name="samples"/> seeded random examples — inputs uniform in [−1, 1];
    /// targets uniform in [−1, 1] for the mean squared error, a random probability vector for cross
    /// entropy, uniform in [0, 1] for binary cross entropy; output gradients uniform in [−1, 1] — and
    /// compares: the outputs of Forward (one example and the batch form); the loss, parameter
    /// gradients and example count of one-example Backward and of the batch form; the input and
    /// parameter gradients of Backpropagate; and, on the first four examples, the network's parameter
    /// gradients (from Backward) and input gradients (from Backpropagate) against central finite
    /// differences of the interpreter's <see cref="ReferenceInterpreter.Evaluate"/> and Forward in
    /// double (every parameter of a layer with at most 64, else a seeded random 64 of them, biases
    /// included; likewise at most 64 inputs). A network with a Step layer gets the Forward comparisons only.
    /// The tolerances depend on the precision: see <see cref="VerificationTolerances"/>.
    /// </summary>
    /// <remarks>
    /// The network is used, not only read: its <c>Parameters</c> are restored exactly afterwards
    /// (also when it throws), and its <c>Gradients</c> and <c>AccumulatedSamples</c> are cleared —
    /// gradients accumulated before the call are lost. Reading <c>Gradients</c> hands out writable memory,
    /// so a verified network with large dense layers no longer keeps its first example after a step
    /// pending (docs/architecture.md, "The pending example"): its one-example training runs at the
    /// speed of adding every gradient; verify a second instance with the same parameters to keep it.
    /// Layers are numbered from 1 in the report, as in
    /// <see cref="NetworkSpec"/>'s messages. For a struct network, a boxed copy is verified.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">The network implements neither <c>INetwork&lt;float&gt;</c> nor <c>INetwork&lt;double&gt;</c>.</exception>
    public static VerificationReport Verify<TNetwork>(TNetwork network, int samples = 16, int seed = 0)
        where TNetwork : INetwork
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        NetworkSpec spec = TNetwork.Spec ?? throw new ArgumentException(typeof(TNetwork).Name + ".Spec is null.", nameof(network));
        string name = typeof(TNetwork).Name;
        return network switch
        {
            INetwork<double> doubleNetwork => new Run<double>(doubleNetwork, spec, name, samples, seed, VerificationTolerances.Double).Execute(),
            INetwork<float> floatNetwork => new Run<float>(floatNetwork, spec, name, samples, seed, VerificationTolerances.Single).Execute(),
            _ => throw new ArgumentException(name + " implements neither INetwork<float> nor INetwork<double>.", nameof(network)),
        };
    }

    private enum Place
    {
        Output,
        Input,
        Parameter,
        Loss,
        Count,
    }

    /// <summary>One verification of one network, computing in <typeparamref name="T"/>.</summary>
    private sealed class Run<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly INetwork<T> _network;
        private readonly NetworkSpec _spec;
        private readonly string _name;
        private readonly int _samples;
        private readonly int _seed;
        private readonly VerificationTolerances _tolerances;
        private readonly ReferenceInterpreter _interpreter;

        private readonly DifferenceTally _outputs = new();
        private readonly DifferenceTally _losses = new();
        private readonly DifferenceTally _parameterGradients = new();
        private readonly DifferenceTally _inputGradients = new();
        private readonly DifferenceTally _finiteDifferences = new();
        private readonly List<VerificationFailure> _failures = new();
        private readonly List<string> _notes = new();
        private int _failureCount;
        private int _finiteDifferenceSkipped;

        // The examples, already rounded to T so that both sides see identical values.
        private double[][] _inputs = [];
        private double[][] _targets = [];
        private double[][] _outputGradients = [];

        // The network's gradients on the first examples, for the finite-difference check.
        private readonly List<double[]> _networkParameterGradients = new();
        private readonly List<double[]> _networkInputGradients = new();

        public Run(INetwork<T> network, NetworkSpec spec, string name, int samples, int seed, VerificationTolerances tolerances)
        {
            _network = network;
            _spec = spec;
            _name = name;
            _samples = samples;
            _seed = seed;
            _tolerances = tolerances;
            _interpreter = new ReferenceInterpreter(spec);
        }

        public VerificationReport Execute()
        {
            bool trainable = _spec.IsTrainable;
            int parameterCount = _network.Parameters.Length;
            int gradientCount = _network.Gradients.Length;
            if (parameterCount != _spec.ParameterCount || gradientCount != _spec.ParameterCount)
            {
                AddFailure("Parameters and Gradients lengths", "parameter block", -1, _spec.ParameterCount, parameterCount != _spec.ParameterCount ? parameterCount : gradientCount, double.PositiveInfinity);
                return Report(gradientsChecked: false);
            }

            T[] savedParameters = _network.Parameters.ToArray();
            try
            {
                for (int i = 0; i < savedParameters.Length; i++)
                {
                    _interpreter.Parameters[i] = double.CreateTruncating(savedParameters[i]);
                }

                _network.ZeroGradients();
                MakeExamples();
                for (int s = 0; s < _samples; s++)
                {
                    CompareForward(s);
                }

                CompareBatchForward();
                if (trainable)
                {
                    for (int s = 0; s < _samples; s++)
                    {
                        CompareBackward(s);
                        CompareBackpropagate(s);
                    }

                    CompareBatchBackward();
                    CheckFiniteDifferences();
                }
                else
                {
                    _notes.Add("the network has a Step layer and cannot be trained: only Forward was compared");
                }
            }
            finally
            {
                savedParameters.CopyTo(_network.Parameters);
                _network.ZeroGradients();
            }

            return Report(trainable);
        }

        private VerificationReport Report(bool gradientsChecked) =>
            new(_name, _spec, _samples, _tolerances, gradientsChecked, _outputs, _losses, _parameterGradients, _inputGradients, _finiteDifferences, _finiteDifferenceSkipped, _failures.AsReadOnly(), _failureCount, _notes.AsReadOnly());

        // ------------------------------------------------------------ examples

        private static double RoundToT(double value) => double.CreateTruncating(T.CreateTruncating(value));

        private void MakeExamples()
        {
            var random = DeterministicRandom.ForStream(_seed, 0x5EED);
            _inputs = new double[_samples][];
            _targets = new double[_samples][];
            _outputGradients = new double[_samples][];
            for (int s = 0; s < _samples; s++)
            {
                _inputs[s] = new double[_spec.InputSize];
                for (int i = 0; i < _inputs[s].Length; i++)
                {
                    _inputs[s][i] = RoundToT(random.NextDouble(-1, 1));
                }

                _targets[s] = new double[_spec.OutputSize];
                switch (_spec.Loss)
                {
                    case LossFunction.CrossEntropy:
                        // A random probability vector: positive values divided by their sum.
                        double sum = 0;
                        for (int k = 0; k < _targets[s].Length; k++)
                        {
                            _targets[s][k] = 0.05 + random.NextDouble();
                            sum += _targets[s][k];
                        }

                        for (int k = 0; k < _targets[s].Length; k++)
                        {
                            _targets[s][k] = RoundToT(_targets[s][k] / sum);
                        }

                        break;
                    case LossFunction.BinaryCrossEntropy:
                        for (int k = 0; k < _targets[s].Length; k++)
                        {
                            _targets[s][k] = RoundToT(random.NextDouble());
                        }

                        break;
                    default:
                        for (int k = 0; k < _targets[s].Length; k++)
                        {
                            _targets[s][k] = RoundToT(random.NextDouble(-1, 1));
                        }

                        break;
                }

                _outputGradients[s] = new double[_spec.OutputSize];
                for (int k = 0; k < _outputGradients[s].Length; k++)
                {
                    _outputGradients[s][k] = RoundToT(random.NextDouble(-1, 1));
                }
            }
        }

        private static T[] ToT(double[] values)
        {
            var result = new T[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                result[i] = T.CreateTruncating(values[i]);
            }

            return result;
        }

        private static T[] Concatenate(double[][] rows)
        {
            var all = new List<T>();
            foreach (double[] row in rows)
            {
                all.AddRange(ToT(row));
            }

            return all.ToArray();
        }

        // ------------------------------------------------------------ comparisons with the interpreter

        private void CompareForward(int s)
        {
            var output = new T[_spec.OutputSize];
            var expected = new double[_spec.OutputSize];
            _network.Forward(ToT(_inputs[s]), output);
            _interpreter.Forward(_inputs[s], expected);
            for (int k = 0; k < expected.Length; k++)
            {
                Compare(_outputs, "Forward output", Place.Output, k, s, expected[k], double.CreateTruncating(output[k]));
            }
        }

        private void CompareBatchForward()
        {
            var outputs = new T[_samples * _spec.OutputSize];
            var expected = new double[outputs.Length];
            _network.Forward(Concatenate(_inputs), outputs, _samples);
            double[] inputs = new double[_samples * _spec.InputSize];
            for (int s = 0; s < _samples; s++)
            {
                _inputs[s].CopyTo(inputs, s * _spec.InputSize);
            }

            _interpreter.Forward(inputs, expected, _samples);
            for (int i = 0; i < expected.Length; i++)
            {
                Compare(_outputs, "batch Forward output", Place.Output, i % _spec.OutputSize, i / _spec.OutputSize, expected[i], double.CreateTruncating(outputs[i]));
            }
        }

        private void CompareBackward(int s)
        {
            _network.ZeroGradients();
            _interpreter.ZeroGradients();
            double loss = double.CreateTruncating(_network.Backward(ToT(_inputs[s]), ToT(_targets[s])));
            double expectedLoss = _interpreter.Backward(_inputs[s], _targets[s]);
            Compare(_losses, "Backward loss", Place.Loss, 0, s, expectedLoss, loss);
            CompareCount("Backward", s, 1);
            double[] gradients = CompareParameterGradients("Backward parameter gradient", s);
            if (s < FiniteDifferenceSamples)
            {
                _networkParameterGradients.Add(gradients);
            }
        }

        private void CompareBackpropagate(int s)
        {
            _network.ZeroGradients();
            _interpreter.ZeroGradients();
            var output = new T[_spec.OutputSize];
            var inputGradient = new T[_spec.InputSize];
            _network.Forward(ToT(_inputs[s]), output);
            _network.Backpropagate(ToT(_outputGradients[s]), inputGradient);
            var expectedOutput = new double[_spec.OutputSize];
            var expectedInputGradient = new double[_spec.InputSize];
            _interpreter.Forward(_inputs[s], expectedOutput);
            _interpreter.Backpropagate(_outputGradients[s], expectedInputGradient);
            var actualInputGradient = new double[_spec.InputSize];
            for (int i = 0; i < expectedInputGradient.Length; i++)
            {
                actualInputGradient[i] = double.CreateTruncating(inputGradient[i]);
                Compare(_inputGradients, "Backpropagate input gradient", Place.Input, i, s, expectedInputGradient[i], actualInputGradient[i]);
            }

            CompareCount("Backpropagate", s, 1);
            CompareParameterGradients("Backpropagate parameter gradient", s);
            if (s < FiniteDifferenceSamples)
            {
                _networkInputGradients.Add(actualInputGradient);
            }
        }

        private void CompareBatchBackward()
        {
            _network.ZeroGradients();
            _interpreter.ZeroGradients();
            double loss = double.CreateTruncating(_network.Backward(Concatenate(_inputs), Concatenate(_targets), _samples));
            double[] inputs = new double[_samples * _spec.InputSize];
            double[] targets = new double[_samples * _spec.OutputSize];
            for (int s = 0; s < _samples; s++)
            {
                _inputs[s].CopyTo(inputs, s * _spec.InputSize);
                _targets[s].CopyTo(targets, s * _spec.OutputSize);
            }

            double expectedLoss = _interpreter.Backward(inputs, targets, _samples);
            Compare(_losses, "batch Backward summed loss", Place.Loss, 0, -1, expectedLoss, loss);
            CompareCount("batch Backward", -1, _samples);
            CompareParameterGradients("batch Backward parameter gradient", -1);
            _network.ZeroGradients();
            _interpreter.ZeroGradients();
        }

        private double[] CompareParameterGradients(string check, int s)
        {
            Span<T> actual = _network.Gradients;
            Span<double> expected = _interpreter.Gradients;
            var copy = new double[expected.Length];
            for (int i = 0; i < expected.Length; i++)
            {
                copy[i] = double.CreateTruncating(actual[i]);
                Compare(_parameterGradients, check, Place.Parameter, i, s, expected[i], copy[i]);
            }

            return copy;
        }

        private void CompareCount(string check, int s, int expected)
        {
            if (_network.AccumulatedSamples != expected)
            {
                AddFailure(check + " AccumulatedSamples", "example count", s, expected, _network.AccumulatedSamples, double.PositiveInfinity);
            }
        }

        private void Compare(DifferenceTally tally, string check, Place place, int index, int s, double expected, double actual)
        {
            double relative = VerificationTolerances.RelativeDifference(expected, actual, _tolerances.RelativeFloor);
            tally.Add(Math.Abs(expected - actual), relative);
            if (!(relative <= _tolerances.Interpreter))
            {
                AddFailure(check, Describe(place, index), s, expected, actual, relative);
            }
        }

        private void AddFailure(string check, string location, int s, double expected, double actual, double relative, double? tolerance = null)
        {
            _failureCount++;
            if (_failures.Count < MaxListedFailures)
            {
                _failures.Add(new VerificationFailure(check, location, s, expected, actual, relative, tolerance ?? _tolerances.Interpreter));
            }
        }

        // ------------------------------------------------------------ finite differences

        private void CheckFiniteDifferences()
        {
            var random = DeterministicRandom.ForStream(_seed, 0xFD);
            List<int> parameters = ChooseParameters(random, out bool parameterSubset);
            List<int> inputs = ChooseIndices(random, _spec.InputSize, FiniteDifferenceValuesPerLayer);
            int sampleCount = Math.Min(_samples, FiniteDifferenceSamples);
            _notes.Add(string.Format(
                CultureInfo.InvariantCulture,
                "finite differences on the first {0} sample(s): {1} of {2} parameters{3}, {4} of {5} inputs",
                sampleCount,
                parameters.Count,
                _spec.ParameterCount,
                parameterSubset ? " (a seeded random subset of at most " + FiniteDifferenceValuesPerLayer.ToString(CultureInfo.InvariantCulture) + " per layer)" : string.Empty,
                inputs.Count,
                _spec.InputSize));

            double h = _tolerances.FiniteDifferenceStep;
            Span<double> theta = _interpreter.Parameters;
            for (int s = 0; s < sampleCount; s++)
            {
                // ∂J/∂θᵢ ≈ (J(θ + h eᵢ) − J(θ − h eᵢ)) / 2h against the network's Backward gradient.
                double loss = _interpreter.Evaluate(_inputs[s], _targets[s]);
                ulong pattern = _interpreter.ActivationPatternFingerprint();
                double floor = _tolerances.RelativeFloor * Math.Max(1.0, Math.Abs(loss));
                foreach (int i in parameters)
                {
                    double original = theta[i];
                    double plus = original + h;
                    double minus = original - h;
                    theta[i] = plus;
                    double lossPlus = _interpreter.Evaluate(_inputs[s], _targets[s]);
                    bool samePiece = _interpreter.ActivationPatternFingerprint() == pattern;
                    theta[i] = minus;
                    double lossMinus = _interpreter.Evaluate(_inputs[s], _targets[s]);
                    samePiece &= _interpreter.ActivationPatternFingerprint() == pattern;
                    theta[i] = original;
                    CheckOne(samePiece, "finite-difference parameter gradient", Place.Parameter, i, s, (lossPlus - lossMinus) / (plus - minus), _networkParameterGradients[s][i], floor);
                }

                // ∂(g·h(x))/∂xᵢ by central differences against the network's Backpropagate input gradient.
                double value = OutputDot(_inputs[s], _outputGradients[s]);
                pattern = _interpreter.ActivationPatternFingerprint();
                floor = _tolerances.RelativeFloor * Math.Max(1.0, Math.Abs(value));
                double[] x = (double[])_inputs[s].Clone();
                foreach (int i in inputs)
                {
                    double original = x[i];
                    double plus = original + h;
                    double minus = original - h;
                    x[i] = plus;
                    double valuePlus = OutputDot(x, _outputGradients[s]);
                    bool samePiece = _interpreter.ActivationPatternFingerprint() == pattern;
                    x[i] = minus;
                    double valueMinus = OutputDot(x, _outputGradients[s]);
                    samePiece &= _interpreter.ActivationPatternFingerprint() == pattern;
                    x[i] = original;
                    CheckOne(samePiece, "finite-difference input gradient", Place.Input, i, s, (valuePlus - valueMinus) / (plus - minus), _networkInputGradients[s][i], floor);
                }
            }
        }

        private void CheckOne(bool samePiece, string check, Place place, int index, int s, double finiteDifference, double actual, double floor)
        {
            if (!samePiece)
            {
                _finiteDifferenceSkipped++; // θ ± h straddle a kink: no derivative to compare with
                return;
            }

            double relative = VerificationTolerances.RelativeDifference(finiteDifference, actual, floor);
            _finiteDifferences.Add(Math.Abs(finiteDifference - actual), relative);
            if (!(relative <= _tolerances.FiniteDifference))
            {
                AddFailure(check, Describe(place, index), s, finiteDifference, actual, relative, _tolerances.FiniteDifference);
            }
        }

        /// <summary>g·h(x), the function whose input gradient Backpropagate(g) computes.</summary>
        private double OutputDot(double[] x, double[] g)
        {
            var output = new double[_spec.OutputSize];
            _interpreter.Forward(x, output);
            double sum = 0;
            for (int k = 0; k < output.Length; k++)
            {
                sum += g[k] * output[k];
            }

            return sum;
        }

        private List<int> ChooseParameters(DeterministicRandom random, out bool subset)
        {
            subset = false;
            var chosen = new List<int>();
            for (int layer = 0; layer < _spec.Layers.Count; layer++)
            {
                int offset = _spec.GetParameterOffset(layer);
                int weights = _spec.GetWeightCount(layer);
                int biases = _spec.GetBiasCount(layer);
                if (weights + biases <= FiniteDifferenceValuesPerLayer)
                {
                    for (int i = 0; i < weights + biases; i++)
                    {
                        chosen.Add(offset + i);
                    }

                    continue;
                }

                subset = true;
                List<int> biasIndices = ChooseIndices(random, biases, 8);
                foreach (int i in ChooseIndices(random, weights, FiniteDifferenceValuesPerLayer - biasIndices.Count))
                {
                    chosen.Add(offset + i);
                }

                foreach (int i in biasIndices)
                {
                    chosen.Add(offset + weights + i);
                }
            }

            return chosen;
        }

        /// <summary>All of 0 … <paramref name="count"/> − 1 if there are at most <paramref name="limit"/>, else a seeded random <paramref name="limit"/> of them, in increasing order.</summary>
        private static List<int> ChooseIndices(DeterministicRandom random, int count, int limit)
        {
            var chosen = new SortedSet<int>();
            if (count <= limit)
            {
                for (int i = 0; i < count; i++)
                {
                    chosen.Add(i);
                }
            }
            else
            {
                while (chosen.Count < limit)
                {
                    chosen.Add(random.NextInt(count));
                }
            }

            return new List<int>(chosen);
        }

        // ------------------------------------------------------------ locations

        private string Describe(Place place, int index) =>
            place switch
            {
                Place.Output => "output " + DescribeTensor(_spec.OutputShape, index),
                Place.Input => "input " + DescribeTensor(_spec.InputShape, index),
                Place.Parameter => DescribeParameter(index),
                Place.Loss => "loss",
                _ => "example count",
            };

        private static string DescribeTensor(TensorShape shape, int index)
        {
            var culture = CultureInfo.InvariantCulture;
            if (!shape.IsImage)
            {
                return string.Format(culture, "[{0}]", index);
            }

            int x = index % shape.Width;
            int y = index / shape.Width % shape.Height;
            int c = index / (shape.Width * shape.Height);
            return string.Format(culture, "[{0}, {1}, {2}]", c, y, x);
        }

        /// <summary>"layer 2 weight [3, 1]" (dense [unit, input]; convolution [filter, channel, ky, kx]) or "layer 2 bias [3]".</summary>
        private string DescribeParameter(int index)
        {
            var culture = CultureInfo.InvariantCulture;
            for (int layer = _spec.Layers.Count - 1; layer >= 0; layer--)
            {
                int offset = _spec.GetParameterOffset(layer);
                int weights = _spec.GetWeightCount(layer);
                int biases = _spec.GetBiasCount(layer);
                if (index < offset || index >= offset + weights + biases)
                {
                    continue;
                }

                int local = index - offset;
                if (local >= weights)
                {
                    return string.Format(culture, "layer {0} bias [{1}]", layer + 1, local - weights);
                }

                switch (_spec.Layers[layer])
                {
                    case DenseLayerSpec:
                        int inputs = _spec.Shapes[layer].Size;
                        return string.Format(culture, "layer {0} weight [{1}, {2}]", layer + 1, local / inputs, local % inputs);
                    case Conv2DLayerSpec conv:
                        int k = conv.KernelSize;
                        int channels = _spec.Shapes[layer].Channels;
                        return string.Format(culture, "layer {0} weight [{1}, {2}, {3}, {4}]", layer + 1, local / (channels * k * k), local / (k * k) % channels, local / k % k, local % k);
                }
            }

            return string.Format(culture, "parameter {0}", index);
        }
    }
}
