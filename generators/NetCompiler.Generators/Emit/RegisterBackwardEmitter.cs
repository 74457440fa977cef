using System.Collections.Generic;
using System.Linq;
using NetCompiler.Generators.Model;
using NetCompiler.Shared;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// One example's backward pass through a network of small dense layers, in registers: every δ a
/// local, computed layer after layer from the activations the forward pass left in the state, and
/// this example's gradient added to ∇ in the very vectors <c>Step</c> then loads. Written layer by
/// layer, such layers add their gradients value by value, and a vector load of values just stored
/// one by one waits until those stores reach the cache (store forwarding cannot combine them):
/// in training one example at a time, every <c>Step</c> waited so.
/// </summary>
/// <remarks>
/// Every value is computed as the layer-by-layer code computes it (the same sums in the same order,
/// δ times f′, ∇ plus the product), so both give the same bits; the layer-by-layer pass stays for
/// vectors of other widths, whose <c>Step</c> adds other blocks. Networks whose layers already add
/// their gradients as vectors (rows of one vector, δ that arrives as one) keep those.
/// </remarks>
internal sealed class RegisterBackwardEmitter
{
    /// <summary>At most this many parameters: the method holds a local per δ and an expression per parameter.</summary>
    public const int ParameterLimit = 256;

    private readonly NetworkModel _network;
    private readonly NumericType _type;

    public RegisterBackwardEmitter(NetworkModel network, NumericType type)
    {
        _network = network;
        _type = type;
    }

    /// <summary>
    /// Whether a network takes this pass: trainable, every layer a small dense layer that adds its
    /// gradient value by value, every hidden activation elementwise, and at most <see cref="ParameterLimit"/> parameters.
    /// </summary>
    public static bool Applies(NetworkModel network, IReadOnlyList<LayerEmitter> layers) =>
        network.IsTrainable
        && network.ParameterCount <= ParameterLimit
        && layers.All(layer => layer is DenseLayerEmitter { AddsGradientValueByValue: true })
        && network.Layers.Take(network.Layers.Count - 1).All(layer => layer.Activation == Activation.Identity || ActivationEmitter.FunctionName(layer.Activation) is not null);

    public const string MethodName = "BackwardInRegisters";

    private string T => _type.Name;

    private int Lanes => _type.Vector256Lanes;

    private static string Format(int value) => LayerEmitter.Format(value);

    private static string Delta(int layer, int unit) => "d" + Format(layer) + "_" + Format(unit);

    private static string Activated(int layer, int unit) => "a" + Format(layer) + "_" + Format(unit);

    private static string Weights(int layer) => "w" + Format(layer);

    /// <summary>The test and call at the top of <c>Backward</c>: this pass wherever <c>Step</c> adds 256-bit vectors.</summary>
    public void EmitDispatch(SourceWriter writer)
    {
        writer.Line("// Step adds vectors of 256 bits here: the gradient goes in as those vectors, all of it from registers");
        using (writer.Open("if (" + _type.VectorIs256Bits + ")"))
        {
            writer.Line(MethodName + "(ref parameters, ref gradients, ref state, toInput);");
            writer.Line("return;");
        }

        writer.Line();
    }

