using System;
using System.Linq;

namespace NetCompiler.Tests.Networks;

/// <summary>
/// A generated network of either precision seen through double arrays, so one test body runs
/// on every network. Values convert exactly from float; to float they round once.
/// </summary>
public sealed class NetworkUnderTest
{
    /// <summary>A generated network's static <c>Infer</c>.</summary>
    public delegate void InferFunction<T>(ReadOnlySpan<T> parameters, ReadOnlySpan<T> input, Span<T> output);

    private readonly Func<VerificationReport> _verify;

    private NetworkUnderTest(string name, NetworkSpec spec, bool isDouble, INetworkOperations operations, Func<VerificationReport> verify)
    {
        _verify = verify;
        Name = name;
        Spec = spec;
        IsDouble = isDouble;
        Operations = operations;
    }

    public string Name { get; }

    public NetworkSpec Spec { get; }

    public bool IsDouble { get; }

    internal INetworkOperations Operations { get; }

    public double[] Parameters
    {
        get => Operations.GetParameters();
        set => Operations.SetParameters(value);
    }

    public double[] Gradients
    {
        get => Operations.GetGradients();
        set => Operations.SetGradients(value);
    }

    public int AccumulatedSamples => Operations.AccumulatedSamples;

    public static NetworkUnderTest Of<TNetwork>(TNetwork network, InferFunction<float> infer)
        where TNetwork : INetwork<float> =>
        new(typeof(TNetwork).Name, TNetwork.Spec, isDouble: false, new SingleOperations(network, TNetwork.Spec, infer), () => NetworkVerifier.Verify(network));

    public static NetworkUnderTest OfDouble<TNetwork>(TNetwork network, InferFunction<double> infer)
        where TNetwork : INetwork<double> =>
        new(typeof(TNetwork).Name, TNetwork.Spec, isDouble: true, new DoubleOperations(network, TNetwork.Spec, infer), () => NetworkVerifier.Verify(network));

    public double[] Forward(double[] input) => Operations.Forward(input);

    public double Backward(double[] input, double[] target) => Operations.Backward(input, target);

    public double[] Backpropagate(double[] outputGradient) => Operations.Backpropagate(outputGradient);

    public void Step(double learningRate, double weightDecay) => Operations.Step(learningRate, weightDecay);

    public void ZeroGradients() => Operations.ZeroGradients();

    /// <summary>Runs <see cref="NetworkVerifier"/> on the network.</summary>
    public VerificationReport Verify() => _verify();

    /// <summary>An interpreter with this network's current parameters.</summary>
    public ReferenceInterpreter CreateInterpreter()
    {
        var interpreter = new ReferenceInterpreter(Spec);
        Parameters.CopyTo(interpreter.Parameters);
        return interpreter;
    }

    public override string ToString() => Name;

    private delegate void SpanWriter<T>(Span<T> destination);

    /// <summary>
    /// Runs <paramref name="write"/> on a span of <paramref name="length"/> values in the middle of a
    /// larger array and returns them, after checking that every value before and after the span is
    /// as it was: a network writes its outputs and nothing past them.
    /// </summary>
    private static T[] WrittenExactly<T>(int length, SpanWriter<T> write)
        where T : System.Numerics.IFloatingPoint<T>
    {
        const int guard = 8;
        T sentinel = T.CreateChecked(-12345.5);
        var buffer = new T[guard + length + guard];
        Array.Fill(buffer, sentinel);
        write(buffer.AsSpan(guard, length));
        for (int k = 0; k < buffer.Length; k++)
        {
            if ((k < guard || k >= guard + length) && buffer[k] != sentinel)
            {
                throw new InvalidOperationException($"value {k - guard} of a {length}-value span was written outside it");
            }
        }

        return buffer.AsSpan(guard, length).ToArray();
    }

    internal interface INetworkOperations
    {
        int AccumulatedSamples { get; }

        double[] GetParameters();

        void SetParameters(double[] values);

        double[] GetGradients();

        void SetGradients(double[] values);

        double[] Forward(double[] input);

