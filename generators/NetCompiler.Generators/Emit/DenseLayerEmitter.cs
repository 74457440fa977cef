using System;
using System.Collections.Generic;
using System.Linq;
using NetCompiler.Generators.Model;
using NetCompiler.Shared;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// A fully connected layer, z = Wa + b with W of shape [units, inputs]. Small layers are
/// unrolled into straight-line code (their forward kernel in <c>DenseLayerEmitter.SmallForward.cs</c>);
/// larger ones loop over rows of W with <c>Vector&lt;T&gt;</c> over the inputs, several rows per
/// pass so each load of the input serves them all.
/// </summary>
internal sealed partial class DenseLayerEmitter : LayerEmitter
{
    /// <summary>Layers with at most this many weights (and few inputs) are unrolled completely.</summary>
    public const int UnrollLimit = 256;

    /// <summary>
    /// Rows of W per pass of the vectorised forward loop, largest first: eight independent
    /// accumulators hide the multiply-add latency, and each load of the input serves them all.
    /// </summary>
    private static readonly int[] ForwardRowBlocks = { 8, 4, 1 };

    /// <summary>
    /// Rows of W per pass of the batch forward loop, which runs two examples at a time: four rows
    /// × two examples keep eight accumulators, and six vector loads feed eight multiply-adds (one
    /// example and eight rows need nine loads for eight), within the sixteen registers of AVX2.
    /// </summary>
    private static readonly int[] BatchForwardRowBlocks = { 4, 1 };

    /// <summary>Rows of W per pass of the vectorised backward loop: one load and store of dJ/da serves them all.</summary>
    private const int BackwardRowBlock = 4;

    /// <summary>The backward row blocks: <see cref="BackwardRowBlock"/> rows a pass, then single rows.</summary>
    private static readonly int[] BackwardRowBlocks = { BackwardRowBlock, 1 };

    private readonly bool _inputInRegister;
    private readonly bool _returnsActivation;

    /// <summary>
    /// How many parameters surely follow this layer's W and b (the next layer's, if any): a vector
    /// load that ends within them stays inside any parameter span, a caller's in <c>Infer</c> too.
    /// </summary>
    private readonly int _parametersAfter;

    /// <summary>
    /// Whether δ of this layer arrives as one whole 256-bit vector (when <c>Vector&lt;T&gt;</c> is one):
    /// the next layer backpropagates a row at a time and stores dJ/da as one vector, so this layer's
    /// f′ and gradient run on vectors too, and a later vector load of them (<c>Step</c>'s) is served
    /// from those stores instead of waiting for several scalar ones to reach the cache.
    /// </summary>
    private readonly bool _deltaArrivesAsVector;

    public DenseLayerEmitter(LayerModel layer, NumericType type, LayerModel? previous, LayerModel? next)
        : base(layer, type, isLast: next is null)
    {
        _inputInRegister = previous is not null && PassesActivationInRegister(previous, layer, type);
        _returnsActivation = next is not null && PassesActivationInRegister(layer, next, type);
        _parametersAfter = next is null ? 0 : next.WeightCount + next.BiasCount;
        _deltaArrivesAsVector = next is not null && next.Kind == LayerKind.Dense && BackpropagatesRowsOf(next, type);
    }

    public override bool DeltaArrivesAsVector => _deltaArrivesAsVector;

    private int Units => Layer.OutputSize;

    private int Inputs => Layer.InputSize;

    private bool Unrolled => IsUnrolled(Layer);

    private static bool IsUnrolled(LayerModel layer) => layer.WeightCount <= UnrollLimit && layer.InputSize < 32;

    public override bool InputInRegister => _inputInRegister;

    public override bool ReturnsActivation => _returnsActivation;

    private string Description =>
        "Layer " + Number + ", " + Layer.Declaration + " on " + Format(Inputs) + " inputs: z" + Superscript + " = W" + Superscript + "a" + PreviousSuperscript + " + b" + Superscript;

