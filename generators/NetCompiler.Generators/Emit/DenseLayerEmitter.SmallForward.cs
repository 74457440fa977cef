using System;
using System.Collections.Generic;
using System.Linq;
using NetCompiler.Generators.Model;
using NetCompiler.Shared;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// The forward kernel of a small dense layer (at most <see cref="UnrollLimit"/> weights), written
/// out: z as balanced sums of products, or, for rows of 4–8 inputs (or 16 floats, folded to 8), as
/// vector products whose row sums <c>RowSums</c> adds side by side (a vector of units at a time in a
/// wider layer), or, for a hidden float layer with shorter rows, as W's columns times the inputs
/// (<c>WeightColumns</c>); a hidden layer's activation on one 256-bit vector made from z, handed on
/// in a register to the next small layer (on several, each stored whole, in a wider one). A small network's time is
/// its chain of dependent operations and how many calls the CPU overlaps, so every choice here
/// shortens the one or trims the instructions.
/// </summary>
internal sealed partial class DenseLayerEmitter
{
    /// <summary>
    /// z written out or on vectors (by rows or columns), then the activation: on one vector made
    /// from z where the layer <see cref="GathersActivation"/>, on several where it is wider
    /// (<see cref="ActivatesWideLayer"/>), else in place; a last layer that
    /// <see cref="ReturnsActivation"/> returns its z as one vector too, for the training pass in
    /// registers.
    /// </summary>
    private void EmitUnrolledForward(SourceWriter writer)
    {
        if (GathersActivation)
        {
            EmitUnrolledGatheredForward(writer);
            return;
        }

        EmitForwardInputLocals(writer);
        if (ActivatesWideLayer)
        {
            EmitWideActivation(writer);
            return;
        }

        if (SumsOnVectors || SumsWideLastRowsOnVectors)
        {
            using (writer.Open("if (" + Type.VectorIs256Bits + ")"))
            {
                if (SumsWideLastRowsOnVectors)
                {
                    EmitWideLastRowSums(writer);
                }
                else
                {
                    EmitVectorSums(writer);
                    writer.Line(NumericType.Vector256Class + ".StoreUnsafe(z, ref output);");
                }

                if (ReturnsActivation)
                {
                    writer.Line("return z;");
                }
            }

            if (SumsRowsOn128BitVectors)
            {
                using (writer.Open("else if (" + Type.VectorIs128Bits + ")"))
                {
                    EmitRowSumsOn128BitVectors(writer);
                    EmitStoresOf128BitSums(writer);

                    if (ReturnsActivation)
                    {
                        writer.Line("return " + Joined128BitVectors(v => "sums" + Format(v)) + ";");
                    }
                }
            }

            using (writer.Open("else"))
            {
                EmitUnrolledStores(writer, j => UnrolledSum(j));
                if (ReturnsActivation)
                {
                    writer.Line("return " + Type.Vector256Create(Units, j => "At(ref output, " + Format(j) + ")") + ";");
                }
            }
        }
        else if (ReturnsActivation)
        {
            EmitZLocals(writer);
            writer.Line("var z = " + Type.Vector256Create(Units, j => "z" + Format(j)) + ";");
            writer.Line(NumericType.Vector256Class + ".StoreUnsafe(z, ref output);");
            writer.Line("return z;");
        }
        else
        {
            EmitUnrolledStores(writer, j => UnrolledSum(j));
        }

        EmitActivationInPlace(writer, "output");
    }

    /// <summary>
    /// Whether a wide hidden layer, where <c>Vector&lt;T&gt;</c> is 128 bits, takes its activation by the
    /// vector loop over its stored sums rather than one call in line per 128-bit vector: more than
    /// two such vectors of an activation that takes an exponential (sigmoid, double tanh), whose
    /// calls in line made the JIT leave the layer out of line (without AVX2, double 8 → 10 tanh → 3
    /// softmax one example 175 → 128 ns, 8 → 24 sigmoid → 24 sigmoid → 5 softmax 256 → 205; with
    /// 128-bit <c>Vector&lt;T&gt;</c> and AVX2 112 → 103 and the same; cheaper activations, ReLU and
    /// float tanh, lost 3–12 % so; benchmarks/HISTORY.md, thirty-fourth run).
    /// </summary>
    private bool LoopsLongActivation => Vectors128 > 2 && ActivationTakesExponential;

    /// <summary>Whether the layer's activation takes an exponential (sigmoid, double tanh): a long body of code for each vector it runs on in line.</summary>
    private bool ActivationTakesExponential =>
        Layer.Activation == Activation.Sigmoid || (Layer.Activation == Activation.Tanh && Type == NumericType.Double);

    /// <summary>
    /// Whether a hidden layer of more than one vector of units (so neither <see cref="GathersActivation"/> nor
    /// <see cref="SumsOnVectors"/>) takes its activation, where <c>Vector&lt;T&gt;</c> is 256 bits, on
    /// 256-bit vectors a vector of units at a time, each stored whole (<see cref="EmitWideActivation"/>):
    /// z stored one by one and loaded back as vectors, each load waited until the stores reached the cache.
    /// </summary>
    private bool ActivatesWideLayer => !IsLast && Units > Type.Vector256Lanes && ActivationEmitter.FunctionName(Layer.Activation) is not null;

    /// <summary>
    /// Whether a wide hidden layer (<see cref="ActivatesWideLayer"/>) with rows of
    /// <see cref="RowSumsMinimumInputs"/> to one vector of inputs, or folded ones (<see cref="FoldsRows"/>), adds its rows on 256-bit vectors, a
    /// vector of units at a time, as a layer of one vector of units does (<see cref="SumsRowsOnVectors"/>):
    /// written out, each of its weights took two scalar instructions (8 → 24 → 3: one example 81 ns,
    /// 53 on the kernels; benchmarks/HISTORY.md, thirtieth run). Its z are then <c>RowSums</c>' tree of
    /// the row's products plus the bias at every width (<see cref="UnrolledSum(int)"/>), as in the lanes.
    /// </summary>
    private bool SumsWideRowsOnVectors =>
        ActivatesWideLayer && Inputs >= RowSumsMinimumInputs && (Inputs <= Type.Vector256Lanes || FoldsRows);

