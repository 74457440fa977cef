using System;
using System.Collections.Generic;
using System.Linq;
using NetCompiler.Generators.Model;
using NetCompiler.Shared;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// The one-example forward pass of a layer on the kernels whose rows are a vector to 40 floats or
/// 31 doubles, written out where <c>Vector&lt;T&gt;</c> is 256 bits: the kernel's own arithmetic
/// (<c>DenseForward.One</c>: each row's whole vectors by multiply-adds from zero; for floats then its
/// last vector's values past them and eight rows' sums at once, for doubles each row's sum, then the
/// values past its vectors one by one), so one example keeps the bits of the kernels' batch forms, without the kernel's
/// loops, its store of z and the activation's reload. Measured by stopwatch on the Zen 4 core
/// (benchmarks/HISTORY.md, thirty-fifth run), one example: 16 → 16 tanh → 4 softmax 33.4 → 28.0 ns,
/// 16 → 8 tanh → 1 24.9 → 18.9–19.7, 24 → 8 tanh → 1 26.4 → 19.4–20.0, 16 → 12 ReLU → 3 softmax
/// 28.1 → 21.8; batches and training as before (their ∇W waits for <c>Step</c> on the kernels).
/// Every vector of z is computed before the first activation: computed and activated a vector at a
/// time, 24 → 32 tanh → 1 took 48 ns against 41. Inlined into the pass only while small
/// (<see cref="InlinesKernelRows"/>).
/// </summary>
internal sealed partial class DenseLayerEmitter
{
    /// <summary>
    /// Whether this layer's one-example forward pass is the kernel's arithmetic written out (see the
    /// class): a layer on the kernels (<see cref="RowsSuitKernels"/>, or more than
    /// <see cref="UnrollLimit"/> weights or 32 inputs or more) of at most
    /// <see cref="KernelRowsWeightLimit"/> weights with rows of one vector to
    /// <see cref="KernelRowsInputLimit"/> floats or 31 doubles (a double layer that the kernel may run
    /// on 512-bit vectors, 32 units or more of rows of whole 512-bit vectors, is left to it). Other
    /// widths, batches and the backward pass call the kernels as before.
    /// </summary>
    private bool WritesOutKernelRows => WritesOutKernelRowsOf(Layer, Type);

    private static bool WritesOutKernelRowsOf(LayerModel layer, NumericType type) =>
        layer.Kind == LayerKind.Dense && !IsUnrolled(layer, type) && layer.InputSize >= type.Vector256Lanes && layer.WeightCount <= KernelRowsWeightLimit
        && (type == NumericType.Single
            ? layer.InputSize <= KernelRowsInputLimit
            : layer.InputSize < 32 && !(layer.OutputSize >= 32 && layer.InputSize % 8 == 0));

    /// <summary>
    /// Whether a network's layers of <see cref="WritesOutKernelRows"/> are inlined into its forward
    /// pass: where they have at most <see cref="UnrollLimit"/> weights together. The JIT inlines a
    /// limited amount into one method; past it, it left the helpers of these layers as calls, one for
    /// every multiply-add (16 → 16 tanh ×6 → 4 one example 141–145 ns on the kernels, 154–156 with
    /// every layer inlined; 16 → 31 tanh ×4 → 4 161–184 on the kernels, 187–332 inlined, 148–151 not).
    /// Alone, a layer of up to 256 weights gains by it (16 → 16 tanh → 4: 30.0 → 28.0 ns).
    /// </summary>
    public static bool InlinesKernelRows(IEnumerable<LayerModel> layers, NumericType type) =>
        layers.Where(layer => WritesOutKernelRowsOf(layer, type)).Sum(layer => layer.WeightCount) <= UnrollLimit;

    /// <summary>
    /// Up to 64 units of 16 inputs, 42 of 24, 25 of 40. By stopwatch (thirty-fifth run), one example:
    /// 16 → 32 ReLU → 4 softmax 43–44 → 33–35 ns, 16 → 64 ReLU → 4 softmax 63–66 → 55–56, 24 → 40
    /// tanh → 3 softmax 60–62 → 54–55, 40 → 25 tanh → 3 60 → 56–57; at 128 units (2,048 weights)
    /// and more it was slower than the kernel, inlined into the pass or not: 16 → 128 ReLU → 4
    /// 103–107 → 139–173 ns, 24 → 128 tanh → 1 135–141 → 225–247 (too much for the JIT's inlining).
    /// </summary>
    private const int KernelRowsWeightLimit = 4 * UnrollLimit;