    public override void EmitForward(SourceWriter writer)
    {
        writer.Line("/// <summary>" + Description + (IsLast ? "." : ", then a" + Superscript + " = f(z" + Superscript + ") in place.") + "</summary>");
        EmitGeneratedCodeAttribute(writer);
        if (Unrolled)
        {
            // a few dozen instructions: inlined, the call and its spills leave the chain from input to output
            writer.Line(NetworkEmitter.AggressiveInliningAttribute);
        }

        using (writer.Open(ForwardSignature))
        {
            EmitParameterReferences(writer, "parameters", "w", "b");
            writer.Line("// z" + Superscript + " = W" + Superscript + "a" + PreviousSuperscript + " + b" + Superscript + (Unrolled ? string.Empty : ": " + (DotsRowsOn512 ? "a row of W at a time on 512-bit vectors where the CPU has them, else " : string.Empty) + "several rows of W at a time, each dotted with the input a vector at a time"));
            if (!Unrolled)
            {
                EmitForwardDots(writer, batched: false, () => EmitRowLoops(writer, batched: false));
                EmitActivationInPlace(writer, "output");
            }
            else
            {
                EmitUnrolledForward(writer);
            }
        }
    }

    /// <summary>The row loops of the vectorised forward pass: blocks of 8 rows, then 4, then single rows.</summary>
    private void EmitRowLoops(SourceWriter writer, bool batched) =>
        EmitInRowBlocks(batched ? BatchForwardRowBlocks : ForwardRowBlocks, (rows, start, end) => EmitRowLoop(writer, rows, start, end, batched));

    /// <summary>
    /// Splits the rows of W into runs of whole blocks, largest first (<paramref name="blocks"/> ends
    /// with 1), and writes <paramref name="loop"/>(rows per pass, first row, end) for each run that is not empty.
    /// </summary>
    private void EmitInRowBlocks(int[] blocks, Action<int, int, int> loop)
    {
        int start = 0;
        foreach (int rows in blocks)
        {
            int end = start + ((Units - start) / rows * rows);
            if (end > start)
            {
                loop(rows, start, end);
            }

            start = end;
        }
    }

    /// <summary>Large layers: each block of rows of W is loaded once and dotted with every example of the batch.</summary>
    public override bool HasBatchForward => !Unrolled;

    public override void EmitForwardBatch(SourceWriter writer)
    {
        writer.Line("/// <summary>" + Description + ", for a batch: each block of rows of W stays in cache while every example uses it.</summary>");
        EmitGeneratedCodeAttribute(writer);
        using (writer.Open("internal static void " + ForwardBatchName + "(ref " + T + " parameters, ref " + T + " inputs, int inputStride, ref " + T + " outputs, int count)"))
        {
            EmitParameterReferences(writer, "parameters", "w", "b");
            writer.Line("// z" + Superscript + " = W" + Superscript + "a" + PreviousSuperscript + " + b" + Superscript + " for every example, computed exactly as one example at a time");
            EmitForwardDots(writer, batched: true, () => EmitRowLoops(writer, batched: true));
            if (!IsLast)
            {
                using (writer.Open("for (int n = 0; n < count; n++)"))
                {
                    writer.Line("ref " + T + " output = ref At(ref outputs, n * " + Format(StateLayout.Padded(Units)) + ");");
                    EmitActivationInPlace(writer, "output");
                }
            }
        }
    }

    public override bool HasBatchBackward => !Unrolled;

    /// <summary>
    /// Large layers: ∇W, dJ/da and their batch forms run on the CPU's widest vectors (element-wise,
    /// so any width adds in the same order). The forward dot products sum across lanes, so their
    /// one-example and batch forms are written in pairs that add in the same order: eight rows a
    /// pass on <c>Vector&lt;T&gt;</c>, or, where the CPU has full-speed 512-bit vectors and the
    /// input is a whole number of them, a row at a time on those (<c>DenseLayerEmitter.Rows512.cs</c>).
    /// </summary>
    public override bool UsesLanes => !Unrolled;

