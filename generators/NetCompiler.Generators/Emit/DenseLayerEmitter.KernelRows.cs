using System;
using System.Collections.Generic;
using System.Linq;
using NetCompiler.Generators.Model;
using NetCompiler.Shared;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// The one-example forward pass of a layer on the kernels whose rows are a vector to 40 floats or
/// 31 doubles, written out where <c>Vector&lt;T&gt;</c> is 256 bits (for floats of rows of 4 to 31
/// also where it is 128 bits, <see cref="SumsKernelRowsOn128"/>): the kernel's own arithmetic
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
    /// <see cref="UnrollLimit"/> weights or 32 inputs or more) with rows of one vector to
    /// <see cref="KernelRowsInputLimit"/> floats (at most <see cref="KernelRowsWeightLimit"/> weights)
    /// or 31 doubles (at most <see cref="SummedKernelRowsWeightLimit"/>; a double layer that the
    /// kernel may run on 512-bit vectors, 32 units or more of rows of whole 512-bit vectors, is left
    /// to it). Other widths, batches and the backward pass call the kernels as before.
    /// </summary>
    private bool WritesOutKernelRows => WritesOutKernelRowsOf(Layer, Type);

    private static bool WritesOutKernelRowsOf(LayerModel layer, NumericType type) =>
        layer.Kind == LayerKind.Dense && !IsUnrolled(layer, type) && layer.InputSize >= type.Vector256Lanes
        && (type == NumericType.Single
            ? layer.InputSize <= KernelRowsInputLimit && layer.WeightCount <= KernelRowsWeightLimit
            : layer.InputSize < 32 && layer.WeightCount <= SummedKernelRowsWeightLimit && !(layer.OutputSize >= 32 && layer.InputSize % 8 == 0));

    /// <summary>
    /// Whether a network's layers of <see cref="WritesOutKernelRows"/> are inlined into its forward
    /// pass: where they have at most <see cref="UnrollLimit"/> weights together. The JIT inlines a
    /// limited amount into one method; past it, it left the helpers of these layers as calls, one for
    /// every multiply-add (16 → 16 tanh ×6 → 4 one example 141–145 ns on the kernels, 154–156 with
    /// every layer inlined; 16 → 31 tanh ×4 → 4 161–184 on the kernels, 187–332 inlined, 148–151 not).
    /// Alone, a layer of up to 256 weights gains by it (16 → 16 tanh → 4: 30.0 → 28.0 ns).
    /// </summary>
    public static bool InlinesKernelRows(IEnumerable<LayerModel> layers, NumericType type) =>
        layers.Where(layer => WritesOutKernelRowsOf(layer, type) || SumsKernelRowsOn128Of(layer, type)).Sum(layer => layer.WeightCount) <= UnrollLimit;

    /// <summary>
    /// Up to 64 units of 16 inputs, 42 of 24, 25 of 40. By stopwatch (thirty-fifth run), one example:
    /// 16 → 32 ReLU → 4 softmax 43–44 → 33–35 ns, 16 → 64 ReLU → 4 softmax 63–66 → 55–56, 24 → 40
    /// tanh → 3 softmax 60–62 → 54–55, 40 → 25 tanh → 3 60 → 56–57; at 128 units (2,048 weights)
    /// and more it was slower than the kernel, inlined into the pass or not: 16 → 128 ReLU → 4
    /// 103–107 → 139–173 ns, 24 → 128 tanh → 1 135–141 → 225–247 (too much for the JIT's inlining).
    /// </summary>
    private const int KernelRowsWeightLimit = 4 * UnrollLimit;

    /// <summary>
    /// The weights of a layer whose rows are summed one by one (<see cref="EmitSummedKernelRows"/>):
    /// four lanes a vector and a sum a row took the JIT past its inlining with fewer weights. With
    /// 128-bit <c>Vector&lt;T&gt;</c>, 16 → 32 (512 weights) and the layers below inlined every helper;
    /// 24 → 32 and 16 → 48 (768) and larger left calls in their <c>ForwardLayerN</c>.
    /// </summary>
    private const int SummedKernelRowsWeightLimit = 2 * UnrollLimit;

    /// <summary>
    /// Rows of up to five whole vectors. By stopwatch (thirty-fifth run), one example: 32 → 32 ReLU →
    /// 4 53 → 46–48 ns, 32 → 24 ReLU → 10 softmax 51–52 → 42–43, 40 → 24 tanh → 3 52 → 49–51; rows
    /// of 48 measured the same (48 → 20 tanh → 3 55–57 against 55), rows of 64 slower (64 → 16 ReLU
    /// → 4 39 → 48).
    /// </summary>
    private const int KernelRowsInputLimit = 40;

    /// <summary>
    /// Whether, where <c>Vector&lt;T&gt;</c> is 128 bits (ARM64, x64 without AVX2), this float layer's
    /// one-example forward pass is the kernel's arithmetic written out on 128-bit vectors: each row's
    /// sum as there (<c>Vector.Sum</c> of its vectors' multiply-adds, then the values past them one by
    /// one), rows of 4 to 31 inputs and at most <see cref="SummedKernelRowsWeightLimit"/> weights.
    /// By stopwatch with <c>DOTNET_MaxVectorTBitWidth=128</c> (thirty-fifth run), one example: 16 → 16
    /// tanh → 4 softmax 59.7–60.0 → 47.7–48.9 ns, 16 → 12 ReLU → 3 softmax 49.4–50.2 → 33.7–33.9,
    /// 16 → 20 ReLU → 20 ReLU → 4 80.2–80.4 → 67.7–69.5.
    /// </summary>
    private bool SumsKernelRowsOn128 => SumsKernelRowsOn128Of(Layer, Type);

    private static bool SumsKernelRowsOn128Of(LayerModel layer, NumericType type) =>
        type == NumericType.Single && layer.Kind == LayerKind.Dense && !IsUnrolled(layer, type)
        && layer.InputSize >= type.Vector128Lanes && layer.InputSize < 32 && layer.WeightCount <= SummedKernelRowsWeightLimit;

    /// <summary>The lanes of a vector of <paramref name="bits"/> (128 or 256) of T.</summary>
    private int LanesOf(int bits) => bits == 128 ? Type.Vector128Lanes : Type.Vector256Lanes;

    /// <summary>How many whole vectors of <paramref name="bits"/> a row holds.</summary>
    private int KernelRowVectors(int bits) => Inputs / LanesOf(bits);

    /// <summary>How many values a row has past its whole vectors of <paramref name="bits"/>.</summary>
    private int KernelRowTail(int bits) => Inputs % LanesOf(bits);

    /// <summary>z = Wa + b as <c>DenseForward.One</c> computes it on 256-bit vectors, then the activation on each vector of z, stored.</summary>
    private void EmitKernelRowsWrittenOut(SourceWriter writer)
    {
        if (Type == NumericType.Double)
        {
            EmitSummedKernelRows(writer, bits: 256);
            return;
        }

        int lanes = Type.Vector256Lanes;
        int tail = KernelRowTail(256);
        writer.Line("// the kernel's arithmetic written out: each row's "
            + (tail == 0 ? "vectors" : "whole vectors, then its last (ending where the row ends),")
            + " by multiply-adds from zero (lane k: input" + (KernelRowVectors(256) > 1 || tail > 0 ? "s " : " ") + KernelRowLanes(256)
            + (tail == 0 ? string.Empty : ", and k + " + Format(Inputs - lanes) + " from k = " + Format(lanes - tail) + " on")
            + "), eight rows' sums side by side, plus b" + Superscript + " (the padding lanes get 0)");
        string[] inputs = EmitKernelRowInputs(writer, 256);
        if (tail > 0)
        {
            writer.Line("var xLast = " + LastInputVector(tail) + ";");
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
                string product = k < count ? KernelRowProducts(first + k, inputs, 256) : Type.Vector256 + ".Zero";
                writer.Line("    " + product + (k + 1 < vectors ? "," : ") + " + VectorOf("b", Layer.BiasOffset, first, count) + ";"));
            }
        }

        EmitKernelRowsActivation(writer, blocks, 256);
    }

    /// <summary>
    /// The kernel's form where it sums each row on its own (doubles on 256-bit vectors, floats on
    /// 128-bit ones): each row's whole vectors by multiply-adds from zero and summed by
    /// <c>Vector.Sum</c>, then the values past them one product at a time, then b; z stored a vector
    /// of units at a time, put together from those sums.
    /// </summary>
    private void EmitSummedKernelRows(SourceWriter writer, int bits)
    {
        int lanes = LanesOf(bits);
        int[] tail = Enumerable.Range(KernelRowVectors(bits) * lanes, KernelRowTail(bits)).ToArray();
        writer.Line("// the kernel's arithmetic written out: each row's whole vectors by multiply-adds from zero (lane k: input"
            + (KernelRowVectors(bits) > 1 ? "s " : " ") + KernelRowLanes(bits)
            + "), their lanes summed (Vector.Sum)" + (tail.Length == 0 ? string.Empty : ", then the values past them one by one") + ", plus b" + Superscript);
        string[] inputs = EmitKernelRowInputs(writer, bits);
        foreach (int i in tail)
        {
            writer.Line(T + " x" + Format(i) + " = At(ref input, " + Format(i) + ");");
        }

        for (int j = 0; j < Units; j++)
        {
            string sum = "global::System.Numerics.Vector.Sum(" + NumericType.VectorClass(bits) + ".AsVector(" + KernelRowProducts(j, inputs, bits) + "))";
            string tailProducts = string.Concat(tail.Select(i => " + At(ref w, " + Format((j * Inputs) + i) + ") * x" + Format(i)));
            writer.Line(T + " z" + Format(j) + " = " + sum + tailProducts + " + At(ref b, " + Format(j) + ");");
        }

        EmitKernelRowsActivation(
            writer,
            Enumerable.Range(0, (Units + lanes - 1) / lanes)
                .Select(vector => Type.VectorCreate(bits, Math.Min(lanes, Units - (vector * lanes)), k => "z" + Format((vector * lanes) + k)))
                .ToArray(),
            bits);
    }

    /// <summary>
    /// Stores z's vectors of <paramref name="bits"/> (<paramref name="vectors"/>, a vector of units
    /// each) and a = f(z): on those vectors in registers, or, for more than two vectors of an
    /// activation that takes an exponential (<see cref="ActivationTakesExponential"/>) or more than
    /// eight of any (on 128 bits, more than two of any: 16 → 31 tanh there left a tanh a call), by
    /// the activation's loop over the stored vectors, as after the kernel: so many
    /// activations in line took the JIT past what it inlines into one method, and it left
    /// multiply-adds as calls (double 12 → 30 sigmoid → 1 one example 89–94 ns on the kernel, 109–113
    /// written out with eight sigmoids in line, 85–86 with their loop; float 16 → 64 sigmoid and
    /// 8 → 128 tanh too). Cheaper activations on fewer vectors lost by the loop (16 → 32 ReLU → 4
    /// 36.6–37.2 ns against 33–35 in registers, M9 61–62 against 59–60).
    /// </summary>
    private void EmitKernelRowsActivation(SourceWriter writer, IReadOnlyList<string> vectors, int bits)
    {
        string vectorClass = NumericType.VectorClass(bits);
        string? function = IsLast ? null : ActivationEmitter.FunctionName(Layer.Activation);
        bool inRegisters = function is not null && (vectors.Count <= 2 || (bits == 256 && vectors.Count <= 8 && !ActivationTakesExponential));
        writer.Line(inRegisters
            ? "// a" + Superscript + " = " + function + "(z" + Superscript + "), a vector at a time (the padding lanes get " + function + "(0))"
            : "// z" + Superscript + " stored a vector at a time" + (function is null ? string.Empty : ", then the activation's loop over it (so many in line would leave the JIT's inlining budget)"));
        for (int k = 0; k < vectors.Count; k++)
        {
            writer.Line(inRegisters
                ? "Store(global::NetCompiler.Activations." + function + "(" + vectorClass + ".AsVector(" + vectors[k] + ")), ref output, " + Format(k * LanesOf(bits)) + ");"
                : vectorClass + ".StoreUnsafe(" + vectors[k] + ", ref At(ref output, " + Format(k * LanesOf(bits)) + "));");
        }

        if (!inRegisters)
        {
            EmitActivationInPlace(writer, "output");
        }
    }

    /// <summary>"k, k + 8, …": the inputs that lane k of a row's whole vectors of <paramref name="bits"/> multiplies.</summary>
    private string KernelRowLanes(int bits) =>
        string.Join(", ", Enumerable.Range(0, KernelRowVectors(bits)).Select(vector => vector == 0 ? "k" : "k + " + Format(vector * LanesOf(bits))));

    /// <summary><c>var x = …; var xSecond = …;</c>: the input's whole vectors of <paramref name="bits"/>, which a row's vectors multiply; returns their names.</summary>
    private string[] EmitKernelRowInputs(SourceWriter writer, int bits)
    {
        string[] inputs = Enumerable.Range(0, KernelRowVectors(bits)).Select(vector => RowVectorNames[vector]).ToArray();
        for (int vector = 0; vector < inputs.Length; vector++)
        {
            writer.Line("var " + inputs[vector] + " = " + NumericType.VectorClass(bits) + ".LoadUnsafe(ref " + (vector == 0 ? "input" : "At(ref input, " + Format(vector * LanesOf(bits)) + ")") + ");");
        }

        return inputs;
    }

    /// <summary>
    /// Row <paramref name="row"/> of W times the input, its lanes not yet added: the whole vectors'
    /// products (<c>RowSums.FusedProducts</c> of up to three 256-bit vectors or one 128-bit one, then
    /// <c>AddFusedProducts</c>), then, for floats on 256 bits, the tail's.
    /// </summary>
    private string KernelRowProducts(int row, string[] inputs, int bits)
    {
        string origin = "ref At(ref w, " + Format(row * Inputs) + ")";
        int first = bits == 256 ? 3 : 1;
        string products = "global::NetCompiler.RowSums.FusedProducts(" + origin + ", " + string.Join(", ", inputs.Take(first)) + ")";
        for (int vector = first; vector < inputs.Length; vector++)
        {
            products = "global::NetCompiler.RowSums.AddFusedProducts(ref At(ref w, " + Format((row * Inputs) + (vector * LanesOf(bits))) + "), " + inputs[vector] + ", " + products + ")";
        }

        return KernelRowTail(bits) == 0 || Type == NumericType.Double || bits == 128
            ? products
            : "global::NetCompiler.RowSums.AddLastProducts(" + origin + ", " + Format(Inputs) + ", xLast, " + products + ")";
    }
}