    public void Emit(SourceWriter writer)
    {
        int last = _network.Layers.Count;
        writer.Line("/// <summary>");
        writer.Line("/// The backward pass of one example with every δ in a register: δˡ⁻¹ = (Wˡᵀδˡ) ⊙ f′(zˡ⁻¹) from δ" + LayerEmitter.ToSuperscript(last) + " down,");
        writer.Line("/// then ∇W += δaᵀ and ∇b += δ for all layers, a 256-bit vector of ∇ at a time (as Step loads it);");
        writer.Line("/// δ⁰ = W¹ᵀδ¹ (∂J/∂input) only when <paramref name=\"toInput\"/>. The same values as the layer-by-layer pass.");
        writer.Line("/// </summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        using (writer.Open("private static void " + MethodName + "(ref " + T + " parameters, ref " + T + " gradients, ref " + T + " state, bool toInput)"))
        {
            string lastSuperscript = LayerEmitter.ToSuperscript(last);
            writer.Line("// δ" + lastSuperscript + " = ∂J/∂z" + lastSuperscript + ", as the loss left it");
            EmitStateLocals(writer, Delta, last, NetworkEmitter.DeltaName(last), _network.OutputSize);
            for (int n = last; n >= 1; n--)
            {
                LayerModel layer = _network.Layers[n - 1];
                string superscript = LayerEmitter.ToSuperscript(n);
                string previous = LayerEmitter.ToSuperscript(n - 1);
                writer.Line("// a" + previous + (n == 1 ? " (the input)" : string.Empty) + " and W" + superscript);
                EmitStateLocals(writer, Activated, n - 1, NetworkEmitter.ActivationName(n - 1), layer.InputSize);
                writer.Line("ref " + T + " " + Weights(n) + " = ref At(ref parameters, " + Format(layer.WeightOffset) + "); // W" + superscript + ": " + Format(layer.OutputSize) + " × " + Format(layer.InputSize) + ", row-major");
                if (n > 1)
                {
                    Activation activation = _network.Layers[n - 2].Activation;
                    string? derivative = ActivationEmitter.DerivativeFromOutputName(activation);
                    writer.Line("// δ" + previous + " = (W" + superscript + "ᵀδ" + superscript + ") ⊙ f′(z" + previous + ")" + (derivative is null ? ", f′ = 1" : ", " + ActivationEmitter.DerivativeFormula(activation)));
                    for (int i = 0; i < layer.InputSize; i++)
                    {
                        string sum = TransposedProduct(layer, n, i);
                        string value = derivative is null ? sum : "(" + sum + ") * " + derivative + "(" + Activated(n - 1, i) + ")";
                        writer.Line(T + " " + Delta(n - 1, i) + " = " + value + ";");
                    }
                }
            }

            LayerModel first = _network.Layers[0];
            using (writer.Open("if (toInput)"))
            {
                writer.Line("// δ⁰ = W¹ᵀδ¹");
                for (int i = 0; i < first.InputSize; i++)
                {
                    writer.Line("At(ref state, " + Offset(NetworkEmitter.DeltaName(0), i) + ") = " + TransposedProduct(first, 1, i) + ";");
                }
            }

            EmitGradient(writer);
        }
    }

    /// <summary>Locals name(layer, i) = At(ref state, region + i) for i &lt; count.</summary>
    private void EmitStateLocals(SourceWriter writer, System.Func<int, int, string> name, int layer, string region, int count)
    {
        for (int i = 0; i < count; i++)
        {
            writer.Line(T + " " + name(layer, i) + " = At(ref state, " + Offset(region, i) + ");");
        }
    }

    /// <summary>"A1", "A1 + 2": value <paramref name="i"/> of a region of the state.</summary>
    private static string Offset(string region, int i) => i == 0 ? region : region + " + " + Format(i);

    /// <summary>(Wᵀδ)ᵢ = Σⱼ Wⱼᵢδⱼ of layer <paramref name="n"/>, in row order as the layer-by-layer pass adds it.</summary>
    private static string TransposedProduct(LayerModel layer, int n, int i) =>
        string.Join(" + ", Enumerable.Range(0, layer.OutputSize).Select(j => "At(ref " + Weights(n) + ", " + Format(j * layer.InputSize + i) + ") * " + Delta(n, j)));

    /// <summary>
    /// ∇ += this example's gradient: each whole 256-bit vector of the parameters gets one vector of
    /// terms (δⱼaᵢ for a weight, δⱼ for a bias), the rest value by value, as <c>Step</c>'s tail takes them.
    /// </summary>
    private void EmitGradient(SourceWriter writer)
    {
        int count = _network.ParameterCount;
        int vectors = count / Lanes;
        string vector256 = NumericType.Vector256Class;
        writer.Line("// ∇Wˡ += δˡaˡ⁻¹ᵀ and ∇bˡ += δˡ, a vector of ∇ at a time: " + string.Join(", ", _network.Layers.Select(Region)));
        for (int v = 0; v < vectors; v++)
        {
            string start = Format(v * Lanes);
            string terms = vector256 + ".Create(" + string.Join(", ", Enumerable.Range(v * Lanes, Lanes).Select(Term)) + ")";
            writer.Line(vector256 + ".StoreUnsafe(" + vector256 + ".LoadUnsafe(ref gradients, " + start + ") + " + terms + ", ref gradients, " + start + ");");
        }

        for (int p = vectors * Lanes; p < count; p++)
        {
            writer.Line("At(ref gradients, " + Format(p) + ") += " + Term(p) + ";");
        }
    }

    /// <summary>"∇W¹ from 0, ∇b¹ from 12": where each layer's gradient lies, for the comment.</summary>
    private static string Region(LayerModel layer)
    {
        string superscript = LayerEmitter.ToSuperscript(layer.Number);
        return "∇W" + superscript + " from " + Format(layer.WeightOffset) + ", ∇b" + superscript + " from " + Format(layer.BiasOffset);
    }

    /// <summary>The gradient term of parameter <paramref name="p"/>: δⱼaᵢ for Wⱼᵢ, δⱼ for bⱼ.</summary>
    private string Term(int p)
    {
        LayerModel layer = _network.Layers.Last(candidate => candidate.WeightOffset <= p);
        int n = layer.Number;
        if (p >= layer.BiasOffset)
        {
            return Delta(n, p - layer.BiasOffset);
        }

        int k = p - layer.WeightOffset;
        return Delta(n, k / layer.InputSize) + " * " + Activated(n - 1, k % layer.InputSize);
    }
}