    /// <summary>
    /// The backward kernels for a batch: for each block of rows and each vector of inputs, the
    /// gradient vectors stay in registers while every example adds its δⱼaᵀ, in example order, so
    /// the sums are exactly those of one example at a time.
    /// </summary>
    public override void EmitBackwardBatch(SourceWriter writer, bool propagate)
    {
        string deltaStride = Format(StateLayout.Padded(Units));
        string inputDeltaStride = Format(StateLayout.Padded(Inputs));
        writer.Line("/// <summary>Layer " + Number + " for a batch: ∇W" + Superscript + " += Σₙ δₙaₙᵀ, ∇b" + Superscript + " += Σₙ δₙ" + (propagate ? ", and inputDeltas = W" + Superscript + "ᵀδₙ for each example" : string.Empty) + ".</summary>");
        EmitGeneratedCodeAttribute(writer);
        string signature = "internal static void " + (propagate ? BackpropagateBatchName : AccumulateBatchName) + LanesArguments + "(ref " + T + " parameters, ref " + T + " gradients, ref " + T + " deltas, ref " + T + " inputs, int inputStride, "
            + (propagate ? "ref " + T + " inputDeltas, " : string.Empty) + "int count)" + LanesConstraint;
        using (writer.Open(signature))
        {
            if (propagate)
            {
                EmitParameterReferences(writer, "parameters", "w", null);
            }

            EmitParameterReferences(writer, "gradients", "gw", "gb");
            writer.Line("// ∇b += δₙ, example by example");
            using (writer.Open("for (int n = 0; n < count; n++)"))
            {
                writer.Line("ref " + T + " delta = ref At(ref deltas, n * " + deltaStride + ");");
                using (writer.Open("for (int j = 0; j < " + Format(Units) + "; j++)"))
                {
                    writer.Line("At(ref gb, j) += At(ref delta, j);");
                }
            }

            if (propagate)
            {
                writer.Line("// dJ/da = Wᵀδ is summed row by row below, from zero");
                writer.Line("global::System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref inputDeltas, count * " + inputDeltaStride + ").Clear();");
            }

            writer.Line("// rows of ∇W += δⱼaᵀ" + (propagate ? " and dJ/da += δⱼ · (row j of W)" : string.Empty) + ", " + Format(BackwardRowBlock) + " rows a pass, every example per vector of inputs");
            EmitInRowBlocks(BackwardRowBlocks, (rows, start, end) => EmitBatchBackwardRowLoop(writer, rows, start, end, propagate));
        }
    }

    private void EmitBatchBackwardRowLoop(SourceWriter writer, int rows, int start, int end, bool propagate)
    {
        string inputs = Format(Inputs);
        int[] block = Enumerable.Range(0, rows).ToArray();
        using (writer.Open("for (int j = " + Format(start) + "; j < " + Format(end) + "; j += " + Format(rows) + ")"))
        {
            EmitRowReferences(writer, "g", "gw", rows);
            if (propagate)
            {
                EmitRowReferences(writer, "w", "w", rows);
            }

            writer.Line("int i = 0;");
            if (!propagate && rows > 1)
            {
                EmitBatchAccumulatePairs(writer, rows);
            }

            using (writer.Open("for (; i + V.Count <= " + inputs + "; i += V.Count)"))
            {
                foreach (int r in block)
                {
                    writer.Line("var G" + Format(r) + " = V.Load(ref g" + Format(r) + ", i);");
                }

                if (propagate)
                {
                    foreach (int r in block)
                    {
                        writer.Line("var W" + Format(r) + " = V.Load(ref w" + Format(r) + ", i);");
                    }
                }

                EmitBatchExamples(writer, rows, propagate, vectorised: true);
                foreach (int r in block)
                {
                    writer.Line("V.Store(G" + Format(r) + ", ref g" + Format(r) + ", i);");
                }
            }

            using (writer.Open("for (; i < " + inputs + "; i++)"))
            {
                foreach (int r in block)
                {
                    writer.Line(T + " G" + Format(r) + " = At(ref g" + Format(r) + ", i);");
                }

                if (propagate)
                {
                    foreach (int r in block)
                    {
                        writer.Line(T + " W" + Format(r) + " = At(ref w" + Format(r) + ", i);");
                    }
                }

                EmitBatchExamples(writer, rows, propagate, vectorised: false);
                foreach (int r in block)
                {
                    writer.Line("At(ref g" + Format(r) + ", i) = G" + Format(r) + ";");
                }
            }
        }
    }