    /// <summary>
    /// Whether a wide hidden float layer (<see cref="ActivatesWideLayer"/>) with rows shorter
    /// than <see cref="RowSumsMinimumInputs"/> takes W's columns times the inputs, a vector of units at a
    /// time, as a layer of one vector of units does (<see cref="SumsColumnsOnVectors"/>), each block's
    /// columns picked from the vectors its weights lie in (all of them within the parameters).
    /// The same balanced tree as the values written out, so the same bits.
    /// </summary>
    private bool SumsWideColumnsOnVectors =>
        ActivatesWideLayer && Type.Vector256Lanes == 8 && Inputs < RowSumsMinimumInputs && !InputInRegister
        && ColumnSourcesEnd <= ParametersEnd;

    /// <summary>
    /// Whether a last layer of more than one vector of units, with rows of <see cref="RowSumsMinimumInputs"/>
    /// to one vector of inputs or folded ones (<see cref="FoldsRows"/>), adds its rows on 256-bit vectors a
    /// vector of units at a time, each stored whole (the lanes past the units +0, in the padding every
    /// region of the state has), as a hidden one does (<see cref="SumsWideRowsOnVectors"/>): written out,
    /// each of its weights took two scalar instructions (a head of ten classes: 8 → 8 tanh → 10 softmax
    /// one example 67 ns by stopwatch, where 8 → 8 → 1 took 14; benchmarks/HISTORY.md, thirty-first run).
    /// </summary>
    private bool SumsWideLastRowsOnVectors =>
        IsLast && Units > Type.Vector256Lanes && Inputs >= RowSumsMinimumInputs && (Inputs <= Type.Vector256Lanes || FoldsRows);

    /// <summary><c>var z0To7 = RowSums…(…) + b…; Vector256.StoreUnsafe(z0To7, …);</c> and so on: a wide last layer's z (<see cref="SumsWideLastRowsOnVectors"/>).</summary>
    private void EmitWideLastRowSums(SourceWriter writer)
    {
        EmitRowSumsInput(writer);
        writer.Line("// z" + Superscript + " a vector of units at a time, each stored whole");
        foreach ((int first, int count) in UnitVectors)
        {
            string z = UnitVectorName(first, count);
            EmitRowSumsOf(writer, z, first, count);
            writer.Line(NumericType.Vector256Class + ".StoreUnsafe(" + z + ", ref At(ref output, " + Format(first) + "));");
        }
    }

    /// <summary>The units a 256-bit vector at a time: the first of each vector and how many it holds (the last one's may be fewer).</summary>
    private IEnumerable<(int First, int Count)> UnitVectors =>
        Enumerable.Range(0, (Units + Type.Vector256Lanes - 1) / Type.Vector256Lanes)
            .Select(v => (v * Type.Vector256Lanes, Math.Min(Type.Vector256Lanes, Units - (v * Type.Vector256Lanes))));

    /// <summary><c>z0To7</c> and so on: the local holding the z of <paramref name="count"/> units from <paramref name="first"/>.</summary>
    private static string UnitVectorName(int first, int count) => "z" + Format(first) + "To" + Format(first + count - 1);

    /// <summary>Whether z adds <c>RowSums</c>' tree of each row's products, then the bias, at every width.</summary>
    private bool AddsRowSumTree => SumsRowsOnVectors || SumsWideRowsOnVectors || SumsWideLastRowsOnVectors;

    /// <summary>
    /// a = f(z) of a wide hidden layer where <c>Vector&lt;T&gt;</c> is 256 bits, on 256-bit vectors each
    /// stored whole (the lanes past the units f(0)): z a vector of units at a time from the rows' sums
    /// (<see cref="SumsWideRowsOnVectors"/>) or W's columns (<see cref="SumsWideColumnsOnVectors"/>), or
    /// made from z locals; where it is 128 bits, a float layer that sums its rows does so four units to a
    /// 128-bit vector (the same sums), each activated and stored whole; at other widths the z stored one
    /// by one and the activation's vector loop.
    /// </summary>
    private void EmitWideActivation(SourceWriter writer)
    {
        string name = ActivationEmitter.FunctionName(Layer.Activation)!;
        string function = "global::NetCompiler.Activations." + name;
        bool onVectors = SumsWideRowsOnVectors || SumsWideColumnsOnVectors;
        if (!onVectors)
        {
            EmitZLocals(writer);
        }

        using (writer.Open("if (" + Type.VectorIs256Bits + ")"))
        {
            if (SumsWideRowsOnVectors)
            {
                EmitRowSumsInput(writer);
            }

            writer.Line("// a" + Superscript + " = " + name + "(z" + Superscript + ") on 256-bit vectors" + (onVectors ? ", a vector of units at a time" : " made from the z in registers") + ", each stored whole");
            foreach ((int first, int count) in UnitVectors)
            {
                string z = Type.Vector256Create(count, j => "z" + Format(first + j));
                if (onVectors)
                {
                    z = UnitVectorName(first, count);
                    if (SumsWideRowsOnVectors)
                    {
                        EmitRowSumsOf(writer, z, first, count);
                    }
                    else
                    {
                        EmitColumnSumsOf(writer, z, first, count);
                    }
                }

                writer.Line("Store(" + function + "(" + NumericType.Vector256Class + ".AsVector(" + z + ")), ref output, " + Format(first) + ");");
            }
        }

        if (SumsRowsOn128BitVectors)
        {
            using (writer.Open("else if (" + Type.VectorIs128Bits + ")"))
            {
                EmitRowSumsOn128BitVectors(writer);
                if (LoopsLongActivation)
                {
                    // the sums stored whole, then the activation's vector loop, its code once
                    writer.Line("// z" + Superscript + " stored a 128-bit vector at a time, then a" + Superscript + " = " + name + "(z" + Superscript + ") in place, loaded back whole");
                    EmitStoresOf128BitSums(writer);

                    EmitActivationInPlace(writer, "output");
                }
                else
                {
                    writer.Line("// a" + Superscript + " = " + name + "(z" + Superscript + ") on those 128-bit vectors, each stored whole");
                    EmitActivationOn128BitVectors(writer, function, v => "sums" + Format(v));
                }
            }
        }

        using (writer.Open("else"))
        {
            if (onVectors)
            {
                EmitZLocals(writer);
            }

            EmitUnrolledStores(writer, j => "z" + Format(j));
            EmitActivationInPlace(writer, "output");
        }
    }

    /// <summary>
    /// Whether <paramref name="producer"/>, a hidden layer, hands its activation to
    /// <paramref name="consumer"/> in a register: both small dense layers, the producer's activation
    /// one 256-bit vector made from its z (<see cref="GathersActivation"/>), the consumer unrolled.
    /// </summary>
    private static bool PassesActivationInRegister(LayerModel producer, LayerModel consumer, NumericType type) =>
        producer.Kind == LayerKind.Dense && consumer.Kind == LayerKind.Dense && IsUnrolled(producer, type) && IsUnrolled(consumer, type)
        && Gathers(producer, type, isLast: false);

