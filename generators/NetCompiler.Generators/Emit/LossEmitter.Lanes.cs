using System.Linq;
using NetCompiler.Shared;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// The output activation and the loss on a block of examples in vector lanes (see
/// <see cref="ExampleLanesEmitter"/>): the one-example operations, in their order, on a vector per
/// output, so that every lane has its example's bits. Only the logarithm of the loss runs lane by
/// lane, with the same scalar function.
/// </summary>
internal sealed partial class LossEmitter
{
    /// <summary>Whether aᴸ = f(zᴸ) runs on the lanes: elementwise activations, and a softmax that sums in one order (a few outputs, or in the tree).</summary>
    public bool ActivatesOutputInLanes => OutputActivation != Activation.Softmax || SumsSoftmaxInOneOrder;

    /// <summary>Whether J and δᴸ run on the lanes: cross-entropy after a softmax over a few outputs or in the tree.</summary>
    public bool LossInLanes => _network.Loss == LossFunction.CrossEntropy && OutputActivation == Activation.Softmax && SumsSoftmaxInOneOrder;

    /// <summary><c>ActivateOutputLanes(ref z, ref a)</c>: aᴸ = f(zᴸ) on the lanes regions of zᴸ and aᴸ.</summary>
    public void EmitActivateOutputLanes(SourceWriter writer)
    {
        writer.Line("/// <summary>The output activation a" + _l + " = f(z" + _l + ") on a block of examples, one per lane.</summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        using (writer.Open("internal static void ActivateOutputLanes(ref " + T + " z, ref " + T + " a)"))
        {
            if (SoftmaxTreeInLoops)
            {
                writer.Line("// pₖ = e^(zₖ − max z) / Σⱼ e^(zⱼ − max z), as for one example: the runtime's SoftmaxTree on a vector per output");
                writer.Line(SoftmaxTreeClass + ".SoftmaxLanes(ref z, ref a, " + _outputs + ");");
            }
            else if (OutputActivation == Activation.Softmax)
            {
                writer.Line("// pₖ = e^(zₖ − max z) / Σⱼ e^(zⱼ − max z), as for one example");
                writer.Line("var sum = ShiftedExponentialsLanes(ref z, out _, " + string.Join(", ", ExponentialNames.Select(name => "out var " + name)) + ");");
                for (int k = 0; k < _network.OutputSize; k++)
                {
                    writer.Line("StoreLanes(e" + LayerEmitter.Format(k) + " / sum, ref a, " + LayerEmitter.Format(k) + ");");
                }
            }
            else
            {
                string? function = ActivationEmitter.FunctionName(OutputActivation);
                writer.Line("// a = " + (function is null ? "z" : function + "(z)"));
                for (int k = 0; k < _network.OutputSize; k++)
                {
                    string index = LayerEmitter.Format(k);
                    string z = "LoadLanes(ref z, " + index + ")";
                    writer.Line("StoreLanes(" + (function is null ? z : "global::NetCompiler.Activations." + function + "(" + z + ")") + ", ref a, " + index + ");");
                }
            }
        }

        if (OutputActivation == Activation.Softmax && !SoftmaxTreeInLoops)
        {
            writer.Line();
            EmitShiftedExponentialsLanes(writer);
        }
    }

    /// <summary>
    /// <c>LossLanes(ref z, ref a, ref delta, ref targets, loss)</c>: cross-entropy after softmax on the
    /// lanes, writing δᴸ and adding the examples' J to the loss in example order.
    /// </summary>
    public void EmitLossLanes(SourceWriter writer)
    {
        int outputs = _network.OutputSize;
        writer.Line("/// <summary>The loss of a block of examples, one per lane, from z" + _l + ", a" + _l + " and the targets y, writing δ" + _l + "; adds each example's J to <paramref name=\"loss\"/> in order and returns it.</summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        using (writer.Open("internal static " + T + " LossLanes(ref " + T + " z, ref " + T + " a, ref " + T + " delta, ref " + T + " targets, " + T + " loss)"))
        {
            writer.Line("// J = (Σₖ yₖ)·log Σⱼ e^zⱼ − Σₖ yₖzₖ and δ" + _l + " = p·Σy − y, as for one example");
            if (SoftmaxTreeInLoops)
            {
                EmitLossLanesInLoops(writer);
                return;
            }

            writer.Line("var sum = ShiftedExponentialsLanes(ref z, out var max, " + string.Join(", ", ExponentialNames.Select(_ => "out _")) + ");");
            var targetSum = new System.Text.StringBuilder(_type.Vector + ".Zero");
            var targetDotZ = new System.Text.StringBuilder(_type.Vector + ".Zero");
            for (int k = 0; k < outputs; k++)
            {
                string index = LayerEmitter.Format(k);
                writer.Line("var y" + index + " = LoadLanes(ref targets, " + index + ");");
                targetSum.Append(" + y" + index);
                targetDotZ.Append(" + y" + index + " * LoadLanes(ref z, " + index + ")");
            }

            writer.Line("// Σₖ yₖ and Σₖ yₖzₖ from 0, as one example's loops add them");
            writer.Line("var targetSum = " + targetSum + ";");
            writer.Line("var targetDotZ = " + targetDotZ + ";");
            for (int k = 0; k < outputs; k++)
            {
                string index = LayerEmitter.Format(k);
                writer.Line("StoreLanes(LoadLanes(ref a, " + index + ") * targetSum - y" + index + ", ref delta, " + index + ");");
            }

            writer.Line("// log Σⱼ e^zⱼ = max z + log Σⱼ e^(zⱼ − max z) example by example, with the scalar logarithm");
            using (writer.Open("for (int e = 0; e < Lanes; e++)"))
            {
                writer.Line(T + " logSumExp = " + T + ".IsInfinity(max[e]) ? max[e] : max[e] + " + _type.Math + ".Log(sum[e]);");
                writer.Line("loss += targetSum[e] * logSumExp - targetDotZ[e];");
            }

            writer.Line("return loss;");
        }
    }

    /// <summary>The loss on the lanes after a softmax the runtime takes in loops: log Σ e^z from it first, then loops over the outputs in the one-example code's order.</summary>
    private void EmitLossLanesInLoops(SourceWriter writer)
    {
        writer.Line("var logSumExp = " + SoftmaxTreeClass + ".LogSumExpLanes(ref z, " + _outputs + ");");
        writer.Line("// Σₖ yₖ and Σₖ yₖzₖ from 0, as one example's loops add them");
        writer.Line("var targetSum = " + _type.Vector + ".Zero;");
        writer.Line("var targetDotZ = " + _type.Vector + ".Zero;");
        using (writer.Open("for (int k = 0; k < " + _outputs + "; k++)"))
        {
            writer.Line("var y = LoadLanes(ref targets, k);");
            writer.Line("targetSum += y;");
            writer.Line("targetDotZ += y * LoadLanes(ref z, k);");
        }

        using (writer.Open("for (int k = 0; k < " + _outputs + "; k++)"))
        {
            writer.Line("StoreLanes(LoadLanes(ref a, k) * targetSum - LoadLanes(ref targets, k), ref delta, k);");
        }

        writer.Line("// each example's J = (Σₖ yₖ)·log Σⱼ e^zⱼ − Σₖ yₖzₖ, in example order");
        using (writer.Open("for (int e = 0; e < Lanes; e++)"))
        {
            writer.Line("loss += targetSum[e] * logSumExp[e] - targetDotZ[e];");
        }

        writer.Line("return loss;");
    }

    /// <summary><c>ShiftedExponentials</c> on the lanes: max z, eₖ = e^(zₖ − max z) and Σₖ eₖ, a vector per output.</summary>
    private void EmitShiftedExponentialsLanes(SourceWriter writer)
    {
        string vector = _type.Vector;
        string[] names = ExponentialNames;
        writer.Line("/// <summary>max z and eₖ = e^(zₖ − max z) for every output of a block of examples, one per lane; returns Σₖ eₖ.</summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        writer.Line(NetworkEmitter.AggressiveInliningAttribute);
        using (writer.Open("private static " + vector + " ShiftedExponentialsLanes(ref " + T + " z, out " + vector + " max, " + string.Join(", ", names.Select(name => "out " + vector + " " + name)) + ")"))
        {
            writer.Line("max = " + Maximum(ShiftMaximum, k => "LoadLanes(ref z, " + k + ")") + ";");
            for (int k = 0; k < names.Length; k++)
            {
                writer.Line(names[k] + " = global::NetCompiler.Activations.Exp(LoadLanes(ref z, " + LayerEmitter.Format(k) + ") - max);");
            }

            writer.Line("return " + (SoftmaxSumsInTree ? SoftmaxTreeSum(names) : string.Join(" + ", names)) + ";");
        }
    }

    /// <summary>
    /// Σₖ eₖ in <c>SoftmaxTree</c>'s order, written out: sₖ = eₖ + eₖ₊₈, tₖ = sₖ + sₖ₊₄, uₖ = tₖ + tₖ₊₂,
    /// Σ = u₀ + u₁, a term past the last output left out (it is +0 there, which changes no sum).
    /// </summary>
    private static string SoftmaxTreeSum(string[] terms)
    {
        string?[] level = Enumerable.Range(0, 16).Select(k => k < terms.Length ? terms[k] : null).ToArray();
        for (int half = 8; half >= 1; half /= 2)
        {
            level = Enumerable.Range(0, half).Select(k => Add(level[k], level[k + half])).ToArray();
        }

        string sum = level[0]!;
        return sum.StartsWith("(", System.StringComparison.Ordinal) ? sum.Substring(1, sum.Length - 2) : sum;

        static string? Add(string? left, string? right) => right is null ? left : "(" + left + " + " + right + ")";
    }
}