    /// <summary>
    /// ∇W rows only (no dJ/da): two vectors of inputs a pass, G and H, so each δⱼ broadcast and each
    /// row's loads serve twice as many multiply-adds. Every gradient value still adds the examples in
    /// order, as one example at a time does.
    /// </summary>
    private void EmitBatchAccumulatePairs(SourceWriter writer, int rows)
    {
        int[] block = Enumerable.Range(0, rows).ToArray();
        writer.Line("// two vectors of inputs a pass: each broadcast δⱼ serves both");
        using (writer.Open("for (; i + 2 * V.Count <= " + Format(Inputs) + "; i += 2 * V.Count)"))
        {
            foreach (int r in block)
            {
                writer.Line("var G" + Format(r) + " = V.Load(ref g" + Format(r) + ", i);");
                writer.Line("var H" + Format(r) + " = V.Load(ref g" + Format(r) + ", i + V.Count);");
            }

            using (writer.Open("for (int n = 0; n < count; n++)"))
            {
                EmitBatchDeltas(writer, rows);
                writer.Line("var x = V.Load(ref inputs, n * inputStride + i);");
                writer.Line("var y = V.Load(ref inputs, n * inputStride + i + V.Count);");
                foreach (int r in block)
                {
                    writer.Line("var D" + Format(r) + " = V.Create(d" + Format(r) + ");");
                    writer.Line("G" + Format(r) + " = V.MultiplyAdd(D" + Format(r) + ", x, G" + Format(r) + ");");
                    writer.Line("H" + Format(r) + " = V.MultiplyAdd(D" + Format(r) + ", y, H" + Format(r) + ");");
                }
            }

            foreach (int r in block)
            {
                writer.Line("V.Store(G" + Format(r) + ", ref g" + Format(r) + ", i);");
                writer.Line("V.Store(H" + Format(r) + ", ref g" + Format(r) + ", i + V.Count);");
            }
        }
    }

    /// <summary>The δⱼ of example n for the block's rows, as <c>d0</c>, <c>d1</c>, …; an example whose block did not fire is skipped.</summary>
    private void EmitBatchDeltas(SourceWriter writer, int rows)
    {
        int[] block = Enumerable.Range(0, rows).ToArray();
        writer.Line("ref " + T + " delta = ref At(ref deltas, n * " + Format(StateLayout.Padded(Units)) + " + j);");
        foreach (int r in block)
        {
            writer.Line(T + " d" + Format(r) + " = At(ref delta, " + Format(r) + ");");
        }

        using (writer.Open("if (" + string.Join(" && ", block.Select(r => "d" + Format(r) + " == 0")) + ")"))
        {
            writer.Line("continue; // units that did not fire (ReLU) add nothing");
        }
    }

    /// <summary>The loop over examples inside one vector (or value) of inputs of a block of rows.</summary>
    private void EmitBatchExamples(SourceWriter writer, int rows, bool propagate, bool vectorised)
    {
        int[] block = Enumerable.Range(0, rows).ToArray();
        using (writer.Open("for (int n = 0; n < count; n++)"))
        {
            EmitBatchDeltas(writer, rows);
            string x = vectorised ? "V.Load(ref inputs, n * inputStride + i)" : "At(ref inputs, n * inputStride + i)";
            writer.Line("var x = " + x + ";");
            foreach (int r in block)
            {
                writer.Line(vectorised
                    ? "G" + Format(r) + " = V.MultiplyAdd(V.Create(d" + Format(r) + "), x, G" + Format(r) + ");"
                    : "G" + Format(r) + " += d" + Format(r) + " * x;");
            }

            if (propagate)
            {
                writer.Line("ref " + T + " inputDelta = ref At(ref inputDeltas, n * " + Format(StateLayout.Padded(Inputs)) + ");");
                writer.Line("var e = " + (vectorised ? "V.Load(ref inputDelta, i)" : "At(ref inputDelta, i)") + ";");
                foreach (int r in block)
                {
                    writer.Line(vectorised
                        ? "e = V.MultiplyAdd(V.Create(d" + Format(r) + "), W" + Format(r) + ", e);"
                        : "e += d" + Format(r) + " * W" + Format(r) + ";");
                }

                writer.Line(vectorised ? "V.Store(e, ref inputDelta, i);" : "At(ref inputDelta, i) = e;");
            }
        }
    }

    public override void EmitAccumulate(SourceWriter writer) => EmitBackward(writer, propagate: false);

    public override void EmitBackpropagate(SourceWriter writer) => EmitBackward(writer, propagate: true);

    private void EmitBackward(SourceWriter writer, bool propagate)
    {
        string summary = "Layer " + Number + ": ∇W" + Superscript + " += δ" + Superscript + "a" + PreviousSuperscript + "ᵀ, ∇b" + Superscript + " += δ" + Superscript
            + (propagate ? ", and inputDelta = W" + Superscript + "ᵀδ" + Superscript + " (dJ/da" + PreviousSuperscript + ")." : ".");
        writer.Line("/// <summary>" + summary + "</summary>");
        EmitGeneratedCodeAttribute(writer);
        using (writer.Open(BackwardSignature(propagate)))
        {
            if (propagate)
            {
                EmitParameterReferences(writer, "parameters", "w", null);
            }

            EmitParameterReferences(writer, "gradients", "gw", "gb");
            if (Unrolled)
            {
                EmitUnrolledBackward(writer, propagate);
            }
            else
            {
                EmitVectorBackward(writer, propagate);
            }
        }
    }