    /// <summary>
    /// Whether z is computed on 256-bit vectors when <c>Vector&lt;T&gt;</c> is one: a small layer of
    /// at most one vector of units and rows of <see cref="RowSumsMinimumInputs"/> to one vector of
    /// inputs. Rows of four floats lie two to a vector, row k and row k + 4 (<c>RowSums.OfRowPairs</c>,
    /// whose sums then need no lane moved across the halves), longer ones one to a vector
    /// (<c>OfOctets</c>; <c>OfQuads</c> for double); each vector of W times the input is one product,
    /// and <c>RowSums</c> adds every row, all rows side by side (horizontal additions on AVX): a few
    /// instructions where the values written out take two per weight. A float row of nine to 31
    /// inputs is folded into one vector first (<see cref="FoldsRows"/>).
    /// </summary>
    private bool SumsRowsOnVectors => SumsRows(Layer, Type);

    private static bool SumsRows(LayerModel layer, NumericType type) =>
        IsUnrolled(layer, type) && layer.OutputSize <= type.Vector256Lanes
        && ((layer.InputSize >= RowSumsMinimumInputs && layer.InputSize <= type.Vector256Lanes) || Folds(layer, type));

    /// <summary>
    /// Whether each row of a written-out layer is more than one 256-bit vector (floats: nine to 31
    /// inputs, rows of 16 or 24 with eight units or more running on the kernels; doubles: five to 31,
    /// rows of 16 or more with eight units or more on the kernels) and so is folded: its whole
    /// vectors and its last one, which ends where the row ends, are added lane by lane in that order
    /// (lane k: the products of inputs k, k + 8 … and k + inputs − 8, for double k + 4 …; the last
    /// vector's lanes that a whole vector holds are cleared in weights and inputs,
    /// <c>RowSums.LoadLast</c>, so they add +0), then the folded row's lanes are summed as a row of
    /// one vector. Written out, such a row took two scalar instructions
    /// per weight: a 16 → 4 softmax 36.4 → 16.1 ns one example at a time (stopwatch;
    /// benchmarks/HISTORY.md, twenty-ninth run), 12 → 12 tanh → 1 53 → 30 ns, 9 → 9 → 1 41 → 28,
    /// 20 → 4 softmax 41 → 19, 31 → 6 tanh → 2 105 → 35 (thirty-first run; rows of nine to twelve
    /// whose second vector was put together from values had been slower); double 8 → 8 ReLU → 4
    /// 29 → 14 ns, 12 → 12 ReLU → 3 softmax 66–69 → 35–37, 8 → 16 → 8 → 2 64 → 39, 24 → 4 tanh → 2
    /// softmax 72–73 → 45, 20 → 6 ReLU → 1 41–42 → 25 (thirty-fourth run; the last two's batches 1–4 % slower).
    /// </summary>
    private bool FoldsRows => Folds(Layer, Type);

    private static bool Folds(LayerModel layer, NumericType type) =>
        layer.InputSize > type.Vector256Lanes && IsUnrolled(layer, type);

    /// <summary>
    /// The 256-bit vectors a row is taken in, folded in the forward pass and a part at a time in the
    /// backward pass: its whole vectors, then its last one (one to four; a row of one vector is its own last).
    /// </summary>
    private int RowVectors => (Inputs + Type.Vector256Lanes - 1) / Type.Vector256Lanes;

    /// <summary>Where a row's vector <paramref name="vector"/> (one of <see cref="RowVectors"/>) starts, from the row's start.</summary>
    private int RowVectorStart(int vector) => vector < RowVectors - 1 ? vector * Type.Vector256Lanes : LastVectorStart;

    /// <summary>Where a row's last vector starts, from the row's start: it ends where the row ends.</summary>
    private int LastVectorStart => Inputs - Type.Vector256Lanes;

    /// <summary>How many lanes of a folded row's last vector it keeps: those past its whole vectors (the last ones).</summary>
    private int LastVectorLength => Inputs - ((RowVectors - 1) * Type.Vector256Lanes);

    /// <summary>The name of the input's vector that row vector <paramref name="vector"/> (one of <see cref="RowVectors"/>) multiplies.</summary>
    private string RowVectorInput(int vector) => vector == RowVectors - 1 && vector > 0 ? "xLast" : RowVectorNames[vector];

    private static readonly string[] RowVectorNames = ["x", "xSecond", "xThird", "xFourth", "xFifth", "xSixth", "xSeventh"];

    /// <summary>
    /// Whether z is computed on 256-bit vectors as columns of W times the inputs when
    /// <c>Vector&lt;T&gt;</c> is one: a small hidden float layer of at most eight units whose rows are
    /// shorter than <see cref="RowSumsMinimumInputs"/>, its input read from memory, W loadable as
    /// whole vectors. z = b + Σᵢ W₍:,ᵢ₎xᵢ with each xᵢ in every lane, added as the same balanced tree
    /// as the values written out (so the same bits); the columns are picked from W's vectors
    /// (<c>WeightColumns.Pick</c>), which does not wait on the input. A few vector instructions where
    /// the values written out take two per weight and an insert per unit: W1's first layer (2
    /// inputs, 6 units) made its infer1 11 % faster on Zen 4 (19 % by stopwatch;
    /// benchmarks/HISTORY.md, twenty-fifth run). Its last layer (2 × 2, input in a register) was no
    /// faster so, and a last layer's few sums are stored one by one anyway.
    /// </summary>
    private bool SumsColumnsOnVectors =>
        IsUnrolled(Layer, Type) && Type.Vector256Lanes == 8 && Inputs < RowSumsMinimumInputs && Units <= Type.Vector256Lanes
        && !IsLast && !InputInRegister && ColumnSourcesEnd <= ParametersEnd;

    /// <summary>The vectors the weights of <paramref name="units"/> rows fill, eight to a vector.</summary>
    private int ColumnSourceVectorsOf(int units) => ((units * Inputs) + 7) / 8;

    /// <summary>
    /// Where, in the parameters, the whole vectors that the columns are picked from end: those of the
    /// last block of eight units (the only block, in a layer of one vector of units), which may run past W.
    /// </summary>
    private int ColumnSourcesEnd
    {
        get
        {
            int lastBlock = (Units - 1) / 8 * 8;
            return Layer.WeightOffset + (lastBlock * Inputs) + (ColumnSourceVectorsOf(Units - lastBlock) * 8);
        }
    }

