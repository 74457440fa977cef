using System;
using System.Globalization;
using NetCompiler.Shared;

namespace NetCompiler;

/// <summary>
/// Runs any <see cref="NetworkSpec"/> in plain scalar double-precision loops written straight from
/// the textbook formulas: forward pass, loss, backpropagation and gradient descent. It is the ground
/// truth that generated networks are checked against (see <c>NetworkVerifier</c>), so it favours
/// being obviously correct over being fast. Its members behave as those of <see cref="INetwork{T}"/>
/// with T = <see cref="double"/>.
/// </summary>
/// <remarks>
/// Notation: for layer l, aˡ is its input (a⁰ = x), zˡ its weighted input and aˡ⁺¹ = f(zˡ) its
/// output; δˡ = ∂J/∂zˡ. Parameters are laid out layer by layer: dense W [units, inputs] row-major
/// then b [units]; convolution W [filters, inChannels, k, k] then b [filters]; pooling has none.
/// Images are stored CHW, and a dense layer after an image reads it flat in that order.
/// An instance is not thread-safe.
/// </remarks>
public sealed class ReferenceInterpreter
{
    private readonly double[] _parameters;
    private readonly double[] _gradients;

    // _activations[l] = aˡ, the input of layer l; _activations[L] = the network's output.
    private readonly double[][] _activations;

    // _weightedInputs[l] = zˡ, the weighted input of layer l (for pooling: the pooled values).
    private readonly double[][] _weightedInputs;

    // _deltas[l] = δˡ = ∂J/∂zˡ.
    private readonly double[][] _deltas;

    // _inputGradients[l] = ∂J/∂aˡ, the gradient with respect to the input of layer l.
    private readonly double[][] _inputGradients;

    // ∂J/∂h for the mean squared error, h − y.
    private readonly double[] _outputGradient;

    private int _accumulatedSamples;

    /// <summary>Creates an interpreter whose parameters are <see cref="ParameterInitializer"/>'s for <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    public ReferenceInterpreter(NetworkSpec spec, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        _parameters = new double[spec.ParameterCount];
        _gradients = new double[spec.ParameterCount];
        ParameterInitializer.Initialize(spec, seed, _parameters);

        int layerCount = spec.Layers.Count;
        _activations = new double[layerCount + 1][];
        _weightedInputs = new double[layerCount][];
        _deltas = new double[layerCount][];
        _inputGradients = new double[layerCount][];
        _outputGradient = new double[spec.OutputSize];
        for (int l = 0; l <= layerCount; l++)
        {
            _activations[l] = new double[spec.Shapes[l].Size];
        }

