using System;

namespace NetCompiler.Benchmarks.Implementations.Handwritten;

/// <summary>
/// A hand-written network as an application developer would structure it: a list of layers, a
/// softmax + cross-entropy output, and plain SGD. Mini-batches run example by example.
/// Everything is allocated in the constructor; no member allocates afterwards.
/// </summary>
public abstract class LayeredNetwork : IBenchmarkedNetwork
{
    private readonly Layer[] _layers;
    private readonly float[][] _outputs;        // _outputs[l] = y of layer l
    private readonly float[][] _outputGradients; // _outputGradients[l] = ∂J/∂y of layer l
    private int _accumulatedSamples;

    protected LayeredNetwork(Layer[] layers)
    {
        _layers = layers;
        _outputs = new float[layers.Length][];
        _outputGradients = new float[layers.Length][];
        for (int l = 0; l < layers.Length; l++)
        {
            _outputs[l] = new float[layers[l].OutputSize];
            _outputGradients[l] = new float[layers[l].OutputSize];
        }
    }

    public void LoadParameters(ReadOnlySpan<float> parameters)
    {
        foreach (Layer layer in _layers)
        {
            parameters[..layer.Weights.Length].CopyTo(layer.Weights);
            parameters = parameters[layer.Weights.Length..];
            parameters[..layer.Biases.Length].CopyTo(layer.Biases);
            parameters = parameters[layer.Biases.Length..];
        }
    }

    public void StoreParameters(Span<float> parameters)
    {
        foreach (Layer layer in _layers)
        {
            layer.Weights.CopyTo(parameters);
            parameters = parameters[layer.Weights.Length..];
            layer.Biases.CopyTo(parameters);
            parameters = parameters[layer.Biases.Length..];
        }
    }

    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        RunForward(input);
        _outputs[^1].CopyTo(output);
    }

    public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs, int count)
    {
        int inputSize = _layers[0].InputSize;
        int outputSize = _layers[^1].OutputSize;
        for (int n = 0; n < count; n++)
        {
            Forward(inputs.Slice(n * inputSize, inputSize), outputs.Slice(n * outputSize, outputSize));
        }
    }

    public float Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> target)
    {
        RunForward(input);
        int last = _layers.Length - 1;
        float loss = CrossEntropyDelta(_outputs[last], target, _outputGradients[last]);
        for (int l = last; l >= 0; l--)
        {
            ReadOnlySpan<float> x = l == 0 ? input : _outputs[l - 1];
            Span<float> dx = l == 0 ? Span<float>.Empty : _outputGradients[l - 1];
            _layers[l].Backward(x, _outputs[l], _outputGradients[l], dx);
        }

        _accumulatedSamples++;
        return loss;
    }

    public float Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count)
    {
        int inputSize = _layers[0].InputSize;
        int outputSize = _layers[^1].OutputSize;
        float loss = 0;
        for (int n = 0; n < count; n++)
        {
            loss += Backward(inputs.Slice(n * inputSize, inputSize), targets.Slice(n * outputSize, outputSize));
        }

        return loss;
    }

    public void Step(float learningRate)
    {
        float scale = learningRate / Math.Max(_accumulatedSamples, 1);
        foreach (Layer layer in _layers)
        {
            Descend(layer.Weights, layer.WeightGradients, scale);
            Descend(layer.Biases, layer.BiasGradients, scale);
        }

        _accumulatedSamples = 0;
    }

    /// <summary>J = −Σ t log p, and ∂J/∂z = p − t into <paramref name="delta"/> (p: the softmax output).</summary>
    protected abstract float CrossEntropyDelta(ReadOnlySpan<float> p, ReadOnlySpan<float> target, Span<float> delta);

    /// <summary>p := p − scale · g, then g := 0.</summary>
    protected abstract void Descend(Span<float> parameters, Span<float> gradients, float scale);

    private void RunForward(ReadOnlySpan<float> input)
    {
        ReadOnlySpan<float> x = input;
        for (int l = 0; l < _layers.Length; l++)
        {
            _layers[l].Forward(x, _outputs[l]);
            x = _outputs[l];
        }
    }
}