    private void EmitUnrolledBackward(SourceWriter writer, bool propagate)
    {
        if (!BackpropagatesRows && !TakesGradientInPairs)
        {
            EmitUnrolledBackwardValues(writer, propagate);
            return;
        }

        using (writer.Open("if (" + Type.VectorIs256Bits + ")"))
        {
            EmitUnrolledBackwardVectors(writer, propagate);
        }

        using (writer.Open("else"))
        {
            EmitUnrolledBackwardValues(writer, propagate);
        }
    }

    /// <summary>
    /// Whether the small layer's backward pass runs a row of W at a time on 256-bit vectors: rows of
    /// exactly one vector (8 floats, 4 doubles) of a layer that sums its rows on vectors. Shorter rows
    /// stay written out: a vector add into a row that shares its vector with the next one made the
    /// next step's loads wait for those stores (W2 train1 25 % slower).
    /// </summary>
    private bool BackpropagatesRows => BackpropagatesRowsOf(Layer, Type);

    private static bool BackpropagatesRowsOf(LayerModel layer, NumericType type) => SumsRows(layer, type) && layer.InputSize == type.Vector256Lanes;

    /// <summary>
    /// Whether ∇W goes two rows of four floats to a vector: δ arrives as one vector (<see cref="_deltaArrivesAsVector"/>)
    /// and the rows are half a vector. Other layers whose δ arrives as a vector keep their
    /// written-out gradient (written a second time for a vector ∇b alone, it would double the code
    /// of layers of up to 256 weights for little).
    /// </summary>
    private bool TakesGradientInPairs => _deltaArrivesAsVector && RowsPerVector == 2;

    /// <summary>
    /// The small layer's backward pass on 256-bit vectors (<see cref="BackpropagatesRows"/> or
    /// <see cref="TakesGradientInPairs"/>), every value the same bits as written out. Rows of exactly
    /// one vector: ∇Wⱼ += δⱼa as one vector product and add per row, dJ/da = Σⱼ δⱼWⱼ as vectors, the
    /// rows added in order. δ that arrived as one vector: ∇b += δ as one vector, and rows of four
    /// floats take ∇W two rows to a vector, as the forward pass reads them. Rows, pairs and the input
    /// are whole vectors (or, for a pair, the input's four values), so no load runs past its block,
    /// not even past the caller's span of a batch's inputs.
    /// </summary>
    private void EmitUnrolledBackwardVectors(SourceWriter writer, bool propagate)
    {
        string vector256 = NumericType.Vector256Class;
        bool pairs = TakesGradientInPairs;
        writer.Line(BackpropagatesRows
            ? "var x = " + vector256 + ".LoadUnsafe(ref input);"
            : "var x = " + vector256 + ".Create(global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref input)); // the four inputs twice, for two rows of W at once");

        if (_deltaArrivesAsVector)
        {
            writer.Line("var d = " + vector256 + ".LoadUnsafe(ref delta);");
            if (!pairs || propagate)
            {
                EmitDeltaLocals(writer);
            }

            writer.Line("// ∇b += δ, one vector: δ arrived as one");
            writer.Line(vector256 + ".StoreUnsafe(" + vector256 + ".LoadUnsafe(ref gb) + d, ref gb);");
        }
        else
        {
            EmitDeltasAndBiasGradient(writer);
        }

        if (BackpropagatesRows)
        {
            writer.Line("// ∇W += δaᵀ, a row (one whole vector) at a time");
            for (int j = 0; j < Units; j++)
            {
                string row = "ref At(ref gw, " + Format(j * Inputs) + ")";
                writer.Line(vector256 + ".StoreUnsafe(" + vector256 + ".LoadUnsafe(" + row + ") + d" + Format(j) + " * x, " + row + ");");
            }
        }
        else
        {
            writer.Line("// ∇W += δaᵀ, two rows of four (one whole vector) at a time: δⱼ in the first four lanes, δⱼ₊₁ in the last");
            for (int j = 0; j < Units; j += 2)
            {
                string rows = "ref At(ref gw, " + Format(j * Inputs) + ")";
                string spread = vector256 + ".Shuffle(d, " + vector256 + ".Create(" + string.Join(", ", Enumerable.Repeat(Format(j), 4).Concat(Enumerable.Repeat(Format(j + 1), 4))) + "))";
                writer.Line(vector256 + ".StoreUnsafe(" + vector256 + ".LoadUnsafe(" + rows + ") + " + spread + " * x, " + rows + ");");
            }
        }

        if (propagate && BackpropagatesRows)
        {
            writer.Line("// dJ/da = Wᵀδ = Σⱼ δⱼWⱼ, in row order");
            string sum = string.Join(" + ", Enumerable.Range(0, Units).Select(j => VectorOf("w", Layer.WeightOffset, j * Inputs, Inputs) + " * d" + Format(j)));
            writer.Line(vector256 + ".StoreUnsafe(" + sum + ", ref inputDelta);");
        }
        else if (propagate)
        {
            EmitInputDeltaValues(writer);
        }
    }

