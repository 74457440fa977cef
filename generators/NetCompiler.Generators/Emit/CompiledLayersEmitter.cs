using System.Collections.Generic;
using System.Linq;
using NetCompiler.Generators.Model;
using NetCompiler.Shared;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// Writes the network's private <c>CompiledLayers</c> class: the state layout as constants, the
/// whole forward and backward passes, the gradient-descent step, and each layer's kernels.
/// </summary>
internal sealed class CompiledLayersEmitter
{
    private readonly NetworkModel _network;
    private readonly NumericType _type;
    private readonly StateLayout _layout;
    private readonly IReadOnlyList<LayerEmitter> _layers;
    private readonly LossEmitter _loss;
    private readonly ExampleLanesEmitter? _lanes;
    private readonly RegisterBackwardEmitter? _registerBackward;
    private readonly PendingExampleEmitter? _pending;

    public CompiledLayersEmitter(NetworkModel network, NumericType type)
    {
        _network = network;
        _type = type;
        _layout = new StateLayout(network);
        _loss = new LossEmitter(network, type);
        _registerBackward = RegisterBackwardEmitter.Applies(network, type) ? new RegisterBackwardEmitter(network, type) : null;
        TrainsInRegisters = _registerBackward is not null && _loss.IsSmallSoftmaxCrossEntropy;
        bool inlinesKernelRows = DenseLayerEmitter.InlinesKernelRows(network.Layers, type);
        _layers = network.Layers
            .Select((layer, i) => LayerEmitter.For(layer, type, previous: i > 0 ? network.Layers[i - 1] : null, next: i + 1 < network.Layers.Count ? network.Layers[i + 1] : null, backwardInRegisters: _registerBackward is not null, trainsInRegisters: TrainsInRegisters, inlinesKernelRows))
            .ToList();
        _lanes = ExampleLanesEmitter.Applies(_layers) ? new ExampleLanesEmitter(network, type, _layers, _loss) : null;
        _pending = PendingExampleEmitter.For(network, type);
    }

    public StateLayout Layout => _layout;

    /// <summary>The pending example, kept for <c>Step</c> instead of its gradient of the large layers; null when the network has none.</summary>
    public PendingExampleEmitter? PendingExample => _pending;

    /// <summary>
    /// Whether one example's <c>Backward</c> runs <c>TrainInRegisters</c> where <c>Vector&lt;T&gt;</c> is
    /// 256 bits wide: the network takes the backward pass in registers and ends in a softmax over a few
    /// outputs with cross-entropy, which that pass computes from zᴸ in a register.
    /// </summary>
    public bool TrainsInRegisters { get; }

    /// <summary>
    /// Whether batches run layer by layer through a batch buffer, so that a large layer's weights
    /// are loaded once per block of examples rather than once per example.
    /// </summary>
    public bool HasBatchPath => _layers.Any(layer => layer.HasBatchForward);

    /// <summary>
    /// Whether <c>Forward</c> takes the input too and its first layer reads it where the caller
    /// keeps it, not the copy in the state: a small dense layer, whose few inputs are loaded once, so
    /// its loads need not wait for the copy's stores (W2 infer1 4 % faster), and a dense layer on the
    /// kernels with fewer than 32 inputs that are not whole 256-bit vectors, whose last vector
    /// (ending where the input ends) spans two of the copy's stores and so could not take its values
    /// from them (M3, 10 → 32 → 32 → 4, one example 100.5–101.0 → 92.0–92.5 ns; double 30 → 8 tanh → 2
    /// 87–90 → 82 ns; benchmarks/HISTORY.md, thirty-second and thirty-fourth runs). Larger layers read
    /// the copy, which starts on a cache line, many times.
    /// </summary>
    public bool ForwardReadsInput => IsSmallDense(_layers[0]) || ReadsInputTailOnKernels(_layers[0]);

    private bool ReadsInputTailOnKernels(LayerEmitter layer) =>
        layer.Layer.Kind == LayerKind.Dense && !DenseLayerEmitter.IsUnrolled(layer.Layer, _type)
        && layer.Layer.InputSize < 32 && layer.Layer.InputSize % _type.Vector256Lanes != 0;

    /// <summary>Whether every layer is a small dense one, written out: the whole forward pass is a few dozen instructions.</summary>
    public bool IsSmall => _layers.All(IsSmallDense);

    private bool IsSmallDense(LayerEmitter layer) => layer.Layer.Kind == LayerKind.Dense && DenseLayerEmitter.IsUnrolled(layer.Layer, _type);

    /// <summary>The batch path of a network of small dense layers, examples side by side in vector lanes; else null.</summary>
    public ExampleLanesEmitter? ExampleLanes => _lanes;

    /// <summary>Whether batch Backward runs layer by layer too: a trainable network with a batch backward kernel.</summary>
    public bool HasBatchBackwardPath => _network.IsTrainable && _layers.Any(layer => layer.HasBatchBackward);

