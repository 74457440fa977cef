using System.Collections.Generic;
using System.Linq;
using NetCompiler.Generators.Model;
using NetCompiler.Shared;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// One example's backward pass through a network of small dense layers in registers, and, where
/// the output is a small softmax with cross-entropy, its whole training pass (<c>TrainInRegisters</c>:
/// the forward pass, softmax, loss and δᴸ in registers too, then the same backward pass): every
/// layer's δ and input a one 256-bit vector, δˡ⁻¹ = (Wˡᵀδˡ) ⊙ f′(zˡ⁻¹) as vector products of W's
/// rows, and this example's gradient added to ∇ in the very vectors <c>Step</c> then loads, each
/// built from δ and a by shuffles (the terms δⱼaᵢ, and δⱼ for a bias). Layer by layer, δ went
/// through the state between the layers, and small layers added their gradients value by value:
/// a vector load of values just stored one by one waits until those stores reach the cache (store
/// forwarding cannot combine them), and in training one example at a time every <c>Step</c> waited so.
/// </summary>
/// <remarks>
/// Every value is computed as the layer-by-layer pass computes it (Wᵀδ summed over the rows in row
/// order, δ times f′, ∇ plus the term; a bias's term δⱼ·1 is δⱼ), so both give the same bits. It needs
/// <c>Vector&lt;T&gt;</c> to be 256 bits wide, as <c>Step</c>'s vectors then are (and AVX, which such a
/// vector implies); elsewhere <c>Backward</c> runs layer by layer.
/// </remarks>
internal sealed class RegisterBackwardEmitter
{
    /// <summary>At most this many parameters: the method writes an expression per vector of them.</summary>
    public const int ParameterLimit = 256;

    private const string MethodName = "BackwardInRegisters";

    /// <summary>The method of <see cref="EmitTraining"/>.</summary>
    public const string TrainingName = "TrainInRegisters";

    private const string Vector256Class = NumericType.Vector256Class;

    private readonly NetworkModel _network;
    private readonly NumericType _type;

    public RegisterBackwardEmitter(NetworkModel network, NumericType type)
    {
        _network = network;
        _type = type;
    }

    /// <summary>
    /// Whether a network takes this pass: trainable, at most <see cref="ParameterLimit"/> parameters,
    /// every layer an unrolled dense one whose inputs and units each fit one 256-bit vector, and every
    /// hidden activation elementwise with a derivative (its activation is then stored as one vector).
    /// </summary>
    public static bool Applies(NetworkModel network, NumericType type) =>
        network.IsTrainable
        && network.ParameterCount <= ParameterLimit
        && network.Layers.All(layer => layer.Kind == LayerKind.Dense && DenseLayerEmitter.IsUnrolled(layer, type)
            && layer.InputSize <= type.Vector256Lanes && layer.OutputSize <= type.Vector256Lanes)
        && network.Layers.Take(network.Layers.Count - 1).All(layer => ActivationEmitter.DerivativeFromOutputName(layer.Activation) is not null);

    private string T => _type.Name;

    private int Lanes => _type.Vector256Lanes;

    private int L => _network.Layers.Count;

    private static string Format(int value) => LayerEmitter.Format(value);

    private static string Delta(int layer) => "d" + Format(layer);

    private static string Activated(int layer) => "a" + Format(layer);

    /// <summary>The test and call at the top of <c>Backward</c>: this pass wherever <c>Step</c> adds 256-bit vectors.</summary>
    public void EmitDispatch(SourceWriter writer)
    {
        writer.Line("// Step adds 256-bit vectors here: δ stays in registers and the gradient goes in as those vectors");
        using (writer.Open("if (" + _type.VectorIs256Bits + ")"))
        {
            writer.Line(MethodName + "(ref parameters, ref gradients, ref state, toInput);");
            writer.Line("return;");
        }

        writer.Line();
    }