    /// <summary>
    /// Rows of up to five whole vectors. By stopwatch (thirty-fifth run), one example: 32 → 32 ReLU →
    /// 4 53 → 46–48 ns, 32 → 24 ReLU → 10 softmax 51–52 → 42–43, 40 → 24 tanh → 3 52 → 49–51; rows
    /// of 48 measured the same (48 → 20 tanh → 3 55–57 against 55), rows of 64 slower (64 → 16 ReLU
    /// → 4 39 → 48).
    /// </summary>
    private const int KernelRowsInputLimit = 40;

    /// <summary>How many whole 256-bit vectors a row of <see cref="WritesOutKernelRows"/> holds.</summary>
    private int KernelRowVectors => Inputs / Type.Vector256Lanes;

    /// <summary>How many values a row of <see cref="WritesOutKernelRows"/> has past its whole vectors.</summary>
    private int KernelRowTail => Inputs % Type.Vector256Lanes;

    /// <summary>z = Wa + b as <c>DenseForward.One</c> computes it on 256-bit vectors, then the activation on each vector of z, stored.</summary>
    private void EmitKernelRowsWrittenOut(SourceWriter writer)
    {
        if (Type == NumericType.Double)
        {
            EmitDoubleKernelRowsWrittenOut(writer);
            return;
        }

        int lanes = Type.Vector256Lanes;
        writer.Line("// the kernel's arithmetic written out: each row's "
            + (KernelRowTail == 0 ? "vectors" : "whole vectors, then its last (ending where the row ends),")
            + " by multiply-adds from zero (lane k: input" + (KernelRowVectors > 1 || KernelRowTail > 0 ? "s " : " ") + KernelRowLanes
            + (KernelRowTail == 0 ? string.Empty : ", and k + " + Format(Inputs - lanes) + " from k = " + Format(lanes - KernelRowTail) + " on")
            + "), eight rows' sums side by side, plus b" + Superscript + " (the padding lanes get 0)");
        string[] inputs = EmitKernelRowInputs(writer);
        if (KernelRowTail > 0)
        {
            // in a hidden layer of rows of at most 31 put together from the two vectors the layer before stored around it
            writer.Line("var xLast = " + (Layer.Number > 1 && Inputs < 32
                ? "global::NetCompiler.RowSums.LoadLastOfStored(ref input, " + Format(Inputs) + ")"
                : LastOf("input", Inputs - lanes, KernelRowTail, bits: 256)) + ";");
        }

        string[] blocks = new string[(Units + lanes - 1) / lanes];
        for (int block = 0; block < blocks.Length; block++)
        {
            int first = block * lanes;
            int count = Math.Min(lanes, Units - first);
            blocks[block] = block == 0 ? "z" : "z" + Format(first);

            // at most two or four rows: the two- or four-row form, which adds no rows of zeros (the same bits)
            int vectors = count <= 2 ? 2 : count <= 4 ? 4 : lanes;
            writer.Line("var " + blocks[block] + " = global::NetCompiler.RowSums.OfOctets(");
            for (int k = 0; k < vectors; k++)
            {
                string product = k < count ? KernelRowProducts(first + k, inputs) : Type.Vector256 + ".Zero";
                writer.Line("    " + product + (k + 1 < vectors ? "," : ") + " + VectorOf("b", Layer.BiasOffset, first, count) + ";"));
            }
        }

        EmitKernelRowsActivation(writer, blocks);
    }

    /// <summary>
    /// Stores z's vectors (<paramref name="vectors"/>, a vector of units each) and a = f(z): on those
    /// vectors in registers, or, for more than two vectors of an activation that takes an exponential
    /// (<see cref="ActivationTakesExponential"/>) or more than eight of any, by the activation's loop
    /// over the stored vectors, as after the kernel: so many activations in line took the JIT past what
    /// it inlines into one method, and it left multiply-adds as calls (double 12 → 30 sigmoid → 1 one
    /// example 89–94 ns on the kernel, 109–113 written out with eight sigmoids in line, 85–86 with
    /// their loop; float 16 → 64 sigmoid and 8 → 128 tanh too). Cheaper activations on fewer vectors
    /// lost by the loop (16 → 32 ReLU → 4 36.6–37.2 ns against 33–35 in registers, M9 61–62 against 59–60).
    /// </summary>
    private void EmitKernelRowsActivation(SourceWriter writer, IReadOnlyList<string> vectors)
    {
        const string vector256 = NumericType.Vector256Class;
        string? function = IsLast ? null : ActivationEmitter.FunctionName(Layer.Activation);
        bool inRegisters = function is not null && (vectors.Count <= 2 || (vectors.Count <= 8 && !ActivationTakesExponential));
        writer.Line(inRegisters
            ? "// a" + Superscript + " = " + function + "(z" + Superscript + "), a vector at a time (the padding lanes get " + function + "(0))"
            : "// z" + Superscript + " stored a vector at a time" + (function is null ? string.Empty : ", then the activation's loop over it (so many in line would leave the JIT's inlining budget)"));

        for (int k = 0; k < vectors.Count; k++)
        {
            writer.Line(inRegisters
                ? "Store(global::NetCompiler.Activations." + function + "(" + vector256 + ".AsVector(" + vectors[k] + ")), ref output, " + Format(k * Type.Vector256Lanes) + ");"
                : vector256 + ".StoreUnsafe(" + vectors[k] + ", ref At(ref output, " + Format(k * Type.Vector256Lanes) + "));");
        }

        if (!inRegisters)
        {
            EmitActivationInPlace(writer, "output");
        }
    }

