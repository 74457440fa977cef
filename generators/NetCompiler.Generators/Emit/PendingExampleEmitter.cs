using System.Collections.Generic;
using System.Linq;
using NetCompiler.Generators.Model;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// The pending example of a trainable network with large dense layers: when one example's
/// <c>Backward</c> is the first since the last step, those layers do not add δaᵀ to ∇W (nor δ to ∇b);
/// their δ and input a are kept instead, and <c>Step</c> takes W −= α[(1/m)·δaᵀ + λW] from them,
/// rounded as the accumulation and the step would have been, without reading or writing ∇W (for W3 and
/// W4 one SGD step touches no gradient at all, and without weight decay skips the rows of the ReLU
/// units that did not fire). Anything else that needs ∇W first adds the pending example to it (<c>AddPending</c>).
/// </summary>
internal sealed class PendingExampleEmitter
{
    private readonly NetworkModel _network;
    private readonly NumericType _type;
    private readonly IReadOnlyList<LayerModel> _layers;
    private readonly Dictionary<int, int> _deltaOffsets = new();
    private readonly Dictionary<int, int> _inputOffsets = new();

    private PendingExampleEmitter(NetworkModel network, NumericType type, IReadOnlyList<LayerModel> layers)
    {
        _network = network;
        _type = type;
        _layers = layers;
        int offset = 0;
        foreach (LayerModel layer in layers)
        {
            _deltaOffsets[layer.Number] = offset;
            offset += StateLayout.Padded(layer.OutputSize);
            _inputOffsets[layer.Number] = offset;
            offset += StateLayout.Padded(layer.InputSize);
        }

        Size = offset;
    }

    /// <summary>The pending example of <paramref name="network"/>, or null when it trains no large dense layer.</summary>
    public static PendingExampleEmitter? For(NetworkModel network, NumericType type)
    {
        List<LayerModel> layers = network.Layers.Where(layer => DefersGradient(layer, type)).ToList();
        return network.IsTrainable && layers.Count > 0 ? new PendingExampleEmitter(network, type, layers) : null;
    }

    /// <summary>A large dense layer: its one-example backward pass is the runtime's kernel, which can leave ∇W alone.</summary>
    public static bool DefersGradient(LayerModel layer, NumericType type) => layer.Kind == Shared.LayerKind.Dense && !DenseLayerEmitter.IsUnrolled(layer, type);

    /// <summary>Values in the pending example: each layer's δ and a, padded to whole vectors.</summary>
    public int Size { get; }

    private string T => _type.Name;

    private static string DeltaName(LayerModel layer) => "PendingDelta" + LayerEmitter.Format(layer.Number);

    private static string InputName(LayerModel layer) => "PendingInput" + LayerEmitter.Format(layer.Number);

    public void EmitLayoutConstants(SourceWriter writer)
    {
        writer.Line();
        writer.Line("// Offsets in the pending example: δˡ and aˡ⁻¹ of each large layer.");
        foreach (LayerModel layer in _layers)
        {
            writer.Line("internal const int " + DeltaName(layer) + " = " + LayerEmitter.Format(_deltaOffsets[layer.Number]) + ";");
            writer.Line("internal const int " + InputName(layer) + " = " + LayerEmitter.Format(_inputOffsets[layer.Number]) + ";");
        }

        writer.Line("internal const int PendingSize = " + LayerEmitter.Format(Size) + ";");
    }

    /// <summary>KeepPending, AddPending and StepPending, the last with the descent of every other parameter.</summary>
    public void EmitMethods(SourceWriter writer, string plainDescend)
    {
        EmitKeep(writer);
        writer.Line();
        EmitAdd(writer);
        writer.Line();
        EmitStep(writer, plainDescend);
    }