    /// <summary>
    /// <c>TrainInRegisters</c>: one example's forward pass, its softmax and cross-entropy and its
    /// backward pass with every output, δ and a kept in registers (and the state filled as
    /// <c>ForwardPass</c> leaves it). <paramref name="forwardCalls"/> writes the layers' forward calls,
    /// which leave a¹ … aᴸ⁻¹ in the locals a1 … and zᴸ in the local named by <paramref name="lastOutput"/>.
    /// </summary>
    public void EmitTraining(SourceWriter writer, LossEmitter loss, System.Action forwardCalls, string lastOutput)
    {
        string last = LayerEmitter.ToSuperscript(L);
        writer.Line("/// <summary>");
        writer.Line("/// One example's training pass in registers, from a⁰ in the state: the forward pass, each layer's output handed on in a");
        writer.Line("/// register (and stored, as Forward leaves the state), softmax and cross-entropy from z" + last + ", then <see cref=\"" + CoreName + "\"/>");
        writer.Line("/// from those registers; returns J. The same values as ForwardPass, Loss and Backward.");
        writer.Line("/// </summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        using (writer.Open("internal static " + T + " " + TrainingName + "(ref " + T + " parameters, ref " + T + " gradients, ref " + T + " state, ref " + T + " target)"))
        {
            writer.Line("// the forward pass");
            forwardCalls();
            loss.EmitSoftmaxCrossEntropyOnValues(writer, lastOutput, NetworkEmitter.ActivationName(L));
            writer.Line("// the backward pass from δ" + last + " = ∂J/∂z" + last + " and the input a⁰, as the forward pass stored it");
            string input = ValuesOf(NetworkEmitter.ActivationName(0), _network.InputSize);
            writer.Line(CoreName + "(ref parameters, ref gradients, delta, " + input + string.Concat(Enumerable.Range(1, L - 1).Select(n => ", " + Activated(n))) + ");");
            loss.EmitCrossEntropyValue(writer);
        }
    }

    public void Emit(SourceWriter writer)
    {
        string last = LayerEmitter.ToSuperscript(L);
        writer.Line("/// <summary>");
        writer.Line("/// The backward pass of one example in 256-bit registers, from δ" + last + " and the activations in the state:");
        writer.Line("/// <see cref=\"" + CoreName + "\"/>, then δ⁰ = W¹ᵀδ¹ (∂J/∂input) only when <paramref name=\"toInput\"/>.");
        writer.Line("/// The same values as the layer-by-layer pass.");
        writer.Line("/// </summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        using (writer.Open("private static void " + MethodName + "(ref " + T + " parameters, ref " + T + " gradients, ref " + T + " state, bool toInput)"))
        {
            writer.Line("// δ" + last + " = ∂J/∂z" + last + " as the loss left it, value by value; the layers' inputs as the forward pass stored them");
            string delta = ValuesOf(NetworkEmitter.DeltaName(L), _network.OutputSize);
            string input = ValuesOf(NetworkEmitter.ActivationName(0), _network.InputSize);
            string hidden = string.Concat(Enumerable.Range(1, L - 1).Select(n => ", " + Vector256Class + ".LoadUnsafe(ref At(ref state, " + NetworkEmitter.ActivationName(n) + "))"));
            writer.Line("var " + Delta(1) + " = " + CoreName + "(ref parameters, ref gradients, " + delta + ", " + input + hidden + ");");
            using (writer.Open("if (toInput)"))
            {
                writer.Line("// δ⁰ = W¹ᵀδ¹");
                writer.Line(Vector256Class + ".StoreUnsafe(" + TransposedProduct(1) + ", ref At(ref state, " + NetworkEmitter.DeltaName(0) + "));");
            }
        }

        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// δˡ⁻¹ = (Wˡᵀδˡ) ⊙ f′(zˡ⁻¹) from δ" + last + " down, every δ and a in a 256-bit register, then ∇W += δaᵀ and");
        writer.Line("/// ∇b += δ for all layers, a vector of ∇ at a time (as Step loads it); returns δ¹.");
        writer.Line("/// </summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        writer.Line(NetworkEmitter.AggressiveInliningAttribute);
        string vector = _type.Vector256;
        string activations = string.Concat(Enumerable.Range(0, L).Select(n => ", " + vector + " " + Activated(n)));
        string[] vectorTerms = VectorTerms();
        using (writer.Open("private static " + vector + " " + CoreName + "(ref " + T + " parameters, ref " + T + " gradients, " + vector + " " + Delta(L) + activations + ")"))
        {
            EmitDeltas(writer);
            EmitGradient(writer, vectorTerms);
            writer.Line("return " + Delta(1) + ";");
        }

        writer.Line();
        EmitHelpers(writer, vectorTerms);
    }

    /// <summary>The backward pass both callers share, from δᴸ and every layer's input in registers.</summary>
    private const string CoreName = "AddGradientInRegisters";

    /// <summary>δˡ⁻¹ = (Wˡᵀδˡ) ⊙ f′(zˡ⁻¹) from the register δᴸ down to δ¹, each in a register.</summary>
    private void EmitDeltas(SourceWriter writer)
    {
        for (int n = L; n > 1; n--)
        {
            Activation activation = _network.Layers[n - 2].Activation;
            string previous = LayerEmitter.ToSuperscript(n - 1);
            string superscript = LayerEmitter.ToSuperscript(n);
            writer.Line("// δ" + previous + " = (W" + superscript + "ᵀδ" + superscript + ") ⊙ f′(z" + previous + "), " + ActivationEmitter.DerivativeFormula(activation) + "; W" + superscript + "ᵀδ" + superscript + " = Σⱼ δ" + superscript + "ⱼ · row j of W" + superscript);
            string derivative = ActivationEmitter.DerivativeFromOutputName(activation) + "(" + Vector256Class + ".AsVector(" + Activated(n - 1) + "))";
            writer.Line("var " + Delta(n - 1) + " = (" + TransposedProduct(n) + ") * " + Vector256Class + ".AsVector256(" + derivative + ");");
        }
    }

    /// <summary>A vector of the <paramref name="count"/> values of a state region, read one by one (they were stored so), the other lanes 0.</summary>
    private string ValuesOf(string region, int count) =>
        _type.Vector256Create(count, i => "At(ref state, " + (i == 0 ? region : region + " + " + Format(i)) + ")");

    /// <summary>Σⱼ (row j of Wⁿ)·δⁿⱼ on vectors, in row order as the layer-by-layer pass adds (Wᵀδ)ᵢ.</summary>
    private string TransposedProduct(int n)
    {
        LayerModel layer = _network.Layers[n - 1];
        return string.Join(" + ", Enumerable.Range(0, layer.OutputSize).Select(j => Row(layer, j) + " * " + Spread(Delta(n), j)));
    }

    /// <summary>Row <paramref name="j"/> of W as a vector, the lanes past the row 0: one masked load where a whole vector lies within the parameters, else value by value.</summary>
    private string Row(LayerModel layer, int j)
    {
        int start = layer.WeightOffset + (j * layer.InputSize);
        if (start + Lanes <= _network.ParameterCount)
        {
            string origin = "ref At(ref parameters, " + Format(start) + ")";
            return layer.InputSize == Lanes ? Vector256Class + ".LoadUnsafe(" + origin + ")" : "global::NetCompiler.RowSums.Load(" + origin + ", " + Format(layer.InputSize) + ")";
        }

        return _type.Vector256Create(layer.InputSize, i => "At(ref parameters, " + Format(start + i) + ")");
    }

    /// <summary>Lane <paramref name="lane"/> of <paramref name="vector"/> in every lane.</summary>
    private static string Spread(string vector, int lane) => "Spread(" + vector + ", " + Format(lane) + ")";

    /// <summary>The vector whose lane k is lane <c>lanes[k]</c> of <paramref name="vector"/>: the vector itself where that is every lane in order.</summary>
    private string Shuffle(string vector, IEnumerable<int> lanes)
    {
        int[] order = lanes.ToArray();
        return order.SequenceEqual(Enumerable.Range(0, Lanes)) ? vector : "Pick(" + vector + ", " + string.Join(", ", order.Select(Format)) + ")";
    }

    /// <summary>
    /// The small helpers the register passes are written with: <c>Spread</c> (for Wᵀδ), and
    /// <c>AddToGradient</c> and <c>Pick</c> where the gradient has a whole vector, and one of its
    /// vectors' terms, to use them (a network of fewer parameters than a vector has neither).
    /// </summary>
    private void EmitHelpers(SourceWriter writer, string[] vectorTerms)
    {
        string vector = _type.Vector256;
        string lanes = string.Join(", ", Enumerable.Range(0, Lanes).Select(k => "int lane" + Format(k)));
        string indices = string.Join(", ", Enumerable.Range(0, Lanes).Select(k => (Lanes == 4 ? "(long)" : string.Empty) + "lane" + Format(k)));
        writer.Line("/// <summary>Lane <paramref name=\"lane\"/> of <paramref name=\"value\"/> in every lane.</summary>");
        writer.Line(NetworkEmitter.AggressiveInliningAttribute);
        writer.Line("private static " + vector + " Spread(" + vector + " value, int lane) => " + Vector256Class + ".Shuffle(value, " + Vector256Class + ".Create(" + (Lanes == 4 ? "(long)" : string.Empty) + "lane));");
        if (vectorTerms.Any(terms => terms.Contains("Pick(")))
        {
            writer.Line();
            writer.Line("/// <summary>The vector whose lane k is lane <c>lanek</c> of <paramref name=\"value\"/>.</summary>");
            writer.Line(NetworkEmitter.AggressiveInliningAttribute);
            writer.Line("private static " + vector + " Pick(" + vector + " value, " + lanes + ") => " + Vector256Class + ".Shuffle(value, " + Vector256Class + ".Create(" + indices + "));");
        }

        if (vectorTerms.Length > 0)
        {
            writer.Line();
            writer.Line("/// <summary>∇ += <paramref name=\"terms\"/> over the 256-bit vector of parameters from <paramref name=\"index\"/> on.</summary>");
            writer.Line(NetworkEmitter.AggressiveInliningAttribute);
            writer.Line("private static void AddToGradient(ref " + T + " gradients, int index, " + vector + " terms) => " + Vector256Class + ".StoreUnsafe(" + Vector256Class + ".LoadUnsafe(ref gradients, (nuint)index) + terms, ref gradients, (nuint)index);");
        }
    }

    /// <summary>
    /// The terms δ ⊙ a (a bias's a is 1) of each whole 256-bit vector of the parameters, in order:
    /// one vector per expression.
    /// </summary>
    private string[] VectorTerms() =>
        Enumerable.Range(0, _network.ParameterCount / Lanes).Select(v =>
        {
            int[] parameters = Enumerable.Range(v * Lanes, Lanes).ToArray();
            string deltas = Combine(parameters.Select(p => ((string?)Delta(LayerOf(p).Number), DeltaLane(p))).ToArray());
            string inputs = Combine(parameters.Select(p => IsBias(p) ? ((string?)null, 0) : (Activated(LayerOf(p).Number - 1), InputLane(p))).ToArray());
            return parameters.All(IsBias) ? deltas : deltas + " * " + inputs;
        }).ToArray();

    /// <summary>
    /// ∇ += this example's gradient: each whole 256-bit vector of the parameters gets its vector of
    /// <paramref name="vectorTerms"/>, the rest value by value, as <c>Step</c>'s tail takes them.
    /// </summary>
    private void EmitGradient(SourceWriter writer, string[] vectorTerms)
    {
        writer.Line("// ∇Wˡ += δˡaˡ⁻¹ᵀ and ∇bˡ += δˡ, a vector of ∇ at a time, each term δⱼaᵢ (δⱼ·1 for a bias) picked from the registers: " + string.Join(", ", _network.Layers.Select(Region)));
        for (int v = 0; v < vectorTerms.Length; v++)
        {
            writer.Line("AddToGradient(ref gradients, " + Format(v * Lanes) + ", " + vectorTerms[v] + ");");
        }

        for (int p = vectorTerms.Length * Lanes; p < _network.ParameterCount; p++)
        {
            string term = Delta(LayerOf(p).Number) + "[" + Format(DeltaLane(p)) + "]";
            writer.Line("At(ref gradients, " + Format(p) + ") += " + (IsBias(p) ? term : term + " * " + Activated(LayerOf(p).Number - 1) + "[" + Format(InputLane(p)) + "]") + ";");
        }
    }

    /// <summary>
    /// A vector whose lane k is lane <c>lanes[k].Lane</c> of the register <c>lanes[k].Source</c> (1 where
    /// the source is null): one shuffle per register, blended lane by lane where several meet.
    /// </summary>
    private string Combine((string? Source, int Lane)[] lanes)
    {
        string? result = null;
        foreach (string? source in lanes.Select(lane => lane.Source).Distinct().Reverse())
        {
            string part = source is null ? _type.Vector256 + ".One" : Shuffle(source, lanes.Select(lane => lane.Source == source ? lane.Lane : 0));
            if (result is null)
            {
                result = part;
                continue;
            }

            // Avx.Blend takes the lanes whose bit is set from its second argument
            int mask = Enumerable.Range(0, Lanes).Where(k => lanes[k].Source == source).Sum(k => 1 << k);
            result = "global::System.Runtime.Intrinsics.X86.Avx.Blend(" + result + ", " + part + ", " + Format(mask) + ")";
        }

        return result!;
    }

    private LayerModel LayerOf(int parameter) => _network.Layers.Last(layer => layer.WeightOffset <= parameter);

    private bool IsBias(int parameter) => parameter >= LayerOf(parameter).BiasOffset;

    /// <summary>The unit j of parameter p: its row of W, or its bias.</summary>
    private int DeltaLane(int parameter)
    {
        LayerModel layer = LayerOf(parameter);
        return IsBias(parameter) ? parameter - layer.BiasOffset : (parameter - layer.WeightOffset) / layer.InputSize;
    }

    /// <summary>The input i of weight p: its column of W.</summary>
    private int InputLane(int parameter)
    {
        LayerModel layer = LayerOf(parameter);
        return (parameter - layer.WeightOffset) % layer.InputSize;
    }

    /// <summary>"∇W¹ from 0, ∇b¹ from 12": where each layer's gradient lies, for the comment.</summary>
    private static string Region(LayerModel layer)
    {
        string superscript = LayerEmitter.ToSuperscript(layer.Number);
        return "∇W" + superscript + " from " + Format(layer.WeightOffset) + ", ∇b" + superscript + " from " + Format(layer.BiasOffset);
    }
}
