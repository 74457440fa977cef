using System.Globalization;
using NetCompiler.Generators.Model;
using NetCompiler.Shared;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// Writes the specialized methods of one layer into the network's <c>CompiledLayers</c> class:
/// <list type="bullet">
/// <item><c>ForwardLayerN(ref parameters, ref input, ref output)</c>: zᴺ from aᴺ⁻¹, then, unless it
/// is the last layer, aᴺ = f(zᴺ) in place (small dense layers pass aᴺ on in a register too);</item>
/// <item><c>AccumulateLayerN(ref parameters, ref gradients, ref delta, ref input)</c>: adds δᴺ's
/// contribution to the layer's parameter gradients;</item>
/// <item><c>BackpropagateLayerN(…, ref inputDelta)</c>: the same, and writes dJ/daᴺ⁻¹ into
/// <c>inputDelta</c> (before the previous layer's activation derivative).</item>
/// </list>
/// Every size is a constant of the generated code.
/// </summary>
internal abstract class LayerEmitter
{
    protected LayerEmitter(LayerModel layer, NumericType type, bool isLast)
    {
        Layer = layer;
        Type = type;
        IsLast = isLast;
    }

    public LayerModel Layer { get; }

    public bool IsLast { get; }

    /// <summary>Whether the layer has weights and biases (pooling has none).</summary>
    public bool HasParameters => Layer.WeightCount + Layer.BiasCount > 0;

    public string ForwardName => "ForwardLayer" + Number;

    public string AccumulateName => "AccumulateLayer" + Number;

    public string BackpropagateName => "BackpropagateLayer" + Number;

    /// <summary>Whether the layer has a batch kernel that reuses its weights across the examples of a batch.</summary>
    public virtual bool HasBatchForward => false;

    public string ForwardBatchName => "ForwardLayer" + Number + "Batch";

    /// <summary>Whether the layer has batch backward kernels that keep its gradients in registers across the examples of a batch.</summary>
    public virtual bool HasBatchBackward => false;

    public string AccumulateBatchName => AccumulateName + "Batch";

    public string BackpropagateBatchName => BackpropagateName + "Batch";

    protected NumericType Type { get; }

    protected string T => Type.Name;

    protected string Number => Format(Layer.Number);

    /// <summary>"¹", "²", … for the lecture's layer superscripts.</summary>
    protected string Superscript => ToSuperscript(Layer.Number);

    /// <summary>"⁰", "¹", … for the layer's input.</summary>
    protected string PreviousSuperscript => ToSuperscript(Layer.Number - 1);

    /// <summary>
    /// The emitter of <paramref name="layer"/>, which follows <paramref name="previous"/> and precedes
    /// <paramref name="next"/> (null at either end); <paramref name="backwardInRegisters"/>: the network's
    /// one-example backward pass on 256-bit vectors is <c>BackwardInRegisters</c>, not the layers' kernels;
    /// <paramref name="trainsInRegisters"/>: one example's training pass takes zᴸ from the last layer in a register;
    /// <paramref name="inlinesKernelRows"/>: dense layers whose one example is the kernel's arithmetic written out are inlined.
    /// </summary>
    public static LayerEmitter For(LayerModel layer, NumericType type, LayerModel? previous, LayerModel? next, bool backwardInRegisters, bool trainsInRegisters, bool inlinesKernelRows) =>
        layer.Kind switch
        {
            LayerKind.Dense => new DenseLayerEmitter(layer, type, previous, next, backwardInRegisters, trainsInRegisters, inlinesKernelRows),
            LayerKind.Conv2D => new Conv2DLayerEmitter(layer, type, isLast: next is null),
            _ => new MaxPool2DLayerEmitter(layer, type, isLast: next is null),
        };

    public static string ToSuperscript(int number)
    {
        const string digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        var text = new System.Text.StringBuilder();
        foreach (char digit in Format(number))
        {
            text.Append(digits[digit - '0']);
        }

        return text.ToString();
    }

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    public abstract void EmitForward(SourceWriter writer);

    /// <summary>Writes the accumulate method; only called when <see cref="HasParameters"/>.</summary>
    public abstract void EmitAccumulate(SourceWriter writer);

    public abstract void EmitBackpropagate(SourceWriter writer);

    /// <summary>
    /// <c>ForwardLayerNBatch(ref parameters, ref inputs, int inputStride, ref outputs, int count)</c>:
    /// what <c>ForwardLayerN</c> computes, for <c>count</c> examples whose outputs lie
    /// <c>Padded(OutputSize)</c> apart; only called when <see cref="HasBatchForward"/>.
    /// </summary>
    public virtual void EmitForwardBatch(SourceWriter writer)
    {
    }

    /// <summary>
    /// <c>AccumulateLayerNBatch</c> / <c>BackpropagateLayerNBatch(ref parameters, ref gradients, ref deltas,
    /// ref inputs, int inputStride, [ref inputDeltas,] int count)</c>: what the one-example kernels
    /// compute for <c>count</c> examples in order, with rows <c>Padded(size)</c> apart; only called
    /// when <see cref="HasBatchBackward"/>.
    /// </summary>
    public virtual void EmitBackwardBatch(SourceWriter writer, bool propagate)
    {
    }