    /// <summary>Whether z is computed on 256-bit vectors, by rows or by columns.</summary>
    private bool SumsOnVectors => SumsRowsOnVectors || SumsColumnsOnVectors;

    /// <summary>
    /// Whether z is also computed on 128-bit vectors where <c>Vector&lt;T&gt;</c> is 128 bits (ARM64, x64
    /// without AVX2): a layer that adds its rows on vectors (<see cref="AddsRowSumTree"/>: rows of
    /// four to one 256-bit vector of inputs, or longer ones folded; a wide layer's too), four float
    /// units to a vector, each row's products added by <c>RowSums.OfQuads</c> (a row of more than four
    /// as its halves' <c>PairSums</c> first, the high half's lanes past the inputs +0 products), or two
    /// double units, by <c>RowSums.OfPairs</c> of each row's halves' <c>PairSums</c>, in the tree the
    /// 256-bit forms and the written-out sums add: the same sums, a few vector instructions where the
    /// values written out take two per weight and an insert per unit (W2 with 128-bit
    /// <c>Vector&lt;T&gt;</c>: 40–41 → 35 ns by stopwatch; benchmarks/HISTORY.md, twenty-eighth run;
    /// double 8 → 8 ReLU → 4 38 → 23 ns, thirty-fourth run).
    /// </summary>
    private bool SumsRowsOn128BitVectors => AddsRowSumTree;

    /// <summary>
    /// <c>var sums0 = RowSums.OfQuads(x * W₀, …, x * W₃) + b₀…₃;</c> and so on: z four units to a
    /// 128-bit vector, a row of more than four inputs as <c>RowSums.PairSums(xLow * W₀ low, xHigh * W₀ high)</c>
    /// (the high half's weights past the row cleared, so its padding lanes add +0 as in the other
    /// forms), a folded row the same with each half the sum of a quarter of each of its vectors'
    /// products, in order (inputs k, k + 8 … and k + inputs − 8 in one lane, as on 256 bits; a quarter of
    /// the last vector wholly cleared is +0), missing rows zero (or, for one or two rows,
    /// the two-row form), so the lanes past the units get 0; for double, two units to a vector,
    /// <c>RowSums.OfPairs(PairSums(xLow * W₀ low, xHigh * W₀ high), …)</c>, its halves two values each.
    /// </summary>
    private void EmitRowSumsOn128BitVectors(SourceWriter writer)
    {
        const string vector128 = NumericType.Vector128Class;
        int lanes = Type.Vector128Lanes;
        string zero = vector128 + "<" + T + ">.Zero";
        writer.Line("// each row of W" + Superscript + " times a" + PreviousSuperscript + ", " + (lanes == 4 ? "four" : "two") + " rows' sums to a 128-bit vector, plus b" + Superscript
            + " (the padding lanes get 0): the 256-bit form's sums");
        // the input's quarters: for a folded row, two per vector it is added from (its last vector's only those it keeps)
        string[] inputs = Inputs == lanes ? new[] { "x" }
            : FoldsRows ? Enumerable.Range(0, 2 * RowVectors).Select(q => RowVectorInput(q / 2) + (q % 2 == 0 ? "Low" : "High")).ToArray()
            : new[] { "xLow", "xHigh" };
        for (int h = 0; h < inputs.Length; h++)
        {
            int first = h * lanes;
            bool inLastVector = FoldsRows && h / 2 == RowVectors - 1;
            string value = InputInRegister
                ? NumericType.Vector256Class + (h == 0 ? ".GetLower(input)" : ".GetUpper(input)")
                : inLastVector ? LastOf("input", LastVectorStart + (h % 2 * lanes), LastQuarterLength(h % 2), bits: 128)
                : first + lanes <= Inputs
                    ? vector128 + ".LoadUnsafe(ref At(ref input, " + Format(first) + "))"
                    : Type.Vector128Create(Inputs - first, i => "x" + Format(first + i));
            if (!inLastVector || LastQuarterLength(h % 2) > 0)
            {
                writer.Line("var " + inputs[h] + " = " + value + ";");
            }
        }

        string Product(int row, int quarter)
        {
            if (!FoldsRows || quarter / 2 < RowVectors - 1)
            {
                return inputs[quarter] + " * " + VectorOf("w", Layer.WeightOffset, (row * Inputs) + (quarter * lanes), Math.Min(lanes, Inputs - (quarter * lanes)), bits: 128);
            }

            int half = quarter % 2;
            return LastQuarterLength(half) == 0 ? zero
                : inputs[quarter] + " * " + LastOf("w", (row * Inputs) + LastVectorStart + (half * lanes), LastQuarterLength(half), bits: 128);
        }

        string Row(int row, int half) => FoldsRows
            ? string.Join(" + ", Enumerable.Range(0, RowVectors).Select(vector => Product(row, (2 * vector) + half)))
            : Product(row, half);
        for (int v = 0; v < Vectors128; v++)
        {
            int first = v * lanes;
            int rows = Math.Min(lanes, Units - first) <= 2 ? 2 : lanes;
            writer.Line("var sums" + Format(v) + " = global::NetCompiler.RowSums." + (lanes == 4 ? "OfQuads" : "OfPairs") + "(");
            for (int k = 0; k < rows; k++)
            {
                int row = first + k;
                string product = row >= Units ? zero
                    : inputs.Length == 1 ? Row(row, 0)
                    : "global::NetCompiler.RowSums.PairSums(" + Row(row, 0) + ", " + Row(row, 1) + ")";
                writer.Line("    " + product + (k + 1 < rows ? "," : ") + " + VectorOf("b", Layer.BiasOffset, first, Math.Min(lanes, Units - first), bits: 128) + ";"));
            }
        }
    }

    /// <summary>
    /// Shorter rows are not summed as rows: their sums are only one or two additions deep, and the
    /// horizontal additions cost more latency than they save instructions (W1's two-input layers
    /// as rows: infer1 no faster, training 2–8 % slower; W2's layers of four and eight inputs:
    /// infer1 about 20 % faster; benchmarks/HISTORY.md); they take W's columns instead.
    /// </summary>
    private const int RowSumsMinimumInputs = 4;