    /// <summary>The locals dⱼ = δⱼ.</summary>
    private void EmitDeltaLocals(SourceWriter writer)
    {
        for (int j = 0; j < Units; j++)
        {
            writer.Line(T + " d" + Format(j) + " = At(ref delta, " + Format(j) + ");");
        }
    }

    /// <summary>The locals dⱼ = δⱼ, then ∇b += δ value by value: how every small layer's backward pass starts.</summary>
    private void EmitDeltasAndBiasGradient(SourceWriter writer)
    {
        EmitDeltaLocals(writer);
        writer.Line("// ∇b += δ");
        for (int j = 0; j < Units; j++)
        {
            writer.Line("At(ref gb, " + Format(j) + ") += d" + Format(j) + ";");
        }
    }

    /// <summary>The small layer's backward pass written out value by value.</summary>
    private void EmitUnrolledBackwardValues(SourceWriter writer, bool propagate)
    {
        EmitInputLocals(writer);
        EmitDeltasAndBiasGradient(writer);
        EmitWeightGradientValues(writer);
        if (propagate)
        {
            EmitInputDeltaValues(writer);
        }
    }

    /// <summary>∇W += δaᵀ value by value.</summary>
    private void EmitWeightGradientValues(SourceWriter writer)
    {
        writer.Line("// ∇W += δaᵀ");
        for (int j = 0; j < Units; j++)
        {
            for (int i = 0; i < Inputs; i++)
            {
                writer.Line("At(ref gw, " + Format(j * Inputs + i) + ") += d" + Format(j) + " * x" + Format(i) + ";");
            }
        }
    }

    /// <summary>dJ/da = Wᵀδ value by value, each sum in row order.</summary>
    private void EmitInputDeltaValues(SourceWriter writer)
    {
        writer.Line("// dJ/da = Wᵀδ");
        for (int i = 0; i < Inputs; i++)
        {
            IEnumerable<string> terms = Enumerable.Range(0, Units).Select(j => "At(ref w, " + Format(j * Inputs + i) + ") * d" + Format(j));
            writer.Line("At(ref inputDelta, " + Format(i) + ") = " + string.Join(" + ", terms) + ";");
        }
    }

    private void EmitVectorBackward(SourceWriter writer, bool propagate)
    {
        if (propagate)
        {
            writer.Line("// dJ/da = Wᵀδ is summed row by row below, from zero");
            ConvRowEmitter.EmitFill(writer, Type, "inputDelta", 0, Type.Literal(0), StateLayout.Padded(Inputs));
        }

        writer.Line("// for each unit j: ∇bⱼ += δⱼ, row j of ∇W += δⱼaᵀ" + (propagate ? ", and dJ/da += δⱼ · (row j of W)" : string.Empty) + "; " + Format(BackwardRowBlock) + " rows a pass");
        EmitInRowBlocks(BackwardRowBlocks, (rows, start, end) => EmitBackwardRowLoop(writer, rows, start, end, propagate));
    }

