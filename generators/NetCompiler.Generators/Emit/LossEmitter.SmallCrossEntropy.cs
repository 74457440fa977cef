using System;
using System.Linq;
using NetCompiler.Shared;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// Cross-entropy after a softmax over a few outputs, written out, from the softmax's maximum and
/// sum: in <c>Loss</c> on zᴸ and aᴸ in memory, and in the training pass in registers on values
/// it holds in locals, the same operations in the same order.
/// </summary>
internal sealed partial class LossEmitter
{
    /// <summary>Whether the network's output is a softmax over a few outputs with cross-entropy: what <see cref="EmitSoftmaxCrossEntropyOnValues"/> writes.</summary>
    public bool IsSmallSoftmaxCrossEntropy =>
        IsSmallOutput && OutputActivation == Activation.Softmax && _network.Loss == LossFunction.CrossEntropy;

    /// <summary>
    /// From zᴸ in the register <paramref name="z"/> (a 256-bit vector, where this runs): aᴸ = softmax(zᴸ)
    /// into the state (as <c>ActivateOutput</c> computes it) and δᴸ into the 256-bit local <c>delta</c>
    /// (its padding lanes +0; the values <c>Loss</c> computes), leaving the locals that
    /// <see cref="EmitCrossEntropyValue"/> takes J from.
    /// </summary>
    public void EmitSoftmaxCrossEntropyOnValues(SourceWriter writer, string z, string activationRegion)
    {
        const string vector256 = NumericType.Vector256Class;
        int outputs = _network.OutputSize;
        string Lane(string k) => z + "[" + k + "]";
        writer.Line("// a" + _l + " = softmax(z" + _l + "): pₖ = e^(zₖ − max z) / Σⱼ e^(zⱼ − max z) by one vector division, kept in the state for Backpropagate");
        writer.Line(T + " sum = " + ShiftedExponentialsOnVectorName + "(" + z + ", out " + T + " max, out var e);");
        writer.Line("var p = e / " + vector256 + ".Create(sum);");
        writer.Line(vector256 + ".StoreUnsafe(p, ref At(ref state, " + activationRegion + "));");
        EmitTargetSums(writer, Lane);
        writer.Line("// δ" + _l + " = p·Σy − y, the fused softmax + cross-entropy gradient (p − y for a one-hot y), on the vector (the padding lanes +0)");
        writer.Line("var delta = p * " + _type.Vector256Create(outputs, _ => "targetSum") + " - " + _type.Vector256Create(outputs, k => Target(LayerEmitter.Format(k))) + ";");
    }

    /// <summary>
    /// Σₖ yₖ and Σₖ yₖzₖ from 0 in output order into the locals <c>targetSum</c> and <c>targetDotZ</c>, and
    /// δₖ = pₖ·Σy − yₖ into <paramref name="delta"/>.
    /// </summary>
    private void EmitCrossEntropyDelta(SourceWriter writer, Func<string, string> z, Func<string, string> p, Func<string, string> delta)
    {
        EmitTargetSums(writer, z);
        writer.Line("// δ" + _l + " = p·Σy − y, the fused softmax + cross-entropy gradient (p − y for a one-hot y)");
        foreach (string k in Enumerable.Range(0, _network.OutputSize).Select(LayerEmitter.Format))
        {
            writer.Line(delta(k) + " = " + p(k) + " * targetSum - " + Target(k) + ";");
        }
    }

    /// <summary>Σₖ yₖ and Σₖ yₖzₖ, from 0 in output order, into the locals <c>targetSum</c> and <c>targetDotZ</c>.</summary>
    private void EmitTargetSums(SourceWriter writer, Func<string, string> z)
    {
        string[] outputs = Enumerable.Range(0, _network.OutputSize).Select(LayerEmitter.Format).ToArray();
        writer.Line("// Σₖ yₖ and Σₖ yₖzₖ, from 0 in output order");
        writer.Line(T + " targetSum = 0" + string.Concat(outputs.Select(k => " + " + Target(k))) + ";");
        writer.Line(T + " targetDotZ = 0" + string.Concat(outputs.Select(k => " + " + Target(k) + " * " + z(k))) + ";");
    }

    private static string Target(string k) => "At(ref target, " + k + ")";

    /// <summary>
    /// J = (Σₖ yₖ)·log Σⱼ e^zⱼ − Σₖ yₖzₖ from the locals <c>max</c>, <c>sum</c>, <c>targetSum</c> and
    /// <c>targetDotZ</c>, returned. The training pass in registers takes it last: the logarithm is a
    /// call, around which every register in use would be saved and loaded again.
    /// </summary>
    public void EmitCrossEntropyValue(SourceWriter writer)
    {
        writer.Line("// J = (Σₖ yₖ)·log Σⱼ e^zⱼ − Σₖ yₖzₖ; log Σⱼ e^zⱼ = max z + log Σⱼ e^(zⱼ − max z), an infinite max the answer itself");
        writer.Line(T + " logSumExp = " + T + ".IsInfinity(max) ? max : max + " + _type.Math + ".Log(sum);");
        writer.Line("return targetSum * logSumExp - targetDotZ;");
    }
}
