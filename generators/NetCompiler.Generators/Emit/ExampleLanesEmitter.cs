using System.Collections.Generic;
using System.Linq;
using NetCompiler.Generators.Model;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// The batch path of a network made only of small dense layers: a block of examples at once, one
/// per lane of <c>Vector&lt;T&gt;</c> (8 floats or 4 doubles on 256 bits, 4 floats or 2 doubles on
/// 128 bits). The one-example code adds every sum in the same order at every vector width, so the
/// block's size can follow the width. A small network's one-example pass is a
/// chain of dependent operations that leaves most of the CPU idle; side by side in lanes, a block
/// costs about what one example does. Each lane repeats the one-example pass's operations in its
/// order: the layers' <c>…Lanes</c> kernels, the output activation (a softmax only over a few
/// outputs) and the cross-entropy after such a softmax (<see cref="LossEmitter"/>); other output
/// activations and losses run example by example on rows, by the one-example code. Each example's
/// gradient terms are added to ∇ in example order (<c>ExampleTerms</c>), so a batch gives the same
/// bits as one example at a time.
/// </summary>
internal sealed class ExampleLanesEmitter
{
    private readonly NetworkModel _network;
    private readonly NumericType _type;
    private readonly IReadOnlyList<LayerEmitter> _layers;
    private readonly LossEmitter _loss;

    public ExampleLanesEmitter(NetworkModel network, NumericType type, IReadOnlyList<LayerEmitter> layers, LossEmitter loss)
    {
        _network = network;
        _type = type;
        _layers = layers;
        _loss = loss;
    }

    /// <summary>Whether every layer has examples-in-lanes kernels.</summary>
    public static bool Applies(IReadOnlyList<LayerEmitter> layers) => layers.All(layer => layer.RunsExamplesInLanes);

    private string T => _type.Name;

    private int L => _network.Layers.Count;

    private static string Format(int value) => LayerEmitter.Format(value);

    /// <summary>"LanesA1", "LanesD2": a region of the lanes buffer, a vector per value of the layer.</summary>
    private static string LanesName(string stateName) => "Lanes" + stateName;

    private string OutputZName => "Z" + Format(L);

    /// <summary>The test of the generated code that <c>Vector&lt;T&gt;</c> runs on hardware, which the lanes kernels are written on.</summary>
    public string Condition => "CompiledLayers.ExamplesInLanes";

    /// <summary>The lanes buffer: a vector per value of every layer and of the targets, a row per example for the output, then the gradient terms.</summary>
    public void EmitLayoutConstants(SourceWriter writer)
    {
        writer.Line();
        writer.Line("/// <summary>Examples per block of the batch path: one per lane of <c>Vector&lt;T&gt;</c> (" + Format(_type.Vector256Lanes) + " " + T + "s on 256 bits, "
            + Format(_type.Vector128Lanes) + " on 128 bits: ARM64).</summary>");
        writer.Line("internal static int Lanes => " + _type.Vector + ".Count;");
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// Whether the batch path runs a block of examples in vector lanes: wherever <c>Vector&lt;T&gt;</c> runs on vector");
        writer.Line("/// instructions, which it does at any width; each lane repeats the one-example code's operations in its order.");
        writer.Line("/// </summary>");
        writer.Line("internal static bool ExamplesInLanes => global::System.Numerics.Vector.IsHardwareAccelerated;");
        writer.Line();
        writer.Line("// Offsets in the batch buffer, in values per example times Lanes: aˡ, zᴸ (and δˡ, y) of a block, value k of example e");
        writer.Line("// at k·Lanes + e; zᴸ, aᴸ (and δᴸ) as a row per example where the one-example code runs on them; the examples' gradient terms.");
        int offset = 0;
        void Region(string name, int values)
        {
            writer.Line("internal static int " + name + " => " + LanesMultiple(offset) + ";");
            offset += values;
        }

        Region(LanesName(NetworkEmitter.ActivationName(0)), _network.InputSize);
        foreach (LayerModel layer in _network.Layers)
        {
            Region(LanesName(layer.Number == L ? OutputZName : NetworkEmitter.ActivationName(layer.Number)), layer.OutputSize);
        }

        if (_loss.ActivatesOutputInLanes)
        {
            Region(LanesName(OutputName), _network.OutputSize);
        }

        if (_network.IsTrainable)
        {
            foreach (LayerModel layer in _network.Layers)
            {
                Region(LanesName(NetworkEmitter.DeltaName(layer.Number)), layer.OutputSize);
            }

            if (_loss.LossInLanes)
            {
                Region("LanesY", _network.OutputSize);
            }
        }

        if (!_loss.ActivatesOutputInLanes || (_network.IsTrainable && !_loss.LossInLanes))
        {
            int rows = StateLayout.Padded(_network.OutputSize);
            writer.Line("internal const int ExampleStride = " + Format(rows) + ";");
            Region("ExampleZ", rows);
            Region("ExampleA", rows);
            if (_network.IsTrainable)
            {
                Region("ExampleD", rows);
            }
        }

        if (_network.IsTrainable)
        {
            Region("GradientTerms", _network.ParameterCount);
        }

        writer.Line("internal static int BatchBufferSize => " + LanesMultiple(offset) + ";");
    }