    /// <summary>
    /// Rows <c>j</c> from <paramref name="start"/> to <paramref name="end"/>, <paramref name="rows"/> a
    /// pass. Each row's contributions are added in the order j = 0, 1, …, as one row at a time would.
    /// </summary>
    private void EmitBackwardRowLoop(SourceWriter writer, int rows, int start, int end, bool propagate)
    {
        string inputs = Format(Inputs);
        int[] block = Enumerable.Range(0, rows).ToArray();
        using (writer.Open("for (int j = " + Format(start) + "; j < " + Format(end) + "; j += " + Format(rows) + ")"))
        {
            foreach (int r in block)
            {
                writer.Line(T + " d" + Format(r) + " = At(ref delta, " + Offset("j", r) + ");");
            }

            using (writer.Open("if (" + string.Join(" && ", block.Select(r => "d" + Format(r) + " == 0")) + ")"))
            {
                writer.Line("continue; // units that did not fire (ReLU) add nothing");
            }

            foreach (int r in block)
            {
                writer.Line("At(ref gb, " + Offset("j", r) + ") += d" + Format(r) + ";");
            }

            EmitRowReferences(writer, "g", "gw", rows);
            if (propagate)
            {
                EmitRowReferences(writer, "w", "w", rows);
            }

            foreach (int r in block)
            {
                writer.Line("var v" + Format(r) + " = V.Create(d" + Format(r) + ");");
            }

            writer.Line("int i = 0;");
            using (writer.Open("for (; i + V.Count <= " + inputs + "; i += V.Count)"))
            {
                writer.Line("var x = V.Load(ref input, i);");
                foreach (int r in block)
                {
                    writer.Line("V.Store(V.MultiplyAdd(v" + Format(r) + ", x, V.Load(ref g" + Format(r) + ", i)), ref g" + Format(r) + ", i);");
                }

                if (propagate)
                {
                    writer.Line("var e = V.Load(ref inputDelta, i);");
                    foreach (int r in block)
                    {
                        writer.Line("e = V.MultiplyAdd(v" + Format(r) + ", V.Load(ref w" + Format(r) + ", i), e);");
                    }

                    writer.Line("V.Store(e, ref inputDelta, i);");
                }
            }

            using (writer.Open("for (; i < " + inputs + "; i++)"))
            {
                writer.Line(T + " x = At(ref input, i);");
                foreach (int r in block)
                {
                    writer.Line("At(ref g" + Format(r) + ", i) += d" + Format(r) + " * x;");
                }

                if (propagate)
                {
                    writer.Line(T + " e = At(ref inputDelta, i);");
                    foreach (int r in block)
                    {
                        writer.Line("e += d" + Format(r) + " * At(ref w" + Format(r) + ", i);");
                    }

                    writer.Line("At(ref inputDelta, i) = e;");
                }
            }
        }
    }

    /// <summary><c>ref T p0 = ref At(ref origin, j * inputs)</c>, then each next row after the one before.</summary>
    private void EmitRowReferences(SourceWriter writer, string prefix, string origin, int rows)
    {
        string inputs = Format(Inputs);
        writer.Line("ref " + T + " " + prefix + "0 = ref At(ref " + origin + ", j * " + inputs + ");");
        for (int r = 1; r < rows; r++)
        {
            writer.Line("ref " + T + " " + prefix + Format(r) + " = ref At(ref " + prefix + Format(r - 1) + ", " + inputs + ");");
        }
    }

    private static string Offset(string index, int offset) => offset == 0 ? index : index + " + " + Format(offset);

    /// <summary>
    /// One loop over rows <c>j</c> from <paramref name="start"/> to <paramref name="end"/>,
    /// <paramref name="rows"/> rows a pass: vector accumulators per row, a horizontal sum, a scalar
    /// tail, then the bias. <paramref name="batched"/>: the rows, once loaded, serve every example.
    /// </summary>
    private void EmitRowLoop(SourceWriter writer, int rows, int start, int end, bool batched)
    {
        using (writer.Open("for (int j = " + Format(start) + "; j < " + Format(end) + "; j += " + Format(rows) + ")"))
        {
            EmitRowReferences(writer, "w", "w", rows);
            if (!batched)
            {
                EmitRowDotProducts(writer, rows, string.Empty);
                return;
            }

            writer.Line("// two examples at a time: each vector of W loaded serves both");
            EmitExamplesInPairs(writer, examples => EmitRowDotProducts(writer, rows, examples));
        }
    }

    /// <summary>
    /// The examples of a batch two at a time, then the last one alone: their <c>input</c>/<c>output</c>
    /// references (suffixes "A" and "B", or none), then <paramref name="body"/> for those suffixes.
    /// </summary>
    private void EmitExamplesInPairs(SourceWriter writer, Action<string[]> body)
    {
        writer.Line("int n = 0;");
        using (writer.Open("for (; n + 1 < count; n += 2)"))
        {
            EmitExampleReferences(writer, "n", "A");
            EmitExampleReferences(writer, "(n + 1)", "B");
            body(new[] { "A", "B" });
        }

        using (writer.Open("for (; n < count; n++)"))
        {
            EmitExampleReferences(writer, "n", string.Empty);
            body(new[] { string.Empty });
        }
    }