    /// <summary><c>var z = …;</c> on a <c>Vector256&lt;T&gt;</c>, by rows or by columns, the lanes past the units zero.</summary>
    private void EmitVectorSums(SourceWriter writer)
    {
        if (SumsRowsOnVectors)
        {
            EmitRowSums(writer);
        }
        else
        {
            EmitColumnSums(writer);
        }
    }

    /// <summary>
    /// W's values in vectors as they lie (<c>var rows0 = …;</c>), each column picked from them
    /// (<c>var column0 = WeightColumns.Pick(rows0, rows1, [0, 2, 4, …]);</c>), then
    /// <c>var z = FirstLanes(b + column0 * x₀ + column1 * x₁ …, units)</c>: the padding lanes, which
    /// hold the parameters after b plus a weight times each input, are cleared at the end, so they
    /// hold f(0) after the activation as in every other form (one instruction; W1 no slower): with
    /// an infinite input a ReLU there would give +∞, and the next layer, which multiplies the whole
    /// register by rows whose padding is zero, NaN (AgreementTests).
    /// </summary>
    private void EmitColumnSums(SourceWriter writer) => EmitColumnSumsOf(writer, "z", 0, Units);

    /// <summary><c>var {name} = …</c>: z of the <paramref name="count"/> units from <paramref name="first"/> (at most eight) by W's columns, the lanes past them cleared.</summary>
    private void EmitColumnSumsOf(SourceWriter writer, string name, int first, int count)
    {
        const int lanes = 8;
        string vector256 = NumericType.Vector256Class;
        int vectors = ColumnSourceVectorsOf(count);
        // the block's locals: rows0, column0 … for the first, rows0For8, column0For8 … for the one from unit 8
        string block = first == 0 ? string.Empty : "For" + Format(first);
        writer.Line("// W" + Superscript + "'s columns" + (count < Units ? " for units " + Format(first) + "–" + Format(first + count - 1) : string.Empty)
            + ", picked from its rows (lane j of column i holds Wⱼᵢ), times a" + PreviousSuperscript + "ᵢ in every lane, plus b" + Superscript + "; the padding lanes cleared");
        for (int k = 0; k < vectors; k++)
        {
            writer.Line("var rows" + Format(k) + block + " = " + vector256 + ".LoadUnsafe(ref At(ref w, " + Format((first * Inputs) + (k * lanes)) + "));");
        }

        for (int i = 0; i < Inputs; i++)
        {
            writer.Line("var column" + Format(i) + block + " = " + ColumnPick(i, vectors, count, k => "rows" + Format(k) + block) + ";");
        }

        string[] terms = new[] { VectorOf("b", Layer.BiasOffset, first, count, clearRest: false) }
            .Concat(Enumerable.Range(0, Inputs).Select(i => "column" + Format(i) + block + " * " + vector256 + ".Create(x" + Format(i) + ")"))
            .ToArray();
        string sum = PairwiseSum(terms, 0, terms.Length, parenthesized: false);
        writer.Line("var " + name + " = " + (count < lanes ? "global::NetCompiler.VectorMath.FirstLanes(" + sum + ", " + Format(count) + ")" : sum) + ";");
    }

    /// <summary>
    /// Column <paramref name="input"/> of the <paramref name="count"/> units of a block from its values'
    /// vectors (named by <paramref name="rows"/>: <c>rows0</c> …): a pick from one or two of them, and for
    /// a third a second pick that keeps the first's lanes and takes the rest from it.
    /// </summary>
    private string ColumnPick(int input, int vectors, int count, Func<int, string> rows)
    {
        const string pick = "global::NetCompiler.WeightColumns.Pick(";
        int[] sources = Enumerable.Range(0, 8).Select(j => j < count ? (j * Inputs) + input : 0).ToArray();
        string Indices(Func<int, int> index) => NumericType.Vector256Class + ".Create(" + string.Join(", ", Enumerable.Range(0, 8).Select(j => Format(index(j)))) + ")";
        string firstTwo = vectors == 1
            ? pick + rows(0) + ", " + Indices(j => sources[j]) + ")"
            : pick + rows(0) + ", " + rows(1) + ", " + Indices(j => sources[j] < 16 ? sources[j] : 0) + ")";
        return vectors <= 2 ? firstTwo : pick + firstTwo + ", " + rows(2) + ", " + Indices(j => sources[j] < 16 ? j : sources[j] - 8) + ")";
    }

    /// <summary>Where the parameters this emitter surely may read end: after its own and the next layer's.</summary>
    private int ParametersEnd => Layer.BiasOffset + Layer.BiasCount + _parametersAfter;

    /// <summary>Rows a vector of W holds: two rows of four floats, else one.</summary>
    private int RowsPerVector => Inputs == 4 && Type.Vector256Lanes == 8 ? 2 : 1;

    /// <summary>
    /// <c>var z = RowSums.OfRowPairs/OfOctets/OfQuads(x ⊙ W…, …) + b</c> as a <c>Vector256&lt;T&gt;</c>,
    /// the lanes past the units zero; x is the input, twice over when a vector holds two rows.
    /// </summary>
    private void EmitRowSums(SourceWriter writer)
    {
        EmitRowSumsInput(writer);
        EmitRowSumsOf(writer, "z", 0, Units);
    }

    /// <summary><c>var x = …;</c>: the input as the row sums multiply it (and a folded row's other vectors, <c>xSecond</c>, <c>xThird</c>, <c>xLast</c>).</summary>
    private void EmitRowSumsInput(SourceWriter writer)
    {
        int lanes = Type.Vector256Lanes;
        int rowsPerVector = RowsPerVector;
        string vector256 = NumericType.Vector256Class;
        writer.Line(FoldsRows
            ? "// each row of W" + Superscript + " times a" + PreviousSuperscript + ", "
                + (Inputs == 2 * lanes
                    ? "its two vectors folded into one (lane k: inputs k and k + " + Format(lanes) + ")"
                    : "its " + (RowVectors == 2 ? "first vector" : "whole vectors") + " and its last (ending where the row ends) folded into one (lane k: input"
                        + string.Concat(Enumerable.Range(0, RowVectors - 1).Select(vector => vector == 0 ? " k" : ", k + " + Format(vector * lanes)))
                        + ", and k + " + Format(LastVectorStart) + " from k = " + Format(lanes - LastVectorLength) + " on)")
                + ", the rows' sums side by side, plus b" + Superscript + " (the padding lanes get 0)"
            : "// each vector of W" + Superscript + " (" + (rowsPerVector > 1 ? "rows k and k + 4" : "one row") + ") times a" + PreviousSuperscript
                + ", the rows' sums side by side, plus b" + Superscript + " (the padding lanes get 0)");
        string x;
        if (InputInRegister)
        {
            x = rowsPerVector > 1 ? vector256 + ".Shuffle(input, " + vector256 + ".Create(0, 1, 2, 3, 0, 1, 2, 3))" : "input";
        }
        else if (rowsPerVector > 1)
        {
            // one load of the four inputs into both halves (built from the locals, it took eight inserts)
            x = vector256 + ".Create(global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref input))";
        }
        else if (Inputs >= lanes)
        {
            x = vector256 + ".LoadUnsafe(ref input)";
        }
        else
        {
            x = Type.Vector256Create(Inputs, i => "x" + Format(i));
        }

        writer.Line("var x = " + x + ";");
        for (int vector = 1; FoldsRows && vector < RowVectors; vector++)
        {
            string value = vector < RowVectors - 1
                ? vector256 + ".LoadUnsafe(ref At(ref input, " + Format(RowVectorStart(vector)) + "))"
                : LastInputVector(LastVectorLength);
            writer.Line("var " + RowVectorInput(vector) + " = " + value + ";");
        }
    }