    /// <summary>
    /// Whether the backward passes are generic over the vector width (some layer's backward kernels
    /// are), and <c>Step</c> takes 512-bit vectors where the CPU has them.
    /// </summary>
    private bool UsesLanes => _layers.Any(layer => layer.UsesLanes);

    /// <summary>"&lt;TVector, V&gt;" after the name of a backward pass that takes the vector width, else nothing.</summary>
    private string LanesArguments => VectorLanes.ArgumentsIf(UsesLanes);

    /// <summary>Examples per block of the batch path.</summary>
    public const int BatchSize = 32;

    public IReadOnlyList<LayerEmitter> Layers => _layers;

    private string T => _type.Name;

    private int L => _network.Layers.Count;

    public void Emit(SourceWriter writer)
    {
        // Most of the file, and no reference type in it: nullable analysis would find nothing but
        // costs the build time (benchmarks/README.md, "Build cost").
        writer.Line("#nullable disable // the arithmetic has no reference types; analysing it would only slow the build");
        writer.Line("/// <summary>");
        writer.Line("/// The network's arithmetic with every size a constant. The working state of an instance is one");
        writer.Line("/// array: activations aˡ (a⁰ is a copy of the input), the output's weighted input zᴸ, and the");
        writer.Line("/// deltas δˡ = ∂J/∂zˡ (δ⁰ = ∂J/∂input), each region padded to whole vectors.");
        writer.Line("/// </summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        using (writer.Open("private static class CompiledLayers"))
        {
            EmitLayoutConstants(writer);
            writer.Line();
            EmitForwardPass(writer);
            writer.Line();
            EmitForwardThrough(writer);
            if (HasBatchPath)
            {
                writer.Line();
                EmitBatchForwardPass(writer);
                writer.Line();
                EmitKeepExample(writer);
            }

            if (HasBatchBackwardPath)
            {
                writer.Line();
                EmitBatchBackwardPass(writer);
            }

            writer.Line();
            _loss.EmitActivateOutput(writer, _layers[_layers.Count - 1].StoresOutputAsOneVector);
            if (_network.IsTrainable)
            {
                writer.Line();
                _loss.EmitLoss(writer);
                writer.Line();
                _loss.EmitOutputDelta(writer);
                writer.Line();
                EmitBackwardPass(writer);
                if (_registerBackward is not null)
                {
                    writer.Line();
                    _registerBackward.Emit(writer);
                }

                if (TrainsInRegisters)
                {
                    writer.Line();
                    _registerBackward!.EmitTraining(writer, _loss, () => EmitForwardCalls(writer, keepOutput: true, readsInputInPlace: false), LastOutputName);
                }

                writer.Line();
                EmitStep(writer);
                if (_pending is not null)
                {
                    writer.Line();
                    _pending.EmitMethods(writer, PlainDescend);
                }
            }

            if (_lanes is not null)
            {
                writer.Line();
                _lanes.Emit(writer);
            }

            foreach (LayerEmitter layer in _layers)
            {
                writer.Line();
                layer.EmitForward(writer);
                if (layer.HasBatchForward)
                {
                    writer.Line();
                    layer.EmitForwardBatch(writer);
                }

                if (!_network.IsTrainable)
                {
                    continue;
                }

                if (layer.HasParameters && layer.Layer.Number == 1)
                {
                    writer.Line();
                    layer.EmitAccumulate(writer);
                }

                writer.Line();
                layer.EmitBackpropagate(writer);
                if (layer.HasBatchBackward)
                {
                    if (layer.Layer.Number == 1)
                    {
                        writer.Line();
                        layer.EmitBackwardBatch(writer, propagate: false);
                    }
                    else
                    {
                        writer.Line();
                        layer.EmitBackwardBatch(writer, propagate: true);
                    }
                }
            }

            writer.Line();
            EmitHelpers(writer);
        }

        writer.Line("#nullable restore");
    }

    private void EmitLayoutConstants(SourceWriter writer)
    {
        writer.Line("/// <summary>Values in an instance's state array.</summary>");
        writer.Line("internal const int StateSize = " + LayerEmitter.Format(_layout.Size) + ";");
        writer.Line();
        writer.Line("/// <summary>The padded size of the largest layer output: each half of Infer's buffer.</summary>");
        writer.Line("internal const int LargestLayer = " + LayerEmitter.Format(_layout.LargestLayer) + ";");
        writer.Line();
        writer.Line("// Offsets in the state: aˡ, zᴸ, δˡ.");
        for (int l = 0; l <= L; l++)
        {
            writer.Line("internal const int " + NetworkEmitter.ActivationName(l) + " = " + LayerEmitter.Format(_layout.Activation(l)) + ";");
        }

        writer.Line("internal const int Output = " + NetworkEmitter.ActivationName(L) + ";");
        writer.Line("internal const int Z" + LayerEmitter.Format(L) + " = " + LayerEmitter.Format(_layout.OutputWeightedInput) + ";");
        for (int l = 0; l <= L; l++)
        {
            writer.Line("internal const int " + NetworkEmitter.DeltaName(l) + " = " + LayerEmitter.Format(_layout.Delta(l)) + ";");
        }

        if (HasBatchPath)
        {
            writer.Line();
            writer.Line("/// <summary>Values between consecutive inputs of a batch.</summary>");
            writer.Line("internal const int InputStride = " + LayerEmitter.Format(_network.InputSize) + ";");
            EmitBatchLayoutConstants(writer);
        }

        _lanes?.EmitLayoutConstants(writer);
        _pending?.EmitLayoutConstants(writer);
    }

    /// <summary>Batch regions: each layer's outputs for <see cref="BatchSize"/> examples, one padded row each.</summary>
    private void EmitBatchLayoutConstants(SourceWriter writer)
    {
        writer.Line();
        writer.Line("/// <summary>Examples per block of a batch Forward.</summary>");
        writer.Line("internal const int BatchSize = " + LayerEmitter.Format(BatchSize) + ";");
        writer.Line();
        writer.Line("// Offsets in the batch buffer: each layer's outputs, then zᴸ, one padded row per example.");
        int offset = 0;
        foreach (LayerEmitter layer in _layers)
        {
            writer.Line("internal const int Batch" + NetworkEmitter.ActivationName(layer.Layer.Number) + " = " + LayerEmitter.Format(offset) + ";");
            offset += BatchSize * StateLayout.Padded(layer.Layer.OutputSize);
        }

        writer.Line("internal const int BatchAOutput = Batch" + NetworkEmitter.ActivationName(L) + ";");
        writer.Line("internal const int BatchOutputStride = " + LayerEmitter.Format(StateLayout.Padded(_network.OutputSize)) + ";");
        writer.Line("internal const int BatchZ" + LayerEmitter.Format(L) + " = " + LayerEmitter.Format(offset) + ";");
        offset += BatchSize * StateLayout.Padded(_network.OutputSize);
        if (HasBatchBackwardPath)
        {
            foreach (LayerEmitter layer in _layers)
            {
                writer.Line("internal const int Batch" + NetworkEmitter.DeltaName(layer.Layer.Number) + " = " + LayerEmitter.Format(offset) + ";");
                offset += BatchSize * StateLayout.Padded(layer.Layer.OutputSize);
            }
        }

        writer.Line("internal const int BatchBufferSize = " + LayerEmitter.Format(offset) + ";");
    }

    /// <summary>
    /// <c>KeepExample</c>: the state as the one-example forward pass of example n of a block would
    /// leave it (a⁰ … aᴸ and zᴸ), copied from its batch rows, which hold the same values bit for bit.
    /// </summary>
    private void EmitKeepExample(SourceWriter writer)
    {
        void Copy(string from, string to, string length) => writer.Line(CopyCall(from, to, length));

        writer.Line("/// <summary>The state after the forward pass of example <paramref name=\"n\"/> of the block in the batch buffer, whose input is <paramref name=\"input\"/>: a⁰ … a" + LayerEmitter.ToSuperscript(L) + " and z" + LayerEmitter.ToSuperscript(L) + " copied from its rows.</summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        using (writer.Open("internal static void KeepExample(ref " + T + " input, ref " + T + " batch, int n, ref " + T + " state)"))
        {
            Copy("input", "At(ref state, A0)", "InputStride");
            foreach (LayerEmitter layer in _layers)
            {
                string name = NetworkEmitter.ActivationName(layer.Layer.Number);
                string rows = LayerEmitter.Format(StateLayout.Padded(layer.Layer.OutputSize));
                Copy("At(ref batch, Batch" + name + " + n * " + rows + ")", "At(ref state, " + name + ")", rows);
            }

            string z = "Z" + LayerEmitter.Format(L);
            Copy("At(ref batch, Batch" + z + " + n * BatchOutputStride)", "At(ref state, " + z + ")", "BatchOutputStride");
        }
    }

    /// <summary>
    /// The forward pass of up to <see cref="BatchSize"/> examples, layer by layer: large dense layers
    /// run their batch kernels, the others one example at a time. Every value is computed exactly as
    /// the one-example pass computes it.
    /// </summary>
    private void EmitBatchForwardPass(SourceWriter writer)
    {
        writer.Line("/// <summary>The forward pass of <paramref name=\"count\"/> ≤ BatchSize examples, layer by layer, leaving aᴸ of example n at BatchA" + LayerEmitter.Format(L) + " + n·" + LayerEmitter.Format(StateLayout.Padded(_network.OutputSize)) + ".</summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        using (writer.Open("internal static void ForwardBatch(ref " + T + " parameters, ref " + T + " inputs, ref " + T + " batch, int count)"))
        {
            foreach (LayerEmitter layer in _layers)
            {
                int n = layer.Layer.Number;
                string input = n == 1 ? "ref inputs" : "ref At(ref batch, Batch" + NetworkEmitter.ActivationName(n - 1) + ")";
                string inputStride = n == 1 ? "InputStride" : LayerEmitter.Format(StateLayout.Padded(layer.Layer.InputSize));
                string output = "Batch" + (layer.IsLast ? "Z" + LayerEmitter.Format(n) : NetworkEmitter.ActivationName(n));
                string outputStride = LayerEmitter.Format(StateLayout.Padded(layer.Layer.OutputSize));
                if (layer.HasBatchForward)
                {
                    writer.Line(layer.ForwardBatchName + "(ref parameters, " + input + ", " + inputStride + ", ref At(ref batch, " + output + "), count);");
                    continue;
                }

                using (writer.Open("for (int n = 0; n < count; n++)"))
                {
                    string example = n == 1 ? "ref At(ref inputs, n * InputStride)" : "ref At(ref batch, Batch" + NetworkEmitter.ActivationName(n - 1) + " + n * " + inputStride + ")";
                    if (layer.InputInRegister)
                    {
                        example = NumericType.Vector256Class + ".LoadUnsafe(" + example + ")";
                    }

                    writer.Line(layer.ForwardName + "(ref parameters, " + example + ", ref At(ref batch, " + output + " + n * " + outputStride + "));");
                }
            }

            string rows = LayerEmitter.Format(StateLayout.Padded(_network.OutputSize));
            using (writer.Open("for (int n = 0; n < count; n++)"))
            {
                writer.Line("ActivateOutput(ref At(ref batch, BatchZ" + LayerEmitter.Format(L) + " + n * " + rows + "), ref At(ref batch, Batch" + NetworkEmitter.ActivationName(L) + " + n * " + rows + "));");
            }
        }
    }

    /// <summary>
    /// Backward for up to <see cref="BatchSize"/> examples, layer by layer: the batch forward pass,
    /// each example's loss and output delta, then each layer's gradients for all examples. Every
    /// gradient receives the examples' contributions in example order, as one at a time would.
    /// </summary>
    private void EmitBatchBackwardPass(SourceWriter writer)
    {
        string outputRows = LayerEmitter.Format(StateLayout.Padded(_network.OutputSize));
        string last = LayerEmitter.Format(L);
        string parameters = "ref " + T + " parameters, ref " + T + " gradients, ref " + T + " inputs, ref " + T + " targets, ref " + T + " batch, int count, " + T + " loss";
        EmitDispatch(writer, T, "BackwardBatch", parameters, "ref parameters, ref gradients, ref inputs, ref targets, ref batch, count, loss");
        writer.Line("/// <summary>Backward for <paramref name=\"count\"/> ≤ BatchSize examples; adds their losses to <paramref name=\"loss\"/> in order and returns it.</summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        using (writer.Open("internal static " + T + " BackwardBatch" + LanesArguments + "(" + parameters + ")" + LanesConstraint))
        {
            writer.Line("ForwardBatch(ref parameters, ref inputs, ref batch, count);");
            using (writer.Open("for (int n = 0; n < count; n++)"))
            {
                writer.Line("loss += Loss(ref At(ref batch, BatchZ" + last + " + n * " + outputRows + "), ref At(ref batch, BatchA" + last + " + n * " + outputRows + "), ref At(ref batch, BatchD" + last + " + n * " + outputRows + "), ref At(ref targets, n * " + LayerEmitter.Format(_network.OutputSize) + "));");
            }

            for (int index = _layers.Count - 1; index >= 0; index--)
            {
                LayerEmitter layer = _layers[index];
                int n = layer.Layer.Number;
                string deltas = "ref At(ref batch, Batch" + NetworkEmitter.DeltaName(n) + ")";
                string deltaRows = LayerEmitter.Format(StateLayout.Padded(layer.Layer.OutputSize));
                string inputs = n == 1 ? "ref inputs" : "ref At(ref batch, Batch" + NetworkEmitter.ActivationName(n - 1) + ")";
                string inputRows = n == 1 ? "InputStride" : LayerEmitter.Format(StateLayout.Padded(layer.Layer.InputSize));
                string inputDeltas = n == 1 ? string.Empty : "ref At(ref batch, Batch" + NetworkEmitter.DeltaName(n - 1) + "), ";
                if (n == 1 && !layer.HasParameters)
                {
                    continue;
                }

                if (layer.HasBatchBackward)
                {
                    writer.Line((n == 1 ? layer.AccumulateBatchName : layer.BackpropagateBatchName) + layer.LanesArguments + "(ref parameters, ref gradients, " + deltas + ", " + inputs + ", " + inputRows + ", " + inputDeltas + "count);");
                }
                else
                {
                    using (writer.Open("for (int n = 0; n < count; n++)"))
                    {
                        string example = "ref parameters, ref gradients, ref At(" + deltas + ", n * " + deltaRows + "), ref At(" + inputs + ", n * " + inputRows + ")";
                        writer.Line(n == 1
                            ? layer.AccumulateName + layer.LanesArguments + "(" + example + ");"
                            : layer.BackpropagateName + layer.LanesArguments + "(" + example + ", ref At(ref batch, Batch" + NetworkEmitter.DeltaName(n - 1) + " + n * " + inputRows + "));");
                    }
                }

                if (n > 1 && HasDerivative(_network.Layers[n - 2]))
                {
                    using (writer.Open("for (int n = 0; n < count; n++)"))
                    {
                        writer.Line(DerivativeComment(n - 1));
                        EmitHiddenDerivative(writer, _layers[n - 2], "Batch" + NetworkEmitter.DeltaName(n - 1) + " + n * " + inputRows, "Batch" + NetworkEmitter.ActivationName(n - 1) + " + n * " + inputRows, "batch");
                    }
                }
            }

            writer.Line("return loss;");
        }
    }

    private void EmitForwardPass(SourceWriter writer)
    {
        writer.Line(ForwardReadsInput
            ? "/// <summary>The forward pass of <paramref name=\"input\"/>, a⁰ (the caller has copied it into the state too): aˡ = f(Wˡaˡ⁻¹ + bˡ), layer by layer.</summary>"
            : "/// <summary>The forward pass from a⁰ in the state: aˡ = f(Wˡaˡ⁻¹ + bˡ), layer by layer.</summary>");
        if (ActivatesFromRegister)
        {
            writer.Line("/// <returns>a" + LayerEmitter.ToSuperscript(L) + " in a register where <c>Vector&lt;T&gt;</c> is 256 bits wide (else default): the output straight from it.</returns>");
        }

        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        writer.Line(NetworkEmitter.AggressiveInliningAttribute);
        string returnType = ActivatesFromRegister ? _type.Vector256 : "void";
        using (writer.Open("internal static " + returnType + " Forward(ref " + T + " parameters, " + (ForwardReadsInput ? "ref " + T + " input, " : string.Empty) + "ref " + T + " state)"))
        {
            EmitForwardCalls(writer, keepOutput: ActivatesFromRegister, readsInputInPlace: ForwardReadsInput);
            EmitActivateOutput(writer, "ref At(ref state, Z" + LayerEmitter.Format(L) + ")", "ref At(ref state, " + NetworkEmitter.ActivationName(L) + ")", activation =>
            {
                if (ActivatesFromRegister)
                {
                    writer.Line("return " + (activation ?? "default") + ";");
                }
            });
        }
    }

    /// <summary>
    /// Whether the forward passes hand zᴸ to the output activation in the register the last layer returns
    /// it in, where <c>Vector&lt;T&gt;</c> is 256 bits wide: a small softmax, which runs on that vector, after a
    /// last layer that returns it (reading it back from memory just after it was stored would wait for the store).
    /// </summary>
    public bool ActivatesFromRegister => _loss.ActivatesOutputOnVector && _layers[_layers.Count - 1].ReturnsActivation;

    /// <summary>
    /// <c>ActivateOutput</c> from zᴸ at <paramref name="z"/> into <paramref name="a"/>, or from
    /// <see cref="LastOutputName"/> where <see cref="ActivatesFromRegister"/>; then what <paramref name="then"/>
    /// writes for each case, given the local that holds aᴸ in a register, or null where it is only in memory.
    /// </summary>
    private void EmitActivateOutput(SourceWriter writer, string z, string a, System.Action<string?> then)
    {
        if (!ActivatesFromRegister)
        {
            writer.Line("ActivateOutput(" + z + ", " + a + ");");
            then(null);
            return;
        }

        using (writer.Open("if (" + _type.VectorIs256Bits + ")"))
        {
            writer.Line("var activation = ActivateOutput(" + LastOutputName + ", " + a + ");");
            then("activation");
        }

        if (ActivatesFrom128BitRegister)
        {
            using (writer.Open("else if (" + _type.VectorIs128Bits + ")"))
            {
                writer.Line("var activation = " + NumericType.Vector128Class + ".ToVector256(ActivateOutput(" + NumericType.Vector256Class + ".GetLower(" + LastOutputName + "), " + a + "));");
                then("activation");
            }
        }

        using (writer.Open("else"))
        {
            writer.Line("ActivateOutput(" + z + ", " + a + ");");
            then(null);
        }
    }

    /// <summary>
    /// Whether, where <c>Vector&lt;T&gt;</c> is 128 bits, the small softmax runs on the low half of that register
    /// (<see cref="LossEmitter.ActivatesOutputOn128BitVector"/>) and hands aᴸ on in a register as well.
    /// </summary>
    public bool ActivatesFrom128BitRegister => ActivatesFromRegister && _loss.ActivatesOutputOn128BitVector;

    /// <summary>
    /// Every layer's forward call, each writing its output into the state, the first reading a⁰ from
    /// the state or, with <paramref name="readsInputInPlace"/>, from <c>input</c>; with
    /// <paramref name="keepOutput"/>, zᴸ kept in <see cref="LastOutputName"/> (the last layer returns it).
    /// </summary>
    private void EmitForwardCalls(SourceWriter writer, bool keepOutput, bool readsInputInPlace)
    {
        foreach (LayerEmitter layer in _layers)
        {
            int n = layer.Layer.Number;
            string output = layer.IsLast ? "Z" + LayerEmitter.Format(n) : NetworkEmitter.ActivationName(n);
            string input = layer.InputInRegister ? RegisterName(n - 1)
                : n == 1 && readsInputInPlace ? "ref input"
                : "ref At(ref state, " + NetworkEmitter.ActivationName(n - 1) + ")";
            writer.Line(ForwardCall(layer, input, "ref At(ref state, " + output + ")", keepOutput));
        }
    }

    /// <summary>The local that holds zᴸ in the training pass in registers.</summary>
    private string LastOutputName => "z" + LayerEmitter.Format(L);

    /// <summary>The local that holds aⁿ when layer n returns it in a register.</summary>
    private static string RegisterName(int layer) => "a" + LayerEmitter.Format(layer);

    /// <summary>
    /// One layer's forward call, keeping the activation a hidden layer returns in a local for the next layer,
    /// and, with <paramref name="keepOutput"/>, the zᴸ the last layer returns in <see cref="LastOutputName"/>.
    /// </summary>
    private string ForwardCall(LayerEmitter layer, string input, string output, bool keepOutput)
    {
        string call = layer.ForwardName + "(ref parameters, " + input + ", " + output + ");";
        return layer.IsLast ? (keepOutput ? "var " + LastOutputName + " = " : string.Empty) + call
            : (layer.ReturnsActivation ? "var " + RegisterName(layer.Layer.Number) + " = " : string.Empty) + call;
    }

    /// <summary>
    /// <c>ForwardThrough</c>, the forward pass of <c>Infer</c>: from an input outside the state through
    /// two scratch halves in turn, each layer reading one and writing the other; writes aᴸ to the caller's output.
    /// </summary>
    private void EmitForwardThrough(SourceWriter writer)
    {
        string parameters = "ref " + T + " parameters, ref " + T + " input, ref " + T + " first, ref " + T + " second, ref " + T + " output";
        writer.Line("/// <summary>The forward pass of <paramref name=\"input\"/> through <paramref name=\"first\"/> and <paramref name=\"second\"/> in turn, each layer reading one and writing the other; writes a" + LayerEmitter.ToSuperscript(L) + " to <paramref name=\"output\"/>.</summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        if (IsSmall)
        {
            // written into Infer, as ForwardOne is into Forward: the JIT raises its inlining budget for the layers,
            // tanh and exponential below only while every method above them is marked (a five-layer network's ran out)
            writer.Line(NetworkEmitter.AggressiveInliningAttribute);
        }

        using (writer.Open("internal static void ForwardThrough(" + parameters + ")"))
        {
            string current = "ref input";
            bool toFirst = true;
            foreach (LayerEmitter layer in _layers)
            {
                string target = toFirst ? "first" : "second";
                writer.Line(ForwardCall(layer, layer.InputInRegister ? RegisterName(layer.Layer.Number - 1) : current, "ref " + target, ActivatesFromRegister));
                current = "ref " + target;
                toFirst = !toFirst;
            }

            // The last layer wrote zᴸ into one half; aᴸ goes into the other, and out from a register where it is in one.
            string activated = toFirst ? "first" : "second";
            EmitActivateOutput(writer, current, "ref " + activated, activation => writer.Line(activation is null
                ? CopyCall(activated, "output", "OutputSize")
                : StoreFirstLanesCall(activation, "output")));
        }
    }

    /// <summary>Where the backward passes take the vector width: the non-generic <paramref name="name"/> that picks it, and a blank line.</summary>
    private void EmitDispatch(SourceWriter writer, string returnType, string name, string parameters, string arguments)
    {
        if (UsesLanes)
        {
            VectorLanes.EmitDispatch(writer, _type, returnType, name, parameters, arguments);
            writer.Line();
        }
    }

    private string BackwardParameters => "ref " + T + " parameters, ref " + T + " gradients, ref " + T + " state, bool toInput" + (_pending is null ? string.Empty : ", bool deferGradient");

    /// <summary>" where TVector : struct where V : …" on a backward pass generic over the vector width, else nothing.</summary>
    private string LanesConstraint => VectorLanes.ConstraintIf(UsesLanes, _type);

    private void EmitBackwardPass(SourceWriter writer)
    {
        EmitDispatch(writer, "void", "Backward", BackwardParameters, "ref parameters, ref gradients, ref state, toInput" + (_pending is null ? string.Empty : ", deferGradient"));

        writer.Line("/// <summary>");
        writer.Line("/// The backward pass from δᴸ in the state: for l = L … 1, ∇Wˡ += δˡaˡ⁻¹ᵀ and ∇bˡ += δˡ, then");
        writer.Line("/// δˡ⁻¹ = (Wˡᵀδˡ) ⊙ f′(zˡ⁻¹); δ⁰ = W¹ᵀδ¹ (∂J/∂input) only when <paramref name=\"toInput\"/>." + (_pending is null ? string.Empty : " With"));
        if (_pending is not null)
        {
            writer.Line("/// <paramref name=\"deferGradient\"/>, the large layers leave ∇W and ∇b to Step (their δ and a are kept).");
        }

        writer.Line("/// </summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        using (writer.Open("internal static void Backward" + LanesArguments + "(" + BackwardParameters + ")" + LanesConstraint))
        {
            _registerBackward?.EmitDispatch(writer);
            for (int index = _layers.Count - 1; index >= 0; index--)
            {
                LayerEmitter layer = _layers[index];
                int n = layer.Layer.Number;
                string arguments = "ref parameters, ref gradients, ref At(ref state, " + NetworkEmitter.DeltaName(n) + "), ref At(ref state, " + NetworkEmitter.ActivationName(n - 1) + ")";
                string defer = layer.DefersGradient ? ", deferGradient" : string.Empty;
                string propagate = layer.BackpropagateName + layer.LanesArguments + "(" + arguments + ", ref At(ref state, " + NetworkEmitter.DeltaName(n - 1) + ")" + defer + ");";
                if (n > 1)
                {
                    writer.Line(propagate);
                    if (HasDerivative(_network.Layers[n - 2]))
                    {
                        using (writer.Open(DerivativeComment(n - 1)))
                        {
                            EmitHiddenDerivative(writer, _layers[n - 2], NetworkEmitter.DeltaName(n - 1), NetworkEmitter.ActivationName(n - 1), "state");
                        }
                    }
                }
                else
                {
                    using (writer.Open("if (toInput)"))
                    {
                        writer.Line(propagate);
                    }

                    if (layer.HasParameters)
                    {
                        using (writer.Open("else"))
                        {
                            writer.Line(layer.AccumulateName + layer.LanesArguments + "(" + arguments + defer + ");");
                        }
                    }
                }
            }
        }
    }

    /// <summary>Whether backpropagating into <paramref name="layer"/>'s output needs f′ (not for the identity).</summary>
    private static bool HasDerivative(LayerModel layer) => ActivationEmitter.FunctionName(layer.Activation) is not null;

    private static string DerivativeComment(int layer) =>
        "// δ" + LayerEmitter.ToSuperscript(layer) + " ⊙= f′(z" + LayerEmitter.ToSuperscript(layer) + ")";

    /// <summary>δ := δ ⊙ f′ for a hidden layer, its δ and a at the given offsets in <paramref name="origin"/>.</summary>
    private void EmitHiddenDerivative(SourceWriter writer, LayerEmitter layer, string deltaOffset, string activationOffset, string origin) =>
        ActivationEmitter.EmitDerivativeAt(writer, _type, layer.Layer.Activation, origin, deltaOffset, activationOffset, layer.Layer.OutputSize, layer.DeltaArrivesAsVector);

    /// <summary>Whether a dense layer has ReLU: a unit that did not fire leaves a row of +0 gradients.</summary>
    private bool HasReluDense => _layers.Any(layer => layer.Layer.Kind == LayerKind.Dense && layer.Layer.Activation == Activation.ReLU);

    /// <summary>The descent of plain gradient descent: the form that leaves alone vectors of +0 gradients where a dense layer has ReLU.</summary>
    private string PlainDescend => "global::NetCompiler.GradientDescent." + (HasReluDense ? "DescendSkippingZeroGradients" : "Descend") + "<" + T + ", TVector, V>";

    private void EmitStep(SourceWriter writer)
    {
        string parameters = "ref " + T + " parameters, ref " + T + " gradients, " + T + " inverseCount, " + T + " learningRate, " + T + " weightDecay";
        VectorLanes.EmitDispatch(writer, _type, "void", "Step", parameters, "ref parameters, ref gradients, inverseCount, learningRate, weightDecay", wide: UsesLanes);
        writer.Line();
        string lanes = VectorLanes.TypeArguments;
        string constraint = " " + VectorLanes.Constraint(_type);
        writer.Line("/// <summary>W := W − α[(1/m)ΔW + λW] and b := b − α(1/m)Δb for every layer, clearing ΔW and Δb on the way.</summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        using (writer.Open("internal static void Step" + lanes + "(" + parameters + ")" + constraint))
        {
            writer.Line("// α/m, the step per unit of accumulated gradient");
            writer.Line(T + " rate = learningRate * inverseCount;");
            using (writer.Open("if (weightDecay == 0)"))
            {
                writer.Line("// λ = 0 (plain gradient descent): weights and biases take the same step, so one pass over them all");
                if (HasReluDense)
                {
                    writer.Line("// (a ReLU unit that did not fire has a row of +0 gradients, left as it is)");
                }

                writer.Line(PlainDescend + "(ref parameters, ref gradients, ParameterCount, rate);");
                writer.Line("return;");
            }

            writer.Line();
            foreach (LayerEmitter layer in _layers.Where(layer => layer.HasParameters))
            {
                EmitDescentWithDecay(writer, _type, layer.Layer);
            }
        }
    }

    /// <summary>
    /// A layer's step with weight decay from its gradients, as <c>Step</c> takes it (in a method with
    /// <c>parameters</c>, <c>gradients</c>, <c>inverseCount</c>, <c>learningRate</c>, <c>weightDecay</c> and <c>rate</c> = α/m).
    /// </summary>
    public static void EmitDescentWithDecay(SourceWriter writer, NumericType type, LayerModel model)
    {
        string number = LayerEmitter.ToSuperscript(model.Number);
        writer.Line("// W" + number + " := W" + number + " − α[(1/m)ΔW" + number + " + λW" + number + "];  b" + number + " := b" + number + " − α(1/m)Δb" + number);
        writer.Line("global::NetCompiler.GradientDescent.DescendWithDecay<" + type.Name + ", TVector, V>(ref At(ref parameters, " + LayerEmitter.Format(model.WeightOffset) + "), ref At(ref gradients, " + LayerEmitter.Format(model.WeightOffset) + "), " + LayerEmitter.Format(model.WeightCount) + ", inverseCount, learningRate, weightDecay);");
        writer.Line("global::NetCompiler.GradientDescent.Descend<" + type.Name + ", TVector, V>(ref At(ref parameters, " + LayerEmitter.Format(model.BiasOffset) + "), ref At(ref gradients, " + LayerEmitter.Format(model.BiasOffset) + "), " + LayerEmitter.Format(model.BiasCount) + ", rate);");
    }

    /// <summary>The statement that writes aᴸ from the register <paramref name="activation"/> to <paramref name="destination"/>, its first OutputSize lanes.</summary>
    public static string StoreFirstLanesCall(string activation, string destination) =>
        "global::NetCompiler.VectorMath.StoreFirstLanes(" + activation + ", ref " + destination + ", OutputSize);";

    /// <summary>"CompiledLayers.Copy(ref source, ref destination, length);": <paramref name="length"/> values (a constant expression) between two ref expressions.</summary>
    public static string CopyCall(string source, string destination, string length) =>
        "CompiledLayers.Copy(ref " + source + ", ref " + destination + ", " + length + ");";

    private void EmitHelpers(SourceWriter writer)
    {
        string vector = _type.Vector;
        writer.Line("/// <summary>The value <paramref name=\"index\"/> places after <paramref name=\"origin\"/>, without a bounds check: every index here is a constant the generator has checked.</summary>");
        writer.Line(NetworkEmitter.AggressiveInliningAttribute);
        writer.Line("internal static ref " + T + " At(ref " + T + " origin, int index) => ref global::System.Runtime.CompilerServices.Unsafe.Add(ref origin, (nint)index);");
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// <paramref name=\"count\"/> values from <paramref name=\"source\"/> to <paramref name=\"destination\"/>, which do not overlap: a block copy");
        writer.Line("/// whose size is a constant at every call, which the JIT writes out as a few moves for a few values, with no call");
        writer.Line("/// (a span's CopyTo at the end of a forward pass was left as a call to Memmove).");
        writer.Line("/// </summary>");
        writer.Line(NetworkEmitter.AggressiveInliningAttribute);
        writer.Line("internal static void Copy(ref " + T + " source, ref " + T + " destination, int count) =>");
        writer.Line("    global::System.Runtime.CompilerServices.Unsafe.CopyBlockUnaligned(ref global::System.Runtime.CompilerServices.Unsafe.As<" + T + ", byte>(ref destination), ref global::System.Runtime.CompilerServices.Unsafe.As<" + T + ", byte>(ref source), (uint)(count * sizeof(" + T + ")));");
        writer.Line();
        writer.Line(NetworkEmitter.AggressiveInliningAttribute);
        writer.Line("private static " + vector + " Load(ref " + T + " origin, int index) => global::System.Numerics.Vector.LoadUnsafe(ref origin, (nuint)index);");
        writer.Line();
        writer.Line(NetworkEmitter.AggressiveInliningAttribute);
        writer.Line("private static void Store(" + vector + " value, ref " + T + " origin, int index) => global::System.Numerics.Vector.StoreUnsafe(value, ref origin, (nuint)index);");
    }
}