        for (int l = 0; l < layerCount; l++)
        {
            _weightedInputs[l] = new double[spec.Shapes[l + 1].Size];
            _deltas[l] = new double[spec.Shapes[l + 1].Size];
            _inputGradients[l] = new double[spec.Shapes[l].Size];
        }
    }

    /// <summary>The network being interpreted.</summary>
    public NetworkSpec Spec { get; }

    /// <summary>Every weight and bias, one contiguous block, layer by layer (weights then biases).</summary>
    public Span<double> Parameters => _parameters;

    /// <summary>The accumulated ∂J/∂parameter, in the layout of <see cref="Parameters"/>.</summary>
    public Span<double> Gradients => _gradients;

    /// <summary>The number of examples whose gradients are accumulated, the m of the next <see cref="Step"/>.</summary>
    public int AccumulatedSamples => _accumulatedSamples;

    private int LastLayer => Spec.Layers.Count - 1;

    // ------------------------------------------------------------------ public members

    /// <summary>Runs the network on one input. Leaves the activations in place for <see cref="Backpropagate"/>.</summary>
    /// <exception cref="ArgumentException">A span has the wrong length; nothing is written.</exception>
    public void Forward(ReadOnlySpan<double> input, Span<double> output)
    {
        CheckLength(input.Length, Spec.InputSize, nameof(input));
        CheckLength(output.Length, Spec.OutputSize, nameof(output));
        RunForward(input);
        _activations[^1].CopyTo(output);
    }

    /// <summary>Runs <paramref name="count"/> inputs stored back to back; the same as the one-example form on each in order.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="ArgumentException">A span is not <paramref name="count"/> times the size of one example; nothing is written.</exception>
    public void Forward(ReadOnlySpan<double> inputs, Span<double> outputs, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        CheckLength(inputs.Length, (long)count * Spec.InputSize, nameof(inputs));
        CheckLength(outputs.Length, (long)count * Spec.OutputSize, nameof(outputs));
        int inputSize = Spec.InputSize;
        int outputSize = Spec.OutputSize;
        for (int n = 0; n < count; n++)
        {
            Forward(inputs.Slice(n * inputSize, inputSize), outputs.Slice(n * outputSize, outputSize));
        }
    }

    /// <summary>
    /// Forward pass, loss and backward pass on one example: adds ∂J/∂parameter to
    /// <see cref="Gradients"/>, counts the example and returns its loss J(W, b; x, y).
    /// </summary>
    /// <exception cref="ArgumentException">A span has the wrong length; nothing is written or counted.</exception>
    /// <exception cref="NotSupportedException">The network has a <see cref="Activation.Step"/> layer.</exception>
    public double Backward(ReadOnlySpan<double> input, ReadOnlySpan<double> target)
    {
        EnsureTrainable();
        CheckLength(input.Length, Spec.InputSize, nameof(input));
        CheckLength(target.Length, Spec.OutputSize, nameof(target));
        return BackwardOne(input, target);
    }

    /// <summary>
    /// <see cref="Backward(ReadOnlySpan{double}, ReadOnlySpan{double})"/> on <paramref name="count"/> examples
    /// stored back to back, in order; returns the summed loss and counts <paramref name="count"/> examples.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="ArgumentException">A span is not <paramref name="count"/> times the size of one example; nothing is written or counted.</exception>
    /// <exception cref="NotSupportedException">The network has a <see cref="Activation.Step"/> layer.</exception>
    public double Backward(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, int count)
    {
        EnsureTrainable();
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        CheckLength(inputs.Length, (long)count * Spec.InputSize, nameof(inputs));
        CheckLength(targets.Length, (long)count * Spec.OutputSize, nameof(targets));
        int inputSize = Spec.InputSize;
        int outputSize = Spec.OutputSize;
        double loss = 0;
        for (int n = 0; n < count; n++)
        {
            loss += BackwardOne(inputs.Slice(n * inputSize, inputSize), targets.Slice(n * outputSize, outputSize));
        }

        return loss;
    }

    /// <summary>
    /// The chain rule from a given g = ∂J/∂(output), through the activations of the last forward
    /// pass: δᴸ = g ⊙ f′(zᴸ) (for softmax, the Jacobian: δ = p ⊙ (g − p·g)); adds ∂J/∂parameter to
    /// <see cref="Gradients"/>, counts one example, and writes ∂J/∂(input) to
    /// <paramref name="inputGradient"/> unless it is empty.
    /// </summary>
    /// <exception cref="ArgumentException">A span has the wrong length; nothing is written or counted.</exception>
    /// <exception cref="NotSupportedException">The network has a <see cref="Activation.Step"/> layer.</exception>
    public void Backpropagate(ReadOnlySpan<double> outputGradient, Span<double> inputGradient)
    {
        EnsureTrainable();
        CheckLength(outputGradient.Length, Spec.OutputSize, nameof(outputGradient));
        if (!inputGradient.IsEmpty)
        {
            CheckLength(inputGradient.Length, Spec.InputSize, nameof(inputGradient));
        }

        OutputDeltaFromOutputGradient(outputGradient);
        BackpropagateDeltas();
        if (!inputGradient.IsEmpty)
        {
            _inputGradients[0].CopyTo(inputGradient);
        }

        _accumulatedSamples++;
    }

    /// <summary>
    /// Gradient descent on the accumulated examples, with m = max(<see cref="AccumulatedSamples"/>, 1),
    /// α = <paramref name="learningRate"/> and λ = <paramref name="weightDecay"/>:
    /// W := W − α[(1/m)ΔW + λW] and b := b − α(1/m)Δb (biases are not decayed); then clears the
    /// gradients and the count. Evaluated exactly as <c>w -= α * ((1.0 / m) * Δw + λ * w)</c> and
    /// <c>b -= α * ((1.0 / m) * Δb)</c>.
    /// </summary>
    /// <exception cref="NotSupportedException">The network has a <see cref="Activation.Step"/> layer.</exception>
    public void Step(double learningRate, double weightDecay = 0)
    {
        EnsureTrainable();
        double scale = 1.0 / Math.Max(_accumulatedSamples, 1);
        for (int layer = 0; layer < Spec.Layers.Count; layer++)
        {
            int offset = Spec.GetParameterOffset(layer);
            int weightCount = Spec.GetWeightCount(layer);
            int biasCount = Spec.GetBiasCount(layer);
            for (int i = offset; i < offset + weightCount; i++)
            {
                _parameters[i] -= learningRate * (scale * _gradients[i] + weightDecay * _parameters[i]);
            }

            for (int i = offset + weightCount; i < offset + weightCount + biasCount; i++)
            {
                _parameters[i] -= learningRate * (scale * _gradients[i]);
            }
        }

        ZeroGradients();
    }

    /// <summary>Clears the accumulated gradients and the example count.</summary>
    public void ZeroGradients()
    {
        Array.Clear(_gradients);
        _accumulatedSamples = 0;
    }

    /// <summary>
    /// Forward pass and loss J(W, b; x, y) of one example, touching no gradient and no count: the
    /// function that finite-difference checks differentiate. Like <see cref="Forward(ReadOnlySpan{double}, Span{double})"/>
    /// it leaves its activations in place. Works for networks with a Step layer too.
    /// </summary>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public double Evaluate(ReadOnlySpan<double> input, ReadOnlySpan<double> target)
    {
        CheckLength(input.Length, Spec.InputSize, nameof(input));
        CheckLength(target.Length, Spec.OutputSize, nameof(target));
        RunForward(input);
        return ComputeLoss(target);
    }

    /// <summary>
    /// A fingerprint of the piecewise-linear choices of the last forward pass: which ReLU/LeakyReLU
    /// units had z &gt; 0 and which input won each max-pooling window. Two points with the same
    /// fingerprint lie on the same smooth piece, so a finite difference between them is valid.
    /// </summary>
    internal ulong ActivationPatternFingerprint()
    {
        ulong hash = 14695981039346656037UL; // FNV-1a
        void Mix(int value)
        {
            hash ^= (uint)value;
            hash *= 1099511628211UL;
        }

        for (int l = 0; l < Spec.Layers.Count; l++)
        {
            LayerSpec layer = Spec.Layers[l];
            if (layer is MaxPool2DLayerSpec pool)
            {
                TensorShape inShape = Spec.Shapes[l];
                TensorShape outShape = Spec.Shapes[l + 1];
                for (int c = 0; c < outShape.Channels; c++)
                {
                    for (int oy = 0; oy < outShape.Height; oy++)
                    {
                        for (int ox = 0; ox < outShape.Width; ox++)
                        {
                            Mix(ArgMaxOfWindow(_activations[l], inShape, pool, c, oy, ox));
                        }
                    }
                }
            }
            else if (layer.Activation == Activation.ReLU || layer.Activation == Activation.LeakyReLU || layer.Activation == Activation.Step)
            {
                foreach (double z in _weightedInputs[l])
                {
                    Mix(z > 0 ? 1 : 0);
                }
            }
        }

        return hash;
    }

    // ------------------------------------------------------------------ forward pass

    private void RunForward(ReadOnlySpan<double> input)
    {
        input.CopyTo(_activations[0]);
        for (int l = 0; l < Spec.Layers.Count; l++)
        {
            double[] a = _activations[l];
            double[] z = _weightedInputs[l];
            switch (Spec.Layers[l])
            {
                case DenseLayerSpec dense:
                    DenseForward(l, dense, a, z);
                    break;
                case Conv2DLayerSpec conv:
                    ConvForward(l, conv, a, z);
                    break;
                case MaxPool2DLayerSpec pool:
                    PoolForward(l, pool, a, z);
                    break;
                default:
                    throw new NotSupportedException("Unknown layer kind " + Spec.Layers[l]);
            }

            Activate(Spec.Layers[l].Activation, z, _activations[l + 1]);
        }
    }

    /// <summary>Dense: zᵤ = Σᵢ Wᵤᵢ aᵢ + bᵤ.</summary>
    private void DenseForward(int l, DenseLayerSpec dense, double[] a, double[] z)
    {
        int inputs = a.Length;
        int weights = Spec.GetParameterOffset(l);
        int biases = weights + dense.Units * inputs;
        for (int u = 0; u < dense.Units; u++)
        {
            double sum = _parameters[biases + u];
            for (int i = 0; i < inputs; i++)
            {
                sum += _parameters[weights + u * inputs + i] * a[i];
            }

            z[u] = sum;
        }
    }

    /// <summary>
    /// Convolution (cross-correlation, as PyTorch): z[f, oy, ox] = b[f] + Σ_c Σ_ky Σ_kx
    /// W[f, c, ky, kx] · x[c, oy·s + ky − p, ox·s + kx − p], where x is zero outside the image.
    /// </summary>
    private void ConvForward(int l, Conv2DLayerSpec conv, double[] x, double[] z)
    {
        TensorShape inShape = Spec.Shapes[l];
        TensorShape outShape = Spec.Shapes[l + 1];
        int k = conv.KernelSize;
        int weights = Spec.GetParameterOffset(l);
        int biases = weights + conv.Filters * inShape.Channels * k * k;
        for (int f = 0; f < conv.Filters; f++)
        {
            for (int oy = 0; oy < outShape.Height; oy++)
            {
                for (int ox = 0; ox < outShape.Width; ox++)
                {
                    double sum = _parameters[biases + f];
                    for (int c = 0; c < inShape.Channels; c++)
                    {
                        for (int ky = 0; ky < k; ky++)
                        {
                            int iy = oy * conv.Stride + ky - conv.Padding;
                            if (iy < 0 || iy >= inShape.Height)
                            {
                                continue; // zero padding
                            }

                            for (int kx = 0; kx < k; kx++)
                            {
                                int ix = ox * conv.Stride + kx - conv.Padding;
                                if (ix < 0 || ix >= inShape.Width)
                                {
                                    continue; // zero padding
                                }

                                sum += _parameters[weights + ((f * inShape.Channels + c) * k + ky) * k + kx]
                                    * x[(c * inShape.Height + iy) * inShape.Width + ix];
                            }
                        }
                    }

                    z[(f * outShape.Height + oy) * outShape.Width + ox] = sum;
                }
            }
        }
    }

    /// <summary>Max pooling: z[c, oy, ox] = max over the window at (oy·s, ox·s) of channel c.</summary>
    private void PoolForward(int l, MaxPool2DLayerSpec pool, double[] x, double[] z)
    {
        TensorShape inShape = Spec.Shapes[l];
        TensorShape outShape = Spec.Shapes[l + 1];
        for (int c = 0; c < outShape.Channels; c++)
        {
            for (int oy = 0; oy < outShape.Height; oy++)
            {
                for (int ox = 0; ox < outShape.Width; ox++)
                {
                    z[(c * outShape.Height + oy) * outShape.Width + ox] = x[ArgMaxOfWindow(x, inShape, pool, c, oy, ox)];
                }
            }
        }
    }

    /// <summary>
    /// The flat index of the first maximal input of a pooling window in row-major window order
    /// (strict &gt;, so the earliest of equal values wins).
    /// </summary>
    private static int ArgMaxOfWindow(double[] x, TensorShape inShape, MaxPool2DLayerSpec pool, int c, int oy, int ox)
    {
        int best = -1;
        for (int wy = 0; wy < pool.Size; wy++)
        {
            for (int wx = 0; wx < pool.Size; wx++)
            {
                int index = (c * inShape.Height + oy * pool.Stride + wy) * inShape.Width + ox * pool.Stride + wx;
                if (best < 0 || x[index] > x[best])
                {
                    best = index;
                }
            }
        }

        return best;
    }

    /// <summary>a = f(z), elementwise, or over the whole layer for softmax.</summary>
    private static void Activate(Activation activation, double[] z, double[] a)
    {
        if (activation == Activation.Softmax)
        {
            // aₖ = e^(zₖ − max z) / Σⱼ e^(zⱼ − max z): subtracting the maximum changes nothing but avoids overflow.
            double max = double.NegativeInfinity;
            foreach (double value in z)
            {
                max = Math.Max(max, value);
            }

            double sum = 0;
            for (int k = 0; k < z.Length; k++)
            {
                a[k] = Math.Exp(z[k] - max);
                sum += a[k];
            }

            for (int k = 0; k < z.Length; k++)
            {
                a[k] /= sum;
            }

            return;
        }

        for (int i = 0; i < z.Length; i++)
        {
            a[i] = activation switch
            {
                Activation.Identity => z[i],
                Activation.Sigmoid => 1.0 / (1.0 + Math.Exp(-z[i])),        // σ(z) = 1 / (1 + e^−z)
                Activation.Tanh => Math.Tanh(z[i]),
                Activation.ReLU => z[i] > 0 ? z[i] : 0.0,                     // max(0, z)
                Activation.LeakyReLU => z[i] > 0 ? z[i] : NetworkRules.LeakyReLUSlope * z[i],
                Activation.Step => z[i] > 0 ? 1.0 : 0.0,                      // Heaviside
                _ => throw new NotSupportedException("Unknown activation " + activation),
            };
        }
    }

    /// <summary>f′(z) for the elementwise activations, from z and a = f(z).</summary>
    private static double Derivative(Activation activation, double z, double a) =>
        activation switch
        {
            Activation.Identity => 1.0,
            Activation.Sigmoid => a * (1.0 - a),   // σ′ = σ(1 − σ)
            Activation.Tanh => 1.0 - a * a,        // tanh′ = 1 − tanh²
            Activation.ReLU => z > 0 ? 1.0 : 0.0,
            Activation.LeakyReLU => z > 0 ? 1.0 : NetworkRules.LeakyReLUSlope,
            _ => throw new NotSupportedException("No elementwise derivative for " + activation),
        };

    // ------------------------------------------------------------------ loss

    private double ComputeLoss(ReadOnlySpan<double> y)
    {
        double[] z = _weightedInputs[LastLayer];
        double[] h = _activations[^1];
        double loss = 0;
        switch (Spec.Loss)
        {
            case LossFunction.CrossEntropy:
            {
                // J = −Σₖ yₖ log pₖ = −Σₖ yₖ (zₖ − logsumexp(z)), logsumexp(z) = m + log Σⱼ e^(zⱼ − m), m = max z.
                double max = double.NegativeInfinity;
                foreach (double value in z)
                {
                    max = Math.Max(max, value);
                }

                double sum = 0;
                foreach (double value in z)
                {
                    sum += Math.Exp(value - max);
                }

                double logSumExp = max + Math.Log(sum);
                for (int k = 0; k < z.Length; k++)
                {
                    loss -= y[k] * (z[k] - logSumExp);
                }

                break;
            }

            case LossFunction.BinaryCrossEntropy:
                // J = −Σ [y log σ(z) + (1 − y) log(1 − σ(z))] = Σ [max(z, 0) − z·y + log(1 + e^−|z|)].
                for (int k = 0; k < z.Length; k++)
                {
                    loss += Math.Max(z[k], 0.0) - z[k] * y[k] + Math.Log(1.0 + Math.Exp(-Math.Abs(z[k])));
                }

                break;

            default:
                // Mean squared error J = ½ Σ (h − y)².
                for (int k = 0; k < h.Length; k++)
                {
                    double difference = h[k] - y[k];
                    loss += 0.5 * difference * difference;
                }

                break;
        }

        return loss;
    }

    // ------------------------------------------------------------------ backward pass

    private double BackwardOne(ReadOnlySpan<double> input, ReadOnlySpan<double> target)
    {
        RunForward(input);
        double loss = ComputeLoss(target);
        double[] h = _activations[^1];
        double[] delta = _deltas[LastLayer];
        switch (Spec.Loss)
        {
            case LossFunction.CrossEntropy:
            {
                // δᴸ = p·(Σₖ yₖ) − y, which is p − y for targets that sum to 1.
                double targetSum = 0;
                foreach (double value in target)
                {
                    targetSum += value;
                }

                for (int k = 0; k < delta.Length; k++)
                {
                    delta[k] = h[k] * targetSum - target[k];
                }

                break;
            }

            case LossFunction.BinaryCrossEntropy:
                // δᴸ = σ(z) − y.
                for (int k = 0; k < delta.Length; k++)
                {
                    delta[k] = h[k] - target[k];
                }

                break;

            default:
            {
                // MSE: ∂J/∂h = h − y, then through the last activation.
                for (int k = 0; k < h.Length; k++)
                {
                    _outputGradient[k] = h[k] - target[k];
                }

                OutputDeltaFromOutputGradient(_outputGradient);
                break;
            }
        }

        BackpropagateDeltas();
        _accumulatedSamples++;
        return loss;
    }

    /// <summary>δᴸ from g = ∂J/∂h: g ⊙ f′(zᴸ), or for softmax Jᵀg = p ⊙ (g − p·g).</summary>
    private void OutputDeltaFromOutputGradient(ReadOnlySpan<double> g)
    {
        Activation activation = Spec.Layers[LastLayer].Activation;
        double[] z = _weightedInputs[LastLayer];
        double[] h = _activations[^1];
        double[] delta = _deltas[LastLayer];
        if (activation == Activation.Softmax)
        {
            // ∂pₖ/∂zⱼ = pₖ(1[k = j] − pⱼ), so δⱼ = Σₖ gₖ pₖ(1[k = j] − pⱼ) = pⱼ(gⱼ − p·g).
            double dot = 0;
            for (int k = 0; k < h.Length; k++)
            {
                dot += h[k] * g[k];
            }

            for (int j = 0; j < h.Length; j++)
            {
                delta[j] = h[j] * (g[j] - dot);
            }

            return;
        }

        for (int k = 0; k < h.Length; k++)
        {
            delta[k] = g[k] * Derivative(activation, z[k], h[k]);
        }
    }

    /// <summary>
    /// From δᴸ (already in place) down to the input: for each layer, ∇W += δ aᵀ and ∇b += δ into
    /// <see cref="Gradients"/>, ∂J/∂aˡ = Wᵀδˡ, and δˡ⁻¹ = ∂J/∂aˡ ⊙ f′(zˡ⁻¹).
    /// </summary>
    private void BackpropagateDeltas()
    {
        for (int l = LastLayer; l >= 0; l--)
        {
            double[] a = _activations[l];
            double[] delta = _deltas[l];
            double[] inputGradient = _inputGradients[l];
            Array.Clear(inputGradient);
            switch (Spec.Layers[l])
            {
                case DenseLayerSpec dense:
                    DenseBackward(l, dense, a, delta, inputGradient);
                    break;
                case Conv2DLayerSpec conv:
                    ConvBackward(l, conv, a, delta, inputGradient);
                    break;
                case MaxPool2DLayerSpec pool:
                    PoolBackward(l, pool, a, delta, inputGradient);
                    break;
            }

            if (l > 0)
            {
                // δˡ⁻¹ = ∂J/∂aˡ ⊙ f′(zˡ⁻¹); layer l − 1 is not softmax (softmax is last only).
                Activation previous = Spec.Layers[l - 1].Activation;
                double[] previousZ = _weightedInputs[l - 1];
                double[] previousDelta = _deltas[l - 1];
                for (int i = 0; i < previousDelta.Length; i++)
                {
                    previousDelta[i] = inputGradient[i] * Derivative(previous, previousZ[i], a[i]);
                }
            }
        }
    }

    /// <summary>Dense: ∇Wᵤᵢ += δᵤ aᵢ, ∇bᵤ += δᵤ, ∂J/∂aᵢ = Σᵤ Wᵤᵢ δᵤ.</summary>
    private void DenseBackward(int l, DenseLayerSpec dense, double[] a, double[] delta, double[] inputGradient)
    {
        int inputs = a.Length;
        int weights = Spec.GetParameterOffset(l);
        int biases = weights + dense.Units * inputs;
        for (int u = 0; u < dense.Units; u++)
        {
            for (int i = 0; i < inputs; i++)
            {
                _gradients[weights + u * inputs + i] += delta[u] * a[i];
                inputGradient[i] += _parameters[weights + u * inputs + i] * delta[u];
            }

            _gradients[biases + u] += delta[u];
        }
    }

    /// <summary>
    /// Convolution, for every output position (f, oy, ox) and every kernel tap (c, ky, kx) that
    /// falls inside the image at (iy, ix) = (oy·s + ky − p, ox·s + kx − p):
    /// ∇W[f, c, ky, kx] += δ[f, oy, ox]·x[c, iy, ix], ∂J/∂x[c, iy, ix] += W[f, c, ky, kx]·δ[f, oy, ox];
    /// and ∇b[f] += δ[f, oy, ox].
    /// </summary>
    private void ConvBackward(int l, Conv2DLayerSpec conv, double[] x, double[] delta, double[] inputGradient)
    {
        TensorShape inShape = Spec.Shapes[l];
        TensorShape outShape = Spec.Shapes[l + 1];
        int k = conv.KernelSize;
        int weights = Spec.GetParameterOffset(l);
        int biases = weights + conv.Filters * inShape.Channels * k * k;
        for (int f = 0; f < conv.Filters; f++)
        {
            for (int oy = 0; oy < outShape.Height; oy++)
            {
                for (int ox = 0; ox < outShape.Width; ox++)
                {
                    double d = delta[(f * outShape.Height + oy) * outShape.Width + ox];
                    _gradients[biases + f] += d;
                    for (int c = 0; c < inShape.Channels; c++)
                    {
                        for (int ky = 0; ky < k; ky++)
                        {
                            int iy = oy * conv.Stride + ky - conv.Padding;
                            if (iy < 0 || iy >= inShape.Height)
                            {
                                continue;
                            }

                            for (int kx = 0; kx < k; kx++)
                            {
                                int ix = ox * conv.Stride + kx - conv.Padding;
                                if (ix < 0 || ix >= inShape.Width)
                                {
                                    continue;
                                }

                                int w = weights + ((f * inShape.Channels + c) * k + ky) * k + kx;
                                int xi = (c * inShape.Height + iy) * inShape.Width + ix;
                                _gradients[w] += d * x[xi];
                                inputGradient[xi] += _parameters[w] * d;
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Max pooling: each window's δ goes to its first maximal input, accumulating (+=) where windows overlap.</summary>
    private void PoolBackward(int l, MaxPool2DLayerSpec pool, double[] x, double[] delta, double[] inputGradient)
    {
        TensorShape inShape = Spec.Shapes[l];
        TensorShape outShape = Spec.Shapes[l + 1];
        for (int c = 0; c < outShape.Channels; c++)
        {
            for (int oy = 0; oy < outShape.Height; oy++)
            {
                for (int ox = 0; ox < outShape.Width; ox++)
                {
                    inputGradient[ArgMaxOfWindow(x, inShape, pool, c, oy, ox)] += delta[(c * outShape.Height + oy) * outShape.Width + ox];
                }
            }
        }
    }

    // ------------------------------------------------------------------ checks

    private void EnsureTrainable()
    {
        if (!Spec.IsTrainable)
        {
            throw new NotSupportedException(
                "The network " + Spec + " has a Step layer and cannot be trained: the Heaviside step has zero derivative wherever it has one. Only Forward is available.");
        }
    }

    private static void CheckLength(int actual, long expected, string parameterName)
    {
        if (actual != expected)
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "Expected a span of {0} values but got {1}.", expected, actual),
                parameterName);
        }
    }
}