    /// <summary>"12 * Lanes": an offset or a size in the lanes buffer, <paramref name="values"/> per example of a block.</summary>
    public static string LanesMultiple(int values) => values == 0 ? "0" : Format(values) + " * Lanes";

    /// <summary><c>ForwardLanes</c>, <c>BackwardLanes</c> and their helpers, then the layers' lanes kernels.</summary>
    public void Emit(SourceWriter writer)
    {
        EmitForwardLanes(writer);
        writer.Line();
        EmitCopyOutputs(writer);
        if (_loss.ActivatesOutputInLanes)
        {
            writer.Line();
            _loss.EmitActivateOutputLanes(writer);
        }

        if (_network.IsTrainable)
        {
            writer.Line();
            EmitBackwardLanes(writer);
            if (_loss.LossInLanes)
            {
                writer.Line();
                _loss.EmitLossLanes(writer);
            }
        }

        foreach (LayerEmitter layer in _layers)
        {
            writer.Line();
            layer.EmitForwardLanes(writer);
            if (_network.IsTrainable)
            {
                writer.Line();
                layer.EmitBackwardLanes(writer, propagate: layer.Layer.Number > 1);
            }
        }

        writer.Line();
        EmitHelpers(writer);
    }

    /// <summary>"A3": aᴸ, the network's output.</summary>
    private string OutputName => NetworkEmitter.ActivationName(L);

