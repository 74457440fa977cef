using System;
using Microsoft.ML.OnnxRuntime;
using NetCompiler.Benchmarks.Implementations;
using NetCompiler.Benchmarks.Workloads;

namespace NetCompiler.Benchmarks.Onnx;

/// <summary>
/// A workload's network in ONNX Runtime: one session (one thread, sequential, all graph
/// optimisations), with input and output tensors over managed arrays bound once through
/// IOBinding for a batch of 1 and a batch of 32. A call copies the examples into the bound
/// input, runs, and copies the result out. Inference only: Backward and Step throw.
/// </summary>
public sealed class OnnxNetwork : IBenchmarkedNetwork, IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly Bound _one;
    private readonly Bound _batch;

    public OnnxNetwork(NetworkSpec spec, ReadOnlySpan<float> parameters)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(OnnxModelBuilder.Build(spec, parameters), options);
        _one = new Bound(_session, spec, 1);
        _batch = new Bound(_session, spec, SampleData.BatchSize);
    }

    /// <summary>The weights are compiled into the session; they cannot be changed afterwards.</summary>
    public void LoadParameters(ReadOnlySpan<float> parameters) => throw new NotSupportedException("ONNX Runtime sessions are built with their weights.");

    public void StoreParameters(Span<float> parameters) => throw new NotSupportedException("Inference only.");

    public void Forward(ReadOnlySpan<float> input, Span<float> output) => _one.Run(_session, _runOptions, input, output);

    public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs, int count)
    {
        if (count != SampleData.BatchSize)
        {
            throw new NotSupportedException($"Bound for batches of 1 and {SampleData.BatchSize} only.");
        }

        _batch.Run(_session, _runOptions, inputs, outputs);
    }

    public float Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> target) => throw new NotSupportedException("Inference only.");

    public float Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count) => throw new NotSupportedException("Inference only.");

    public void Step(float learningRate) => throw new NotSupportedException("Inference only.");

    public void Dispose()
    {
        _one.Dispose();
        _batch.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }

    /// <summary>An IOBinding of input and output tensors for one batch size.</summary>
    private sealed class Bound : IDisposable
    {
        private readonly float[] _input;
        private readonly float[] _output;
        private readonly OrtValue _inputValue;
        private readonly OrtValue _outputValue;
        private readonly OrtIoBinding _binding;

        public Bound(InferenceSession session, NetworkSpec spec, int count)
        {
            TensorShape shape = spec.InputShape;
            long[] inputShape = shape.IsImage ? [count, shape.Channels, shape.Height, shape.Width] : [count, shape.Size];
            _input = new float[count * spec.InputSize];
            _output = new float[count * spec.OutputSize];
            _inputValue = OrtValue.CreateTensorValueFromMemory(_input, inputShape);
            _outputValue = OrtValue.CreateTensorValueFromMemory(_output, [count, spec.OutputSize]);
            _binding = session.CreateIoBinding();
            _binding.BindInput(OnnxModelBuilder.InputName, _inputValue);
            _binding.BindOutput(OnnxModelBuilder.OutputName, _outputValue);
        }

        public void Run(InferenceSession session, RunOptions runOptions, ReadOnlySpan<float> input, Span<float> output)
        {
            input.CopyTo(_input);
            session.RunWithBinding(runOptions, _binding);
            _output.AsSpan().CopyTo(output);
        }

        public void Dispose()
        {
            _binding.Dispose();
            _inputValue.Dispose();
            _outputValue.Dispose();
        }
    }
}
