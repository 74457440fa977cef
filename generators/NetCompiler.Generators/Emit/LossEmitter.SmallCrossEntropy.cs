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
    /// From zᴸ in the register <paramref name="z"/>: aᴸ = softmax(zᴸ) into the state (as <c>ActivateOutput</c>
    /// computes it) and δᴸ into the locals <c>delta0</c>, <c>delta1</c>, … (as <c>Loss</c> computes it), leaving
    /// the locals that <see cref="EmitCrossEntropyValue"/> takes J from.
    /// </summary>
    public void EmitSoftmaxCrossEntropyOnValues(SourceWriter writer, string z, string activationRegion)
    {
        int outputs = _network.OutputSize;
        string Lane(string k) => z + "[" + k + "]";
        writer.Line("// a" + _l + " = softmax(z" + _l + "): pₖ = e^(zₖ − max z) / Σⱼ e^(zⱼ − max z), kept in the state for Backpropagate");
        writer.Line(T + " sum = ShiftedExponentials(" + string.Join(", ", Enumerable.Range(0, outputs).Select(k => Lane(LayerEmitter.Format(k)))) + ", out " + T + " max, " + string.Join(", ", ExponentialNames.Select(name => "out " + T + " " + name)) + ");");
        for (int k = 0; k < outputs; k++)
        {
            string index = LayerEmitter.Format(k);
            writer.Line(T + " p" + index + " = e" + index + " / sum;");
            writer.Line("At(ref state, " + (k == 0 ? activationRegion : activationRegion + " + " + index) + ") = p" + index + ";");
        }

        EmitCrossEntropyDelta(writer, Lane, k => "p" + k, k => T + " delta" + k);
    }

    /// <summary>
    /// Σₖ yₖ and Σₖ yₖzₖ from 0 in output order into the locals <c>targetSum</c> and <c>targetDotZ</c>, and
    /// δₖ = pₖ·Σy − yₖ into <paramref name="delta"/>.
    /// </summary>
    private void EmitCrossEntropyDelta(SourceWriter writer, Func<string, string> z, Func<string, string> p, Func<string, string> delta)
    {
        string[] outputs = Enumerable.Range(0, _network.OutputSize).Select(LayerEmitter.Format).ToArray();
        string Target(string k) => "At(ref target, " + k + ")";
        writer.Line("// Σₖ yₖ and Σₖ yₖzₖ, from 0 in output order");
        writer.Line(T + " targetSum = 0" + string.Concat(outputs.Select(k => " + " + Target(k))) + ";");
        writer.Line(T + " targetDotZ = 0" + string.Concat(outputs.Select(k => " + " + Target(k) + " * " + z(k))) + ";");
        writer.Line("// δ" + _l + " = p·Σy − y, the fused softmax + cross-entropy gradient (p − y for a one-hot y)");
        foreach (string k in outputs)
        {
            writer.Line(delta(k) + " = " + p(k) + " * targetSum - " + Target(k) + ";");
        }
    }

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