    private void EmitForwardLanes(SourceWriter writer)
    {
        string l = LayerEmitter.ToSuperscript(L);
        writer.Line("/// <summary>");
        writer.Line("/// The forward pass of a block of <see cref=\"Lanes\"/> examples (rows of <paramref name=\"inputs\"/>), example e in");
        writer.Line("/// lane e of every vector, each lane to the bits of its example alone; leaves a" + l + (_loss.ActivatesOutputInLanes ? " in the lanes." : " and z" + l + " a row per example."));
        writer.Line("/// </summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        using (writer.Open("internal static void ForwardLanes(ref " + T + " parameters, ref " + T + " inputs, ref " + T + " lanes)"))
        {
            writer.Line("ToLanes(ref inputs, InputSize, InputSize, ref At(ref lanes, " + LanesName(NetworkEmitter.ActivationName(0)) + "));");
            foreach (LayerEmitter layer in _layers)
            {
                int n = layer.Layer.Number;
                string output = layer.IsLast ? OutputZName : NetworkEmitter.ActivationName(n);
                writer.Line(layer.ForwardLanesName + "(ref parameters, ref At(ref lanes, " + LanesName(NetworkEmitter.ActivationName(n - 1)) + "), ref At(ref lanes, " + LanesName(output) + "));");
            }

            if (_loss.ActivatesOutputInLanes)
            {
                writer.Line("ActivateOutputLanes(ref At(ref lanes, " + LanesName(OutputZName) + "), ref At(ref lanes, " + LanesName(OutputName) + "));");
                return;
            }

            writer.Line("// each example's z" + l + " into its row, then a" + l + " = f(z" + l + ") there by the one-example code");
            writer.Line("ToRows(ref At(ref lanes, " + LanesName(OutputZName) + "), OutputSize, ref At(ref lanes, ExampleZ), ExampleStride);");
            using (writer.Open("for (int e = 0; e < Lanes; e++)"))
            {
                writer.Line("ActivateOutput(ref At(ref lanes, ExampleZ + e * ExampleStride), ref At(ref lanes, ExampleA + e * ExampleStride));");
            }
        }
    }

    /// <summary><c>CopyOutputs</c>: the block's outputs aᴸ into their rows of a batch's outputs.</summary>
    private void EmitCopyOutputs(SourceWriter writer)
    {
        writer.Line("/// <summary>The outputs a" + LayerEmitter.ToSuperscript(L) + " of the block in <paramref name=\"lanes\"/> into their rows of <paramref name=\"outputs\"/>.</summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        using (writer.Open("internal static void CopyOutputs(ref " + T + " lanes, ref " + T + " outputs)"))
        {
            if (_loss.ActivatesOutputInLanes)
            {
                writer.Line("ToRows(ref At(ref lanes, " + LanesName(OutputName) + "), OutputSize, ref outputs, OutputSize);");
                return;
            }

            using (writer.Open("for (int e = 0; e < Lanes; e++)"))
            {
                writer.Line(CompiledLayersEmitter.CopyCall("At(ref lanes, ExampleA + e * ExampleStride)", "At(ref outputs, e * OutputSize)", "OutputSize"));
            }
        }
    }

    private void EmitBackwardLanes(SourceWriter writer)
    {
        string l = LayerEmitter.ToSuperscript(L);
        string last = NetworkEmitter.DeltaName(L);
        writer.Line("/// <summary>");
        writer.Line("/// Forward pass, loss and backward pass of a block of <see cref=\"Lanes\"/> examples, one per lane: adds their");
        writer.Line("/// losses to <paramref name=\"loss\"/> and their gradients to ∇, each in example order, and returns the loss.");
        writer.Line("/// </summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        using (writer.Open("internal static " + T + " BackwardLanes(ref " + T + " parameters, ref " + T + " gradients, ref " + T + " inputs, ref " + T + " targets, ref " + T + " lanes, " + T + " loss)"))
        {
            writer.Line("ForwardLanes(ref parameters, ref inputs, ref lanes);");
            if (_loss.LossInLanes)
            {
                writer.Line("ToLanes(ref targets, OutputSize, OutputSize, ref At(ref lanes, LanesY));");
                writer.Line("loss = LossLanes(ref At(ref lanes, " + LanesName(OutputZName) + "), ref At(ref lanes, " + LanesName(OutputName) + "), ref At(ref lanes, " + LanesName(last) + "), ref At(ref lanes, LanesY), loss);");
            }
            else
            {
                writer.Line("// each example's J and δ" + l + " by the one-example code, then δ" + l + " into the lanes");
                if (_loss.ActivatesOutputInLanes)
                {
                    writer.Line("ToRows(ref At(ref lanes, " + LanesName(OutputZName) + "), OutputSize, ref At(ref lanes, ExampleZ), ExampleStride);");
                    writer.Line("ToRows(ref At(ref lanes, " + LanesName(OutputName) + "), OutputSize, ref At(ref lanes, ExampleA), ExampleStride);");
                }

                using (writer.Open("for (int e = 0; e < Lanes; e++)"))
                {
                    writer.Line("loss += Loss(ref At(ref lanes, ExampleZ + e * ExampleStride), ref At(ref lanes, ExampleA + e * ExampleStride), ref At(ref lanes, ExampleD + e * ExampleStride), ref At(ref targets, e * OutputSize));");
                }

                writer.Line("ToLanes(ref At(ref lanes, ExampleD), ExampleStride, OutputSize, ref At(ref lanes, " + LanesName(last) + "));");
            }

            for (int index = _layers.Count - 1; index >= 0; index--)
            {
                LayerEmitter layer = _layers[index];
                int n = layer.Layer.Number;
                string common = "ref At(ref lanes, " + LanesName(NetworkEmitter.DeltaName(n)) + "), ref At(ref lanes, " + LanesName(NetworkEmitter.ActivationName(n - 1)) + "), ref At(ref lanes, GradientTerms)";
                if (n == 1)
                {
                    writer.Line(layer.AccumulateLanesName + "(" + common + ");");
                    continue;
                }

                writer.Line(layer.BackpropagateLanesName + "(ref parameters, " + common + ", ref At(ref lanes, " + LanesName(NetworkEmitter.DeltaName(n - 1)) + "));");
                EmitHiddenDerivative(writer, _network.Layers[n - 2]);
            }

            writer.Line("// ∇ += the examples' gradient terms, one example after another as one at a time adds them");
            writer.Line("global::NetCompiler.ExampleTerms.AddInOrder(ref gradients, ref At(ref lanes, GradientTerms), ParameterCount, Lanes);");
            writer.Line("return loss;");
        }
    }

    /// <summary>δˡ ⊙= f′(zˡ) on the lanes of a hidden layer: a vector per unit (nothing for the identity).</summary>
    private void EmitHiddenDerivative(SourceWriter writer, LayerModel layer)
    {
        if (ActivationEmitter.DerivativeFromOutputName(layer.Activation) is not { } derivative)
        {
            return;
        }

        string number = LayerEmitter.ToSuperscript(layer.Number);
        using (writer.Open("// δ" + number + " ⊙= f′(z" + number + "), " + ActivationEmitter.DerivativeFormula(layer.Activation) + ", a vector per unit"))
        {
            writer.Line("ref " + T + " delta = ref At(ref lanes, " + LanesName(NetworkEmitter.DeltaName(layer.Number)) + ");");
            writer.Line("ref " + T + " a = ref At(ref lanes, " + LanesName(NetworkEmitter.ActivationName(layer.Number)) + ");");
            using (writer.Open("for (int k = 0; k < " + Format(layer.OutputSize) + "; k++)"))
            {
                writer.Line("StoreLanes(LoadLanes(ref delta, k) * " + derivative + "(LoadLanes(ref a, k)), ref delta, k);");
            }
        }
    }

    /// <summary>A loop over the examples of a block and <c>length</c> values each: <c>At(ref to) = At(ref from)</c>.</summary>
    private static void EmitTranspose(SourceWriter writer, string name, string parameters, string to, string from, string summary)
    {
        writer.Line("/// <summary>" + summary + "</summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        using (writer.Open("private static void " + name + "(" + parameters + ")"))
        {
            using (writer.Open("for (int e = 0; e < Lanes; e++)"))
            {
                using (writer.Open("for (int k = 0; k < length; k++)"))
                {
                    writer.Line("At(ref " + to + ") = At(ref " + from + ");");
                }
            }
        }
    }

    private void EmitHelpers(SourceWriter writer)
    {
        EmitTranspose(writer, "ToLanes", "ref " + T + " rows, int stride, int length, ref " + T + " region", "region, k * Lanes + e", "rows, e * stride + k",
            "A row per example (<paramref name=\"stride\"/> apart, <paramref name=\"length\"/> values each) into a lanes region: value k of example e to lane e of vector k.");
        writer.Line();
        EmitTranspose(writer, "ToRows", "ref " + T + " region, int length, ref " + T + " rows, int stride", "rows, e * stride + k", "region, k * Lanes + e",
            "A lanes region of <paramref name=\"length\"/> vectors into a row per example, <paramref name=\"stride\"/> apart.");
        writer.Line();
        string vector = _type.Vector;
        writer.Line("/// <summary>Value <paramref name=\"index\"/> of every example of a block: vector <paramref name=\"index\"/> of a lanes region.</summary>");
        writer.Line(NetworkEmitter.AggressiveInliningAttribute);
        writer.Line("private static " + vector + " LoadLanes(ref " + T + " region, int index) => global::System.Numerics.Vector.LoadUnsafe(ref region, (nuint)(index * Lanes));");
        writer.Line();
        writer.Line(NetworkEmitter.AggressiveInliningAttribute);
        writer.Line("private static void StoreLanes(" + vector + " value, ref " + T + " region, int index) => global::System.Numerics.Vector.StoreUnsafe(value, ref region, (nuint)(index * Lanes));");
        writer.Line();
        writer.Line("/// <summary>A parameter in every lane, the same for every example.</summary>");
        writer.Line(NetworkEmitter.AggressiveInliningAttribute);
        writer.Line("private static " + vector + " AllLanes(" + T + " value) => new " + vector + "(value);");
    }
}