    private void EmitKeep(SourceWriter writer)
    {
        writer.Line("/// <summary>After a backward pass that left the large layers' gradients alone: their δ and a, from the state into the pending example.</summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        using (writer.Open("internal static void KeepPending(ref " + T + " state, ref " + T + " pending)"))
        {
            foreach (LayerModel layer in _layers)
            {
                writer.Line(CompiledLayersEmitter.CopyCall("At(ref state, " + NetworkEmitter.DeltaName(layer.Number) + ")", "At(ref pending, " + DeltaName(layer) + ")", LayerEmitter.Format(StateLayout.Padded(layer.OutputSize))));
                writer.Line(CompiledLayersEmitter.CopyCall("At(ref state, " + NetworkEmitter.ActivationName(layer.Number - 1) + ")", "At(ref pending, " + InputName(layer) + ")", LayerEmitter.Format(StateLayout.Padded(layer.InputSize))));
            }
        }
    }

    private void EmitAdd(SourceWriter writer)
    {
        string parameters = "ref " + T + " gradients, ref " + T + " pending";
        VectorLanes.EmitDispatch(writer, _type, "void", "AddPending", parameters, "ref gradients, ref pending");
        writer.Line();
        writer.Line("/// <summary>The pending example's gradient of the large layers, added as their backward pass would have: ∇Wˡ += δˡaˡ⁻¹ᵀ, ∇bˡ += δˡ.</summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        using (writer.Open("internal static void AddPending" + VectorLanes.TypeArguments + "(" + parameters + ") " + VectorLanes.Constraint(_type)))
        {
            foreach (LayerModel layer in _layers)
            {
                writer.Line("global::NetCompiler.DenseBackward.Accumulate<" + T + ", " + DenseLayerEmitter.ShapeNameOf(layer) + ", " + VectorLanes.ForRowsOf(layer.InputSize, _type) + ">(ref At(ref gradients, " + LayerEmitter.Format(layer.WeightOffset) + "), ref At(ref gradients, "
                    + LayerEmitter.Format(layer.BiasOffset) + "), ref At(ref pending, " + DeltaName(layer) + "), ref At(ref pending, " + InputName(layer) + "));");
            }
        }
    }

    private void EmitStep(SourceWriter writer, string plainDescend)
    {
        string parameters = "ref " + T + " parameters, ref " + T + " gradients, ref " + T + " pending, " + T + " inverseCount, " + T + " learningRate, " + T + " weightDecay";
        VectorLanes.EmitDispatch(writer, _type, "void", "StepPending", parameters, "ref parameters, ref gradients, ref pending, inverseCount, learningRate, weightDecay");
        writer.Line();
        writer.Line("/// <summary>Step after one example whose gradient of the large layers is pending: W −= α[(1/m)·δaᵀ + λW] and b −= (α/m)·δ from it, every other parameter from its gradient (cleared).</summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        using (writer.Open("internal static void StepPending" + VectorLanes.TypeArguments + "(" + parameters + ") " + VectorLanes.Constraint(_type)))
        {
            writer.Line("// α/m, the step per unit of accumulated gradient");
            writer.Line(T + " rate = learningRate * inverseCount;");
            using (writer.Open("if (weightDecay == 0)"))
            {
                EmitPlainDescent(writer, plainDescend);
                writer.Line("return;");
            }

            writer.Line();
            foreach (LayerModel layer in _network.Layers.Where(layer => layer.WeightCount + layer.BiasCount > 0))
            {
                if (!DefersGradient(layer, _type))
                {
                    CompiledLayersEmitter.EmitDescentWithDecay(writer, _type, layer);
                    continue;
                }

                string number = LayerEmitter.ToSuperscript(layer.Number);
                writer.Line("// W" + number + " −= α[(1/m)·δ" + number + "a" + LayerEmitter.ToSuperscript(layer.Number - 1) + "ᵀ + λW" + number + "], b" + number + " −= (α/m)·δ" + number + ", row by row");
                writer.Line("global::NetCompiler.GradientDescent.DescendOuterProductWithDecay<" + T + ", " + VectorLanes.ForRowsOf(layer.InputSize, _type) + ">(" + OuterProductArguments(layer) + ", inverseCount, learningRate, weightDecay);");
            }
        }
    }

    /// <summary>Plain gradient descent (λ = 0), every parameter in order: the large layers' from the pending example, the others' from their gradients.</summary>
    private void EmitPlainDescent(SourceWriter writer, string plainDescend)
    {
        var others = new List<string>();
        int start = 0;
        foreach (LayerModel layer in _network.Layers.Where(layer => layer.WeightCount + layer.BiasCount > 0))
        {
            string number = LayerEmitter.ToSuperscript(layer.Number);
            if (!DefersGradient(layer, _type))
            {
                others.Add("W" + number);
                others.Add("b" + number);
                continue;
            }

            EmitDescent(writer, plainDescend, others, start, layer.WeightOffset);
            string previous = LayerEmitter.ToSuperscript(layer.Number - 1);
            // after a ReLU about half the units have a δ of zero: the runtime skips their rows where that pays
            bool skipsZeroDeltas = layer.Activation == Activation.ReLU;
            writer.Line("// W" + number + " −= (α/m)·δ" + number + "a" + previous + "ᵀ, b" + number + " −= (α/m)·δ" + number + ": row by row" + (skipsZeroDeltas ? ", skipping the units whose δ is zero" : ""));
            writer.Line("global::NetCompiler.GradientDescent." + (skipsZeroDeltas ? "DescendOuterProductSkippingZeroDeltas" : "DescendOuterProduct") + "<" + T + ", " + VectorLanes.ForRowsOf(layer.InputSize, _type) + ">(" + OuterProductArguments(layer) + ", rate);");
            start = layer.BiasOffset + layer.BiasCount;
        }

        EmitDescent(writer, plainDescend, others, start, _network.ParameterCount);
    }

    /// <summary>The arguments every outer-product step of <paramref name="layer"/> starts with: its W and b, its pending δ and a, its sizes.</summary>
    private static string OuterProductArguments(LayerModel layer) =>
        "ref At(ref parameters, " + LayerEmitter.Format(layer.WeightOffset) + "), ref At(ref parameters, " + LayerEmitter.Format(layer.BiasOffset)
        + "), ref At(ref pending, " + DeltaName(layer) + "), ref At(ref pending, " + InputName(layer) + "), " + LayerEmitter.Format(layer.OutputSize) + ", " + LayerEmitter.Format(layer.InputSize);

    /// <summary>The descent of the parameters [<paramref name="start"/>, <paramref name="end"/>) from their gradients, named in <paramref name="names"/> (then cleared).</summary>
    private static void EmitDescent(SourceWriter writer, string plainDescend, List<string> names, int start, int end)
    {
        if (end == start)
        {
            return;
        }

        writer.Line("// " + string.Join(", ", names) + " from their gradients");
        writer.Line(plainDescend + "(ref At(ref parameters, " + LayerEmitter.Format(start) + "), ref At(ref gradients, " + LayerEmitter.Format(start) + "), " + LayerEmitter.Format(end - start) + ", rate);");
        names.Clear();
    }
}
