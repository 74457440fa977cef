using System;

namespace NetCompiler.Benchmarks.Implementations;

/// <summary>
/// Adapts <see cref="ReferenceInterpreter"/> (double precision) to the float32 interface. The
/// float ↔ double conversions go through buffers made once, so nothing is allocated per call;
/// their cost is part of what is measured (small next to the interpreter's own).
/// </summary>
public sealed class InterpretedNetwork : IBenchmarkedNetwork
{
    private readonly ReferenceInterpreter _interpreter;
    private readonly double[] _inputs;
    private readonly double[] _targets;
    private readonly double[] _outputs;

    public InterpretedNetwork(NetworkSpec spec, int maxBatch)
    {
        _interpreter = new ReferenceInterpreter(spec);
        _inputs = new double[spec.InputSize * maxBatch];
        _targets = new double[spec.OutputSize * maxBatch];
        _outputs = new double[spec.OutputSize * maxBatch];
    }

    public void LoadParameters(ReadOnlySpan<float> parameters) => Widen(parameters, _interpreter.Parameters);

    public void StoreParameters(Span<float> parameters) => Narrow(_interpreter.Parameters, parameters);

    public void Forward(ReadOnlySpan<float> input, Span<float> output) => Forward(input, output, 1);

    public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs, int count)
    {
        Span<double> wideOutputs = _outputs.AsSpan(0, outputs.Length);
        _interpreter.Forward(Widen(inputs, _inputs), wideOutputs, count);
        Narrow(wideOutputs, outputs);
    }

    public float Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> target) => Backward(input, target, 1);

    public float Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count) =>
        (float)_interpreter.Backward(Widen(inputs, _inputs), Widen(targets, _targets), count);

    public void Step(float learningRate) => _interpreter.Step(learningRate);

    private static Span<double> Widen(ReadOnlySpan<float> source, Span<double> buffer)
    {
        Span<double> destination = buffer[..source.Length];
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = source[i];
        }

        return destination;
    }

    private static void Narrow(ReadOnlySpan<double> source, Span<float> destination)
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = (float)source[i];
        }
    }
}