    /// <summary><c>var {name} = RowSums…(…) + b</c>: z of the <paramref name="count"/> units from <paramref name="first"/> (at most a vector of them), the lanes past them zero.</summary>
    private void EmitRowSumsOf(SourceWriter writer, string name, int first, int count)
    {
        int lanes = Type.Vector256Lanes;
        int rowsPerVector = RowsPerVector;

        // a row per vector and at most two or four rows: the two- or four-row form, which adds no rows of zeros
        int vectors = rowsPerVector == 1 && lanes == 8 && count <= 4 ? (count <= 2 ? 2 : 4) : lanes / rowsPerVector;
        writer.Line("var " + name + " = global::NetCompiler.RowSums." + (rowsPerVector > 1 ? "OfRowPairs" : lanes == 4 ? "OfQuads" : "OfOctets") + "(");
        for (int k = 0; k < vectors; k++)
        {
            // vector k holds row k (and row k + 4 when two fit): the values of those that exist, the rest zero
            int row = first + k;
            string? w = rowsPerVector > 1 ? RowPair(first, count, k) : k < count ? VectorOf("w", Layer.WeightOffset, row * Inputs, Math.Min(Inputs, lanes)) : null;
            string product = w is null ? Type.Vector256 + ".Zero"
                : FoldsRows ? FoldedRow(row)
                : "x * " + w;
            writer.Line("    " + product + (k + 1 < vectors ? "," : ") + " + VectorOf("b", Layer.BiasOffset, first, count) + ";"));
        }
    }

    /// <summary>
    /// Rows first + k and first + k + 4 of a float W with four inputs, in the low and the high half of one
    /// vector (a row past the <paramref name="count"/> from <paramref name="first"/> zero); null when neither exists.
    /// </summary>
    private string? RowPair(int first, int count, int k)
    {
        if (k >= count)
        {
            return null;
        }

        const string vector128 = "global::System.Runtime.Intrinsics.Vector128";
        string Row(int row) => row < count ? vector128 + ".LoadUnsafe(ref At(ref w, " + Format((first + row) * Inputs) + "))" : vector128 + "<float>.Zero";
        return NumericType.Vector256Class + ".Create(" + Row(k) + ", " + Row(k + 4) + ")";
    }

    /// <summary>
    /// <paramref name="length"/> values from <paramref name="region"/> (which starts at parameter
    /// <paramref name="regionOffset"/>) + <paramref name="offset"/> in a 256-bit vector (or, with
    /// <paramref name="bits"/> 128, a 128-bit float one), the other lanes +0 (or, unless
    /// <paramref name="clearRest"/>, whatever parameters follow): one load, masked, where a whole
    /// vector surely lies within the parameters, else value by value.
    /// </summary>
    private string VectorOf(string region, int regionOffset, int offset, int length, bool clearRest = true, int bits = 256)
    {
        int lanes = bits == 128 ? Type.Vector128Lanes : Type.Vector256Lanes;
        if (regionOffset + offset + lanes <= ParametersEnd)
        {
            string origin = "ref At(ref " + region + ", " + Format(offset) + ")";
            return length == lanes || !clearRest
                ? NumericType.VectorClass(bits) + ".LoadUnsafe(" + origin + ")"
                : "global::NetCompiler.RowSums." + (bits == 128 ? Type.Vector128Lanes == 4 ? "LoadQuad" : "LoadPair" : "Load") + "(" + origin + ", " + Format(length) + ")";
        }

        return Type.VectorCreate(bits, length, i => "At(ref " + region + ", " + Format(offset + i) + ")");
    }

    /// <summary>
    /// The input's last 256-bit vector, ending where the input ends, keeping its last
    /// <paramref name="length"/> values (the lanes before them +0): in a hidden layer whose rows are
    /// not whole vectors (and at most 31), put together from the two whole vectors the layer before
    /// stored around it (<c>RowSums.LoadLastOfStored</c>; a load across both stores would wait for
    /// them), else loaded where it lies (<see cref="LastOf"/>; a first layer reads the caller's input).
    /// </summary>
    private string LastInputVector(int length) =>
        Layer.Number > 1 && length < Type.Vector256Lanes && Inputs < 32
            ? "global::NetCompiler.RowSums.LoadLastOfStored(ref input, " + Format(Inputs) + ")"
            : LastOf("input", LastVectorStart, length, bits: 256);

    /// <summary>
    /// The last <paramref name="length"/> of the values in the 256-bit (or, with <paramref name="bits"/>
    /// 128, 128-bit float) vector at <paramref name="region"/> + <paramref name="offset"/>, the lanes before
    /// them +0 (<c>RowSums.LoadLast</c>): part of a folded row's last vector, which lies within the row.
    /// </summary>
    private string LastOf(string region, int offset, int length, int bits)
    {
        string origin = "ref At(ref " + region + ", " + Format(offset) + ")";
        return length == bits / (8 * Type.Size)
            ? NumericType.VectorClass(bits) + ".LoadUnsafe(" + origin + ")"
            : "global::NetCompiler.RowSums." + (bits == 128 ? Type.Vector128Lanes == 4 ? "LoadLastQuad" : "LoadLastPair" : "LoadLast") + "(" + origin + ", " + Format(length) + ")";
    }