        double Backward(double[] input, double[] target);

        double[] Backpropagate(double[] outputGradient);

        void Step(double learningRate, double weightDecay);

        void ZeroGradients();

        double[] ForwardBatch(double[] inputs, int count);

        double BackwardBatch(double[] inputs, double[] targets, int count);

        double[] Infer(double[] parameters, double[] input);
    }

    private sealed class SingleOperations(INetwork<float> network, NetworkSpec spec, InferFunction<float> infer) : INetworkOperations
    {
        public int AccumulatedSamples => network.AccumulatedSamples;

        public double[] GetParameters() => network.Parameters.ToArray().Select(value => (double)value).ToArray();

        public void SetParameters(double[] values) => values.Select(value => (float)value).ToArray().CopyTo(network.Parameters);

        public void SetGradients(double[] values) => values.Select(value => (float)value).ToArray().CopyTo(network.Gradients);

        public double[] GetGradients() => network.Gradients.ToArray().Select(value => (double)value).ToArray();

        public double[] Forward(double[] input)
        {
            float[] output = WrittenExactly<float>(spec.OutputSize, destination => network.Forward(ToSingle(input), destination));
            return output.Select(value => (double)value).ToArray();
        }

        public double Backward(double[] input, double[] target) => network.Backward(ToSingle(input), ToSingle(target));

        public double[] Backpropagate(double[] outputGradient)
        {
            float[] inputGradient = WrittenExactly<float>(spec.InputSize, destination => network.Backpropagate(ToSingle(outputGradient), destination));
            return inputGradient.Select(value => (double)value).ToArray();
        }

        public void Step(double learningRate, double weightDecay) => network.Step((float)learningRate, (float)weightDecay);

        public void ZeroGradients() => network.ZeroGradients();

        public double[] ForwardBatch(double[] inputs, int count)
        {
            float[] outputs = WrittenExactly<float>(count * spec.OutputSize, destination => network.Forward(ToSingle(inputs), destination, count));
            return outputs.Select(value => (double)value).ToArray();
        }

        public double BackwardBatch(double[] inputs, double[] targets, int count) => network.Backward(ToSingle(inputs), ToSingle(targets), count);

        public double[] Infer(double[] parameters, double[] input)
        {
            float[] output = WrittenExactly<float>(spec.OutputSize, destination => infer(ToSingle(parameters), ToSingle(input), destination));
            return output.Select(value => (double)value).ToArray();
        }

        private static float[] ToSingle(double[] values) => values.Select(value => (float)value).ToArray();
    }

    private sealed class DoubleOperations(INetwork<double> network, NetworkSpec spec, InferFunction<double> infer) : INetworkOperations
    {
        public int AccumulatedSamples => network.AccumulatedSamples;

        public double[] GetParameters() => network.Parameters.ToArray();

        public void SetParameters(double[] values) => values.CopyTo(network.Parameters);

        public void SetGradients(double[] values) => values.CopyTo(network.Gradients);

        public double[] GetGradients() => network.Gradients.ToArray();

        public double[] Forward(double[] input)
        {
            return WrittenExactly<double>(spec.OutputSize, destination => network.Forward(input, destination));
        }

        public double Backward(double[] input, double[] target) => network.Backward(input, target);

        public double[] Backpropagate(double[] outputGradient)
        {
            return WrittenExactly<double>(spec.InputSize, destination => network.Backpropagate(outputGradient, destination));
        }

        public void Step(double learningRate, double weightDecay) => network.Step(learningRate, weightDecay);

        public void ZeroGradients() => network.ZeroGradients();

        public double[] ForwardBatch(double[] inputs, int count)
        {
            return WrittenExactly<double>(count * spec.OutputSize, destination => network.Forward(inputs, destination, count));
        }

        public double BackwardBatch(double[] inputs, double[] targets, int count) => network.Backward(inputs, targets, count);

        public double[] Infer(double[] parameters, double[] input)
        {
            return WrittenExactly<double>(spec.OutputSize, destination => infer(parameters, input, destination));
        }
    }
}