    /// <summary><c>input{suffix}</c> and <c>output{suffix}</c>: example <paramref name="example"/> (an expression that binds tighter than *) of the batch.</summary>
    private void EmitExampleReferences(SourceWriter writer, string example, string suffix)
    {
        writer.Line("ref " + T + " input" + suffix + " = ref At(ref inputs, " + example + " * inputStride);");
        writer.Line("ref " + T + " output" + suffix + " = ref At(ref outputs, " + example + " * " + Format(StateLayout.Padded(Units)) + ");");
    }

    /// <summary>
    /// zⱼ = Wⱼ·a + bⱼ for a block of rows and one or two examples (<paramref name="examples"/> are the
    /// suffixes of their <c>input</c>/<c>output</c> references): a vector sum per row and example, reduced
    /// once, then a scalar tail. Every row of every example adds its products in the same order, so
    /// the result does not depend on the blocking.
    /// </summary>
    private void EmitRowDotProducts(SourceWriter writer, int rows, params string[] examples)
    {
        string vector = Type.Vector;
        string inputs = Format(Inputs);
        int[] block = Enumerable.Range(0, rows).ToArray();
        bool shared = examples.Length > 1;

        foreach (int r in block)
        {
            foreach (string e in examples)
            {
                writer.Line("var s" + Format(r) + e + " = " + vector + ".Zero;");
            }
        }

        writer.Line("int i = 0;");
        using (writer.Open("for (; i + " + vector + ".Count <= " + inputs + "; i += " + vector + ".Count)"))
        {
            foreach (string e in examples)
            {
                writer.Line("var x" + e + " = Load(ref input" + e + ", i);");
            }

            foreach (int r in block)
            {
                string row = "Load(ref w" + Format(r) + ", i)";
                if (shared)
                {
                    writer.Line("var w" + Format(r) + "i = " + row + ";");
                    row = "w" + Format(r) + "i";
                }

                foreach (string e in examples)
                {
                    writer.Line("s" + Format(r) + e + " = global::NetCompiler.VectorMath.MultiplyAdd(" + row + ", x" + e + ", s" + Format(r) + e + ");");
                }
            }
        }

        foreach (int r in block)
        {
            foreach (string e in examples)
            {
                writer.Line(T + " z" + Format(r) + e + " = global::System.Numerics.Vector.Sum(s" + Format(r) + e + ");");
            }
        }

        using (writer.Open("for (; i < " + inputs + "; i++)"))
        {
            foreach (string e in examples)
            {
                writer.Line(T + " x" + e + " = At(ref input" + e + ", i);");
            }

            foreach (int r in block)
            {
                foreach (string e in examples)
                {
                    writer.Line("z" + Format(r) + e + " += At(ref w" + Format(r) + ", i) * x" + e + ";");
                }
            }
        }

        foreach (int r in block)
        {
            string index = r == 0 ? "j" : "j + " + Format(r);
            foreach (string e in examples)
            {
                writer.Line("At(ref output" + e + ", " + index + ") = z" + Format(r) + e + " + At(ref b, " + index + ");");
            }
        }
    }

    private void EmitInputLocals(SourceWriter writer)
    {
        for (int i = 0; i < Inputs; i++)
        {
            writer.Line(T + " x" + Format(i) + " = At(ref input, " + Format(i) + ");");
        }
    }

    /// <summary>References to the layer's weights (and biases) in the parameter or gradient block.</summary>
    private void EmitParameterReferences(SourceWriter writer, string origin, string weights, string? biases)
    {
        string prefix = origin == "gradients" ? "∇" : string.Empty;
        writer.Line("ref " + T + " " + weights + " = ref At(ref " + origin + ", " + Format(Layer.WeightOffset) + "); // " + prefix + "W" + Superscript + ": " + Format(Units) + " × " + Format(Inputs) + ", row-major");
        if (biases is not null)
        {
            writer.Line("ref " + T + " " + biases + " = ref At(ref " + origin + ", " + Format(Layer.BiasOffset) + "); // " + prefix + "b" + Superscript + ": " + Format(Units));
        }
    }
}
