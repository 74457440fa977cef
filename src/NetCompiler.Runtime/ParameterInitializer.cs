using System;
using System.Globalization;

namespace NetCompiler;

/// <summary>
/// The deterministic initial parameters of a network, which generated constructors and the
/// <see cref="ReferenceInterpreter"/> use. Biases are 0. Weights are He-normal,
/// N(0, 2/fanIn), for layers whose activation is <see cref="Activation.ReLU"/> or
/// <see cref="Activation.LeakyReLU"/>, and Glorot (Xavier) uniform, U(−√(6/(fanIn + fanOut)),
/// +√(6/(fanIn + fanOut))), otherwise. Dense: fanIn = inputs, fanOut = units; convolution:
/// fanIn = inChannels·k², fanOut = filters·k². Each layer draws from its own stream derived from
/// (seed, layer index), so changing a later layer never changes an earlier layer's weights.
/// The values are bit-identical on every run, operating system and CPU.
/// </summary>
public static class ParameterInitializer
{
    /// <summary>Writes the initial parameters of <paramref name="spec"/> for <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> does not have <see cref="NetworkSpec.ParameterCount"/> values.</exception>
    public static void Initialize(NetworkSpec spec, int seed, Span<double> parameters)
    {
        ArgumentNullException.ThrowIfNull(spec);
        CheckLength(spec, parameters.Length);
        for (int layer = 0; layer < spec.Layers.Count; layer++)
        {
            int offset = spec.GetParameterOffset(layer);
            int weightCount = spec.GetWeightCount(layer);
            int biasCount = spec.GetBiasCount(layer);
            if (weightCount == 0)
            {
                continue; // pooling
            }

            GetFans(spec, layer, out double fanIn, out double fanOut);
            DeterministicRandom random = DeterministicRandom.ForStream(seed, layer);
            Activation activation = spec.Layers[layer].Activation;
            if (activation == Activation.ReLU || activation == Activation.LeakyReLU)
            {
                // He normal: w ~ N(0, σ²) with σ = √(2 / fanIn).
                double standardDeviation = Math.Sqrt(2.0 / fanIn);
                for (int i = 0; i < weightCount; i++)
                {
                    parameters[offset + i] = standardDeviation * random.NextNormal();
                }
            }
            else
            {
                // Glorot uniform: w ~ U(−r, r) with r = √(6 / (fanIn + fanOut)).
                double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
                for (int i = 0; i < weightCount; i++)
                {
                    parameters[offset + i] = limit * (2.0 * random.NextDouble() - 1.0);
                }
            }

            parameters.Slice(offset + weightCount, biasCount).Clear();
        }
    }

    /// <summary>
    /// Single-precision form: computes every value exactly as the <see cref="double"/> overload does,
    /// then rounds it to the nearest <see cref="float"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> does not have <see cref="NetworkSpec.ParameterCount"/> values.</exception>
    public static void Initialize(NetworkSpec spec, int seed, Span<float> parameters)
    {
        ArgumentNullException.ThrowIfNull(spec);
        CheckLength(spec, parameters.Length);
        var values = new double[spec.ParameterCount];
        Initialize(spec, seed, values);
        for (int i = 0; i < values.Length; i++)
        {
            parameters[i] = (float)values[i];
        }
    }

    private static void GetFans(NetworkSpec spec, int layer, out double fanIn, out double fanOut)
    {
        switch (spec.Layers[layer])
        {
            case DenseLayerSpec dense:
                fanIn = spec.Shapes[layer].Size;
                fanOut = dense.Units;
                break;
            case Conv2DLayerSpec conv:
                double kernelArea = (double)conv.KernelSize * conv.KernelSize;
                fanIn = spec.Shapes[layer].Channels * kernelArea;
                fanOut = conv.Filters * kernelArea;
                break;
            default:
                throw new NotSupportedException("Layer " + (layer + 1).ToString(CultureInfo.InvariantCulture) + " has weights but is neither dense nor a convolution.");
        }
    }

    private static void CheckLength(NetworkSpec spec, int length)
    {
        if (length != spec.ParameterCount)
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "The network has {0} parameters but the span has {1} values.", spec.ParameterCount, length),
                "parameters");
        }
    }
}