    /// <summary>
    /// How many values half <paramref name="half"/> (0 or 1) of a folded row's last vector keeps on 128
    /// bits: those past the row's whole vectors (none, in the low half, when at most four are).
    /// </summary>
    private int LastQuarterLength(int half) =>
        Math.Min(Type.Vector128Lanes, Math.Max(0, LastVectorLength - Type.Vector128Lanes + (half * Type.Vector128Lanes)));

    /// <summary><c>x * W₀ + xSecond * W₀′ + … + xLast * W₀ last</c>: row <paramref name="row"/>'s vectors times the input's, folded into one.</summary>
    private string FoldedRow(int row)
    {
        int lanes = Type.Vector256Lanes;
        return string.Join(" + ", Enumerable.Range(0, RowVectors).Select(vector => RowVectorInput(vector) + " * " + (vector < RowVectors - 1
            ? VectorOf("w", Layer.WeightOffset, (row * Inputs) + RowVectorStart(vector), lanes)
            : LastOf("w", (row * Inputs) + LastVectorStart, LastVectorLength, bits: 256))));
    }

    /// <summary>
    /// A small hidden layer whose activation runs on one 256-bit vector: its z stay in registers
    /// and go straight into that vector, since a vector load of values just stored one by one
    /// would have to wait until the stores reach the cache (store forwarding cannot combine them).
    /// </summary>
    private bool GathersActivation => Gathers(Layer, Type, IsLast);

    private static bool Gathers(LayerModel layer, NumericType type, bool isLast) =>
        !isLast && ActivationEmitter.FunctionName(layer.Activation) is not null && layer.OutputSize <= type.Vector256Lanes;

    /// <summary>
    /// Whether the activation runs on the low 128 bits of z: a float tanh of at most four units,
    /// the same operations lane by lane as on 256 bits (and the other lanes 0, tanh(0), as before).
    /// Its constants are then 128-bit ones, which the JIT does not share with a 256-bit tanh elsewhere
    /// in the pass: shared, they stayed in registers across the layers between, and the pass spilled
    /// three values to the stack (W1's second layer, 2 units after a tanh of 6: 171 → 155 instructions
    /// in its Forward, 4 % faster by stopwatch; benchmarks/HISTORY.md, the twenty-sixth run).
    /// </summary>
    private bool ActivatesOnLowHalf => Type.Vector256Lanes == 8 && Units <= 4 && Layer.Activation == Activation.Tanh;

    private void EmitUnrolledGatheredForward(SourceWriter writer)
    {
        EmitForwardInputLocals(writer);
        if (!SumsOnVectors)
        {
            EmitZLocals(writer);
        }

        const string vector256 = NumericType.Vector256Class;
        string name = ActivationEmitter.FunctionName(Layer.Activation)!;
        string function = "global::NetCompiler.Activations." + name;
        writer.Line("// a" + Superscript + " = " + name + "(z" + Superscript + ") on one vector" + (SumsOnVectors ? string.Empty : " made from the z in registers")
            + (ActivatesOnLowHalf ? ", its low 128 bits (the other lanes get " + name + "(0) = 0)" : " (the padding lanes get " + name + "(0))"));
        using (writer.Open("if (" + Type.VectorIs256Bits + ")"))
        {
            string z = Type.Vector256Create(Units, j => "z" + Format(j));
            if (SumsOnVectors)
            {
                EmitVectorSums(writer);
                z = "z";
            }

            string activation = ActivatesOnLowHalf
                ? vector256 + ".AsVector(global::System.Runtime.Intrinsics.Vector128.ToVector256(" + function + "(" + vector256 + ".GetLower(" + z + "))))"
                : function + "(" + vector256 + ".AsVector(" + z + "))";
            if (ReturnsActivation)
            {
                writer.Line(Type.Vector + " a = " + activation + ";");
                writer.Line("Store(a, ref output, 0);");
                writer.Line("return " + vector256 + ".AsVector256(a);");
            }
            else
            {
                writer.Line("Store(" + activation + ", ref output, 0);");
            }
        }

        using (writer.Open("else"))
        {
            if (SumsOnVectors && !SumsRowsOn128BitVectors)
            {
                EmitZLocals(writer);
            }

            using (writer.Open("if (" + Type.VectorIs128Bits + ")"))
            {
                if (SumsRowsOn128BitVectors)
                {
                    EmitRowSumsOn128BitVectors(writer);
                    EmitActivationOn128BitVectors(writer, function, v => "sums" + Format(v));
                }
                else
                {
                    writer.Line("// 128-bit vectors made from the z in registers, each stored whole (a vector loaded from values stored one by one waits until they reach the cache)");
                    EmitActivationOn128BitVectors(writer, function, v => Type.Vector128Create(Units - (v * Type.Vector128Lanes), j => "z" + Format((v * Type.Vector128Lanes) + j)));
                }
            }

            using (writer.Open("else"))
            {
                if (SumsRowsOn128BitVectors)
                {
                    EmitZLocals(writer);
                }

                writer.Line("// other vector widths: store z, then the vector loop");
                EmitUnrolledStores(writer, j => "z" + Format(j));
                EmitActivationInPlace(writer, "output");
                if (ReturnsActivation)
                {
                    writer.Line("return " + vector256 + ".LoadUnsafe(ref output);");
                }
            }
        }
    }

    /// <summary>
    /// Where <c>Vector&lt;T&gt;</c> is 128 bits: the activation of z on one or two 128-bit vectors
    /// (<paramref name="z"/>: vector v's expression, made from the z locals or the 128-bit row sums;
    /// the padding lanes get f(0)), each stored whole, and returned as the one 256-bit
    /// vector the next layer takes its inputs from. Stored value by value and loaded back as vectors,
    /// as at other widths, each load waited for the stores to reach the cache: with this, W1's and
    /// W2's Forward went from 77 and 59 ns to 39 and 40 with 128-bit <c>Vector&lt;T&gt;</c>, and from
    /// 79 and 62 to 46 and 48 without AVX, the same bits (benchmarks/HISTORY.md, twenty-seventh run).
    /// </summary>
    private void EmitActivationOn128BitVectors(SourceWriter writer, string function, Func<int, string> z)
    {
        for (int v = 0; v < Vectors128; v++)
        {
            writer.Line("var a" + Format(v) + " = " + function + "(" + NumericType.Vector128Class + ".AsVector(" + z(v) + "));");
            writer.Line("Store(a" + Format(v) + ", ref output, " + Format(v * Type.Vector128Lanes) + ");");
        }

        if (ReturnsActivation)
        {
            writer.Line("return " + Joined128BitVectors(v => NumericType.Vector128Class + ".AsVector128(a" + Format(v) + ")") + ";");
        }
    }