    /// <summary>
    /// The double form: each row's whole vectors by multiply-adds from zero and summed by
    /// <c>Vector.Sum</c>, then the values past them one product at a time, then b (a row's sum as the
    /// kernel adds it, rows one by one); z stored four units a vector put together from those sums.
    /// </summary>
    private void EmitDoubleKernelRowsWrittenOut(SourceWriter writer)
    {
        int lanes = Type.Vector256Lanes;
        int[] tail = Enumerable.Range(KernelRowVectors * lanes, KernelRowTail).ToArray();
        writer.Line("// the kernel's arithmetic written out: each row's whole vectors by multiply-adds from zero (lane k: input"
            + (KernelRowVectors > 1 ? "s " : " ") + KernelRowLanes
            + "), their lanes summed (Vector.Sum)" + (tail.Length == 0 ? string.Empty : ", then the values past them one by one") + ", plus b" + Superscript);
        string[] inputs = EmitKernelRowInputs(writer);
        foreach (int i in tail)
        {
            writer.Line(T + " x" + Format(i) + " = At(ref input, " + Format(i) + ");");
        }

        for (int j = 0; j < Units; j++)
        {
            string sum = "global::System.Numerics.Vector.Sum(" + NumericType.Vector256Class + ".AsVector(" + KernelRowProducts(j, inputs) + "))";
            string tailProducts = string.Concat(tail.Select(i => " + At(ref w, " + Format((j * Inputs) + i) + ") * x" + Format(i)));
            writer.Line(T + " z" + Format(j) + " = " + sum + tailProducts + " + At(ref b, " + Format(j) + ");");
        }

        EmitKernelRowsActivation(writer, Enumerable.Range(0, (Units + lanes - 1) / lanes)
            .Select(vector => Type.Vector256Create(Math.Min(lanes, Units - (vector * lanes)), k => "z" + Format((vector * lanes) + k)))
            .ToArray());
    }

    /// <summary>"k, k + 8, …": the inputs that lane k of a row's whole vectors multiplies.</summary>
    private string KernelRowLanes =>
        string.Join(", ", Enumerable.Range(0, KernelRowVectors).Select(vector => vector == 0 ? "k" : "k + " + Format(vector * Type.Vector256Lanes)));

    /// <summary><c>var x = …; var xSecond = …;</c>: the input's whole vectors, which a row's vectors multiply; returns their names.</summary>
    private string[] EmitKernelRowInputs(SourceWriter writer)
    {
        string[] inputs = Enumerable.Range(0, KernelRowVectors).Select(vector => RowVectorNames[vector]).ToArray();
        for (int vector = 0; vector < inputs.Length; vector++)
        {
            writer.Line("var " + inputs[vector] + " = " + NumericType.Vector256Class + ".LoadUnsafe(ref " + (vector == 0 ? "input" : "At(ref input, " + Format(vector * Type.Vector256Lanes) + ")") + ");");
        }

        return inputs;
    }

    /// <summary>Row <paramref name="row"/> of W times the input, its lanes not yet added: the whole vectors' products, then (floats) the tail's.</summary>
    private string KernelRowProducts(int row, string[] inputs)
    {
        string origin = "ref At(ref w, " + Format(row * Inputs) + ")";
        string products = "global::NetCompiler.RowSums.FusedProducts(" + origin + ", " + string.Join(", ", inputs.Take(3)) + ")";
        for (int vector = 3; vector < inputs.Length; vector++)
        {
            products = "global::NetCompiler.RowSums.AddFusedProducts(ref At(ref w, " + Format((row * Inputs) + (vector * Type.Vector256Lanes)) + "), " + inputs[vector] + ", " + products + ")";
        }

        return KernelRowTail == 0 || Type == NumericType.Double ? products : "global::NetCompiler.RowSums.AddLastProducts(" + origin + ", " + Format(Inputs) + ", xLast, " + products + ")";
    }
}
