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
            var output = new float[spec.OutputSize];
            network.Forward(ToSingle(input), output);
            return output.Select(value => (double)value).ToArray();
        }

        public double Backward(double[] input, double[] target) => network.Backward(ToSingle(input), ToSingle(target));

        public double[] Backpropagate(double[] outputGradient)
        {
            var inputGradient = new float[spec.InputSize];
            network.Backpropagate(ToSingle(outputGradient), inputGradient);
            return inputGradient.Select(value => (double)value).ToArray();
        }

        public void Step(double learningRate, double weightDecay) => network.Step((float)learningRate, (float)weightDecay);

        public void ZeroGradients() => network.ZeroGradients();

        public double[] ForwardBatch(double[] inputs, int count)
        {
            var outputs = new float[count * spec.OutputSize];
            network.Forward(ToSingle(inputs), outputs, count);
            return outputs.Select(value => (double)value).ToArray();
        }

        public double BackwardBatch(double[] inputs, double[] targets, int count) => network.Backward(ToSingle(inputs), ToSingle(targets), count);

        public double[] Infer(double[] parameters, double[] input)
        {
            var output = new float[spec.OutputSize];
            infer(ToSingle(parameters), ToSingle(input), output);
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
            var output = new double[spec.OutputSize];
            network.Forward(input, output);
            return output;
        }

        public double Backward(double[] input, double[] target) => network.Backward(input, target);

        public double[] Backpropagate(double[] outputGradient)
        {
            var inputGradient = new double[spec.InputSize];
            network.Backpropagate(outputGradient, inputGradient);
            return inputGradient;
        }

        public void Step(double learningRate, double weightDecay) => network.Step(learningRate, weightDecay);

        public void ZeroGradients() => network.ZeroGradients();

        public double[] ForwardBatch(double[] inputs, int count)
        {
            var outputs = new double[count * spec.OutputSize];
            network.Forward(inputs, outputs, count);
            return outputs;
        }

        public double BackwardBatch(double[] inputs, double[] targets, int count) => network.Backward(inputs, targets, count);

        public double[] Infer(double[] parameters, double[] input)
        {
            var output = new double[spec.OutputSize];
            infer(parameters, input, output);
            return output;
        }
    }
}