    /// <summary><c>Vector128.StoreUnsafe(sums0, …);</c> and so on: z from <see cref="EmitRowSumsOn128BitVectors"/>, each vector stored whole.</summary>
    private void EmitStoresOf128BitSums(SourceWriter writer)
    {
        for (int v = 0; v < Vectors128; v++)
        {
            writer.Line(NumericType.Vector128Class + ".StoreUnsafe(sums" + Format(v) + ", ref At(ref output, " + Format(v * Type.Vector128Lanes) + "));");
        }
    }

    /// <summary>The 128-bit vectors the layer's units fill: one or two in a layer of at most one 256-bit vector of units, more in a wide one.</summary>
    private int Vectors128 => (Units + Type.Vector128Lanes - 1) / Type.Vector128Lanes;

    /// <summary>
    /// <c>Vector256.Create(low, high)</c> of the layer's 128-bit vectors (<paramref name="vector"/>: vector v's
    /// expression), a missing high half zero: the one register the next layer takes its inputs from.
    /// </summary>
    private string Joined128BitVectors(Func<int, string> vector) =>
        NumericType.Vector256Class + ".Create(" + vector(0) + ", " + (Vectors128 > 1 ? vector(1) : NumericType.Vector128Class + "<" + T + ">.Zero") + ")";

    /// <summary>zⱼ = bⱼ + Σᵢ Wⱼᵢxᵢ as locals, written out.</summary>
    private void EmitZLocals(SourceWriter writer)
    {
        for (int j = 0; j < Units; j++)
        {
            writer.Line(T + " z" + Format(j) + " = " + UnrolledSum(j) + ";");
        }
    }

    /// <summary>
    /// bⱼ + Σᵢ Wⱼᵢxᵢ written out in the order the 256-bit kernel adds it, so that every width of
    /// <c>Vector&lt;T&gt;</c> gives the same sums: where the layer <see cref="SumsRowsOnVectors"/>,
    /// <c>RowSums</c>' tree of the row's products, then the bias; else a balanced tree of additions
    /// (the products are independent, so the sum is ⌈log₂(inputs + 1)⌉ additions deep instead of one
    /// addition per input).
    /// </summary>
    private string UnrolledSum(int j) => RowSum(i => "At(ref w, " + Format(j * Inputs + i) + ")", "At(ref b, " + Format(j) + ")", Type.Literal(0));

    /// <summary>
    /// A row's sum from its weights' reads (<paramref name="weight"/> of input i) and its bias':
    /// where the layer <see cref="AddsRowSumTree"/>, <c>RowSums</c>' tree of the products, then the bias;
    /// else the balanced tree of the bias and the products. <paramref name="zero"/> stands for a padding
    /// lane's +0 product; the examples-in-lanes kernels pass reads spread over a vector and add the
    /// same tree lane by lane.
    /// </summary>
    private string RowSum(Func<int, string> weight, string bias, string zero)
    {
        if (AddsRowSumTree)
        {
            // the tree's outer pair is added first anyway: (l + r) + b is l + r + b
            string tree = RowSumTree(weight, 0, Type.Vector256Lanes / RowsPerVector, zero)!;
            return tree.Substring(1, tree.Length - 2) + " + " + bias;
        }

        string[] terms = new[] { bias }
            .Concat(Enumerable.Range(0, Inputs).Select(i => weight(i) + " * x" + Format(i)))
            .ToArray();
        return PairwiseSum(terms, 0, terms.Length, parenthesized: false);
    }

    /// <summary>
    /// The sum of lanes <paramref name="start"/> … + <paramref name="width"/> of a row's products as
    /// <c>RowSums</c> adds them, pairs of neighbours first; lanes past the inputs hold +0 products there
    /// (which turn a −0 sum into +0), so they appear as <paramref name="zero"/>. Null where every lane is padding.
    /// A folded row's lane k is (product k + product k + 8 + … + product k + inputs − 8), the last +0 where a whole vector holds that input.
    /// </summary>
    private string? RowSumTree(Func<int, string> weight, int start, int width, string zero)
    {
        if (width == 1)
        {
            string? product = start < Inputs ? weight(start) + " * x" + Format(start) : null;
            if (!FoldsRows || product is null)
            {
                return product;
            }

            // a folded row's lane k: inputs k, k + 8 … of its whole vectors, then lane k of its last vector, +0 where a whole vector holds that input
            var terms = Enumerable.Range(0, RowVectors - 1).Select(vector => start + (vector * Type.Vector256Lanes)).Select(i => weight(i) + " * x" + Format(i)).ToList();
            int last = LastVectorStart + start;
            terms.Add(last >= (RowVectors - 1) * Type.Vector256Lanes ? weight(last) + " * x" + Format(last) : zero);
            return "(" + string.Join(" + ", terms) + ")";
        }

        string? left = RowSumTree(weight, start, width / 2, zero);
        string? right = RowSumTree(weight, start + (width / 2), width / 2, zero);
        return left is null ? null : "(" + left + " + " + (right ?? zero) + ")";
    }

    /// <summary>
    /// terms[start..end) added as two halves (the first one the larger), each half the same way.
    /// Addition associates to the left, so only a right half of several terms needs parentheses.
    /// </summary>
    private static string PairwiseSum(string[] terms, int start, int end, bool parenthesized)
    {
        if (end - start == 1)
        {
            return terms[start];
        }

        int middle = start + ((end - start + 1) / 2);
        string sum = PairwiseSum(terms, start, middle, parenthesized: false) + " + " + PairwiseSum(terms, middle, end, parenthesized: true);
        return parenthesized ? "(" + sum + ")" : sum;
    }

    private void EmitUnrolledStores(SourceWriter writer, Func<int, string> value)
    {
        for (int j = 0; j < Units; j++)
        {
            writer.Line("At(ref output, " + Format(j) + ") = " + value(j) + ";");
        }
    }

    /// <summary>The input values of the forward pass: lanes of the register the previous layer returned, or values in memory.</summary>
    private void EmitForwardInputLocals(SourceWriter writer)
    {
        if (!InputInRegister)
        {
            EmitInputLocals(writer);
            return;
        }

        for (int i = 0; i < Inputs; i++)
        {
            writer.Line(T + " x" + Format(i) + " = input[" + Format(i) + "];");
        }
    }
}