    /// <summary>
    /// Whether the layer has kernels that run a block of examples at once, one per vector lane, to
    /// the same bits as one at a time (small dense layers; see <see cref="ExampleLanesEmitter"/>).
    /// </summary>
    public virtual bool RunsExamplesInLanes => false;

    public string ForwardLanesName => ForwardName + "Lanes";

    public string AccumulateLanesName => AccumulateName + "Lanes";

    public string BackpropagateLanesName => BackpropagateName + "Lanes";

    /// <summary>
    /// <c>ForwardLayerNLanes(ref parameters, ref input, ref output)</c>: <c>ForwardLayerN</c> for a block
    /// of examples whose values lie in vectors, one example per lane; only called when <see cref="RunsExamplesInLanes"/>.
    /// </summary>
    public virtual void EmitForwardLanes(SourceWriter writer)
    {
    }

    /// <summary>
    /// <c>AccumulateLayerNLanes(ref delta, ref input, ref terms)</c> /
    /// <c>BackpropagateLayerNLanes(ref parameters, ref delta, ref input, ref terms, ref inputDelta)</c>:
    /// each example's gradient terms into its lanes of <c>terms</c>; only called when <see cref="RunsExamplesInLanes"/>.
    /// </summary>
    public virtual void EmitBackwardLanes(SourceWriter writer, bool propagate)
    {
    }

    /// <summary>
    /// Whether the layer's δ arrives as one whole 256-bit vector when <c>Vector&lt;T&gt;</c> is one (the
    /// next layer stores dJ/da as a vector), so δ ⊙= f′ runs on that vector too.
    /// </summary>
    public virtual bool DeltaArrivesAsVector => false;

    /// <summary>Writes aᴺ = f(zᴺ) in place over the layer's padded output, for hidden layers.</summary>
    protected void EmitActivationInPlace(SourceWriter writer, string region)
    {
        if (!IsLast)
        {
            ActivationEmitter.EmitElementwise(writer, Type, Layer.Activation, region, region, Layer.OutputSize);
        }
    }

    protected void EmitGeneratedCodeAttribute(SourceWriter writer) => writer.Line(NetworkEmitter.GeneratedCodeAttribute);

    /// <summary>
    /// Whether <c>ForwardLayerN</c> also returns aᴺ as a <c>Vector256&lt;T&gt;</c>, for the next layer
    /// to take from a register instead of reading back what was just stored (the last layer: zᴺ, for
    /// the training pass in registers).
    /// </summary>
    public virtual bool ReturnsActivation => false;

    /// <summary>Whether <c>ForwardLayerN</c> takes aᴺ⁻¹ as the <c>Vector256&lt;T&gt;</c> the previous layer returned.</summary>
    public virtual bool InputInRegister => false;

    /// <summary>
    /// Whether, where <c>Vector&lt;T&gt;</c> is 256 bits wide, this last layer writes zᴺ with one
    /// 256-bit store, so the softmax may load it back as one vector (a vector load over values
    /// stored one by one would wait until they reach the cache).
    /// </summary>
    public virtual bool StoresOutputAsOneVector => false;

    /// <summary>
    /// The header of <c>ForwardLayerN(ref parameters, ref input, ref output)</c>; with the input in a
    /// register, <c>Vector256&lt;T&gt; input</c>, and with the activation returned, a <c>Vector256&lt;T&gt;</c> result.
    /// </summary>
    protected string ForwardSignature =>
        "internal static " + (ReturnsActivation ? Type.Vector256 : "void") + " " + ForwardName + "(ref " + T + " parameters, "
        + (InputInRegister ? Type.Vector256 : "ref " + T) + " input, ref " + T + " output)";

    /// <summary>
    /// Whether the layer's backward kernels are generic over the vector width (see
    /// <see cref="VectorLanes"/>); their callers then pass it on as <see cref="LanesArguments"/>.
    /// </summary>
    public virtual bool UsesLanes => false;

    /// <summary>"&lt;TVector, V&gt;" after the name of a backward kernel that takes the vector width, else nothing.</summary>
    public string LanesArguments => VectorLanes.ArgumentsIf(UsesLanes);

    /// <summary>
    /// Whether the layer's one-example backward pass can leave its gradient to <c>Step</c>, which takes it
    /// from the pending example (<see cref="PendingExampleEmitter"/>): its kernels then take <c>bool deferGradient</c>.
    /// </summary>
    public virtual bool DefersGradient => false;

    /// <summary>
    /// The header of <c>AccumulateLayerN</c>, or of <c>BackpropagateLayerN</c> (which adds <c>ref inputDelta</c>);
    /// both end in <c>bool deferGradient</c> where the layer <see cref="DefersGradient"/>.
    /// </summary>
    protected string BackwardSignature(bool propagate) =>
        "internal static void " + (propagate ? BackpropagateName : AccumulateName) + LanesArguments + "(ref " + T + " parameters, ref " + T + " gradients, ref " + T + " delta, ref " + T + " input"
        + (propagate ? ", ref " + T + " inputDelta" : string.Empty) + (DefersGradient ? ", bool deferGradient)" : ")") + LanesConstraint;

    /// <summary>The <c>where …</c> clauses of a backward kernel that takes the vector width, else nothing.</summary>
    protected string LanesConstraint => VectorLanes.ConstraintIf(UsesLanes, Type);
}
