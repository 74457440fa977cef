using System;
using System.Linq;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// The examples-in-lanes kernels of a small dense layer: the same arithmetic as its one-example
/// kernels, but on <c>Vector&lt;T&gt;</c> with a block of examples side by side, example e in lane e
/// of every vector, each weight spread over all lanes. Every sum is added in the order the
/// one-example kernel adds it, so each lane holds exactly the bits of its example computed alone
/// (<see cref="ExampleLanesEmitter"/> runs them).
/// </summary>
internal sealed partial class DenseLayerEmitter
{
    public override bool RunsExamplesInLanes => Unrolled;

    /// <summary>
    /// Whether the forward kernel on the lanes is written out unit by unit: for a layer of at most eight
    /// units and 32 weights (W1's and W2's layers); a larger one's takes a row of W per pass of a loop,
    /// so its activation's code is in it once. Written out, the activations of twelve tanh units on
    /// eight inputs, or of eight sigmoid units on 31, took the JIT past its limit of locals in one
    /// method, and their code became calls (8 → 16 tanh → 1: a batch 34 ns an example where one at a
    /// time took 22, stopwatch); a loop over a small layer's rows costs a few per cent (W1's batch
    /// forward 11.0 → 11.3 ns an example; benchmarks/HISTORY.md, thirty-first run).
    /// </summary>
    private bool WritesOutLanesUnits => Units <= 8 && Units * Inputs <= 32;

    public override void EmitForwardLanes(SourceWriter writer)
    {
        writer.Line("/// <summary>Layer " + Number + " on a block of examples, one per lane: z" + Superscript + " = W" + Superscript + "a" + PreviousSuperscript + " + b" + Superscript
            + (IsLast ? string.Empty : ", then a" + Superscript + " = f(z" + Superscript + ")") + ", a vector per value.</summary>");
        EmitGeneratedCodeAttribute(writer);
        using (writer.Open("internal static void " + ForwardLanesName + "(ref " + T + " parameters, ref " + T + " input, ref " + T + " output)"))
        {
            EmitParameterReferences(writer, "parameters", "w", "b");
            EmitLanesLocals(writer, "x", "input", Inputs);
            string? function = IsLast ? null : ActivationEmitter.FunctionName(Layer.Activation);
            writer.Line("// z" + Superscript + " = W" + Superscript + "a" + PreviousSuperscript + " + b" + Superscript + " lane by lane, each sum in the order of the one-example kernel"
                + (function is null ? string.Empty : "; a" + Superscript + " = " + function + "(z" + Superscript + ")"));
            // aⱼ (or zⱼ) of unit j, its row's weights read by weight(i) and its bias by bias
            void StoreUnit(Func<int, string> weight, string bias, string j)
            {
                string z = LanesSum(weight, bias);
                writer.Line("StoreLanes(" + (function is null ? z : "global::NetCompiler.Activations." + function + "(" + z + ")") + ", ref output, " + j + ");");
            }

            if (WritesOutLanesUnits)
            {
                for (int j = 0; j < Units; j++)
                {
                    StoreUnit(i => "At(ref w, " + Format((j * Inputs) + i) + ")", "At(ref b, " + Format(j) + ")", Format(j));
                }

                return;
            }

            using (writer.Open("for (int j = 0; j < " + Format(Units) + "; j++)"))
            {
                writer.Line("ref " + T + " row = ref At(ref w, j * " + Format(Inputs) + "); // row j of W" + Superscript);
                StoreUnit(i => "At(ref row, " + Format(i) + ")", "At(ref b, j)", "j");
            }
        }
    }

    public override void EmitBackwardLanes(SourceWriter writer, bool propagate)
    {
        writer.Line("/// <summary>Layer " + Number + " on a block of examples, one per lane: each example's ∇W" + Superscript + " term δ" + Superscript + "a" + PreviousSuperscript + "ᵀ and ∇b" + Superscript + " term δ" + Superscript + " into <paramref name=\"terms\"/>"
            + (propagate ? ", and inputDelta = W" + Superscript + "ᵀδ" + Superscript + " (dJ/da" + PreviousSuperscript + ")." : ".") + "</summary>");
        EmitGeneratedCodeAttribute(writer);
        string header = "internal static void " + (propagate ? BackpropagateLanesName + "(ref " + T + " parameters, " : AccumulateLanesName + "(")
            + "ref " + T + " delta, ref " + T + " input, ref " + T + " terms" + (propagate ? ", ref " + T + " inputDelta)" : ")");
        using (writer.Open(header))
        {
            if (propagate)
            {
                EmitParameterReferences(writer, "parameters", "w", null);
            }

            writer.Line("ref " + T + " gw = ref At(ref terms, " + ExampleLanesEmitter.LanesMultiple(Layer.WeightOffset) + "); // ∇W" + Superscript + " terms: a vector per weight");
            writer.Line("ref " + T + " gb = ref At(ref terms, " + ExampleLanesEmitter.LanesMultiple(Layer.BiasOffset) + "); // ∇b" + Superscript + " terms: a vector per bias");
            EmitLanesLocals(writer, "x", "input", Inputs);
            EmitLanesLocals(writer, "d", "delta", Units);
            writer.Line("// ∇b terms: δ");
            for (int j = 0; j < Units; j++)
            {
                writer.Line("StoreLanes(d" + Format(j) + ", ref gb, " + Format(j) + ");");
            }

            writer.Line("// ∇W terms: δaᵀ");
            for (int j = 0; j < Units; j++)
            {
                for (int i = 0; i < Inputs; i++)
                {
                    writer.Line("StoreLanes(d" + Format(j) + " * x" + Format(i) + ", ref gw, " + Format(j * Inputs + i) + ");");
                }
            }

            if (propagate)
            {
                writer.Line("// dJ/da = Wᵀδ, each sum in row order as in the one-example kernel");
                for (int i = 0; i < Inputs; i++)
                {
                    string sum = string.Join(" + ", Enumerable.Range(0, Units).Select(j => AllLanes("At(ref w, " + Format(j * Inputs + i) + ")") + " * d" + Format(j)));
                    writer.Line("StoreLanes(" + sum + ", ref inputDelta, " + Format(i) + ");");
                }
            }
        }
    }

    /// <summary><c>var x0 = LoadLanes(ref input, 0);</c> and so on: value i of every example of the block.</summary>
    private void EmitLanesLocals(SourceWriter writer, string prefix, string region, int count)
    {
        for (int i = 0; i < count; i++)
        {
            writer.Line("var " + prefix + Format(i) + " = LoadLanes(ref " + region + ", " + Format(i) + ");");
        }
    }

    /// <summary>A row's z on the lanes, from its weights' and its bias' reads: the one-example kernel's sum, lane by lane.</summary>
    private string LanesSum(Func<int, string> weight, string bias) => RowSum(i => AllLanes(weight(i)), AllLanes(bias), Type.Vector + ".Zero");

    private static string AllLanes(string value) => "AllLanes(" + value + ")";
}
