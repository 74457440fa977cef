using System;
using System.Collections.Generic;
using System.Linq;
using NetCompiler.Generators.Model;
using NetCompiler.Shared;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// A fully connected layer, z = Wa + b with W of shape [units, inputs]. Small layers are
/// unrolled into straight-line code (their forward kernel in <c>DenseLayerEmitter.SmallForward.cs</c>);
/// larger ones call the runtime's kernels (<c>DenseForward</c>, <c>DenseBackward</c>) with a struct
/// that gives them the layer's sizes, so the JIT compiles those loops with every size a constant
/// while the generated code stays a few lines per layer.
/// </summary>
internal sealed partial class DenseLayerEmitter : LayerEmitter
{
    /// <summary>Layers with at most this many weights (and few inputs) are unrolled completely.</summary>
    public const int UnrollLimit = 256;

    private readonly bool _inputInRegister;
    private readonly bool _returnsActivation;

    /// <summary>
    /// How many parameters surely follow this layer's W and b (the next layer's, if any): a vector
    /// load that ends within them stays inside any parameter span, a caller's in <c>Infer</c> too.
    /// </summary>
    private readonly int _parametersAfter;

    /// <summary>
    /// Whether δ of this layer arrives as one whole 256-bit vector (when <c>Vector&lt;T&gt;</c> is one):
    /// the next layer backpropagates a row at a time and stores dJ/da as one vector, so f′ runs on
    /// that vector, and, where this layer backpropagates a row at a time too, ∇b += δ as one vector:
    /// a later vector load of them (the next f′'s, <c>Step</c>'s) is served from those stores instead
    /// of waiting for several scalar ones to reach the cache.
    /// </summary>
    private readonly bool _deltaArrivesAsVector;

    /// <summary>
    /// Whether the network's one-example backward pass on 256-bit vectors is <c>BackwardInRegisters</c>:
    /// this layer's backward kernels then serve only other widths, and are written value by value.
    /// </summary>
    private readonly bool _backwardInRegisters;

    /// <summary>Whether <c>ForwardLayerN</c> is inlined where it is the kernel's arithmetic written out (<see cref="InlinesKernelRows"/>).</summary>
    private readonly bool _inlinesKernelRows;

    public DenseLayerEmitter(LayerModel layer, NumericType type, LayerModel? previous, LayerModel? next, bool backwardInRegisters, bool trainsInRegisters, bool inlinesKernelRows)
        : base(layer, type, isLast: next is null)
    {
        _backwardInRegisters = backwardInRegisters;
        _inlinesKernelRows = inlinesKernelRows;
        _inputInRegister = previous is not null && PassesActivationInRegister(previous, layer, type);
        _returnsActivation = next is null ? trainsInRegisters : PassesActivationInRegister(layer, next, type);
        _parametersAfter = next is null ? 0 : next.WeightCount + next.BiasCount;
        _deltaArrivesAsVector = !backwardInRegisters && next is not null && next.Kind == LayerKind.Dense && BackpropagatesRowsOf(next, type)
            && next.InputSize == type.Vector256Lanes;
    }

    public override bool DeltaArrivesAsVector => _deltaArrivesAsVector;

    private int Units => Layer.OutputSize;

    private int Inputs => Layer.InputSize;

    private bool Unrolled => IsUnrolled(Layer, Type);

    /// <summary>
    /// Whether a dense layer is small enough to be written out: at most <see cref="UnrollLimit"/> weights,
    /// fewer than 32 inputs, and not <see cref="RowsSuitKernels"/>.
    /// </summary>
    public static bool IsUnrolled(LayerModel layer, NumericType type) => layer.WeightCount <= UnrollLimit && layer.InputSize < 32 && !RowsSuitKernels(layer, type);

    /// <summary>
    /// A layer of at least eight units whose rows the runtime's kernels take as a few vector products
    /// each: float rows of two or three whole 256-bit vectors (16 or 24 inputs), double rows of 16 to
    /// 31 inputs. Measured by stopwatch on the Zen 4 core (benchmarks/HISTORY.md, twenty-ninth and
    /// thirty-fourth runs): against the values written out, two scalar instructions per weight,
    /// 16 → 16 tanh → 1 infer1 87 → 44 ns, train1 211 → 135 ns, a batch of 32 three times faster;
    /// 24 → 8, 16 → 8, 16 → 12 and 2 → 16 → 16 → 2 1.3–2.3× faster one example at a time; faster too
    /// with 128-bit <c>Vector&lt;T&gt;</c>; double 20 → 12 → 4 infer1 64 → 48 ns, train1 221 → 140 ns,
    /// and 30 → 8 tanh → 2 121–138 → 87–89 ns and 268–313 → 177–182 ns. Against double rows folded
    /// onto vectors (<see cref="FoldsRows"/>), the kernels lose one example's forward pass
    /// (20 → 12 → 4: 45 against 28 ns) but win its training (115–118 against 127–133) and batches
    /// (train32 57 against 92, infer32 23 against 33). Narrower layers and rows of other lengths
    /// stay written out: for them the kernels were no faster or slower (3 → 12 → 12 → 1, 12 → 12,
    /// 10 → 10, 9 → 9, 6 → 20; double 8 → 8 one example at a time and 12 → 12 in batches, measured
    /// against the scalar sums; a layer of fewer than eight units with rows of 16 or more, float 1–4,
    /// double 4 and 6 units, whose network would also lose the batch path in vector lanes).
    /// </summary>
    private static bool RowsSuitKernels(LayerModel layer, NumericType type) =>
        layer.OutputSize >= 8 && layer.InputSize >= 16 && (type == NumericType.Double || layer.InputSize % 8 == 0);

    public override bool InputInRegister => _inputInRegister;

    public override bool ReturnsActivation => _returnsActivation;

    public override bool StoresOutputAsOneVector => IsLast && Unrolled && (SumsOnVectors || ReturnsActivation);

    private string Description =>
        "Layer " + Number + ", " + Layer.Declaration + " on " + Format(Inputs) + " inputs: z" + Superscript + " = W" + Superscript + "a" + PreviousSuperscript + " + b" + Superscript;

    public override void EmitForward(SourceWriter writer)
    {
        if (!Unrolled)
        {
            EmitShape(writer);
        }

        writer.Line("/// <summary>" + Description + (IsLast ? "." : ", then a" + Superscript + " = f(z" + Superscript + ") in place.") + "</summary>");
        EmitGeneratedCodeAttribute(writer);
        if (Unrolled || ((WritesOutKernelRows || SumsKernelRowsOn128) && _inlinesKernelRows))
        {
            // a few dozen instructions (where Vector<T> is 256 bits, for the kernel's arithmetic written out):
            // inlined, the call and its spills leave the chain from input to output
            writer.Line(NetworkEmitter.AggressiveInliningAttribute);
        }

        using (writer.Open(ForwardSignature))
        {
            EmitParameterReferences(writer, "parameters", "w", "b");
            if (Unrolled)
            {
                writer.Line("// z" + Superscript + " = W" + Superscript + "a" + PreviousSuperscript + " + b" + Superscript);
                EmitUnrolledForward(writer);
                return;
            }

            writer.Line("// z" + Superscript + " = W" + Superscript + "a" + PreviousSuperscript + " + b" + Superscript + ": each row of W dotted with the input on the CPU's vectors (the runtime's kernel, compiled with this layer's sizes)");
            if (!WritesOutKernelRows && !SumsKernelRowsOn128)
            {
                EmitKernelForward(writer);
                return;
            }

            if (WritesOutKernelRows)
            {
                using (writer.Open("if (" + Type.VectorIs256Bits + ")"))
                {
                    EmitKernelRowsWrittenOut(writer);
                }
            }

            if (SumsKernelRowsOn128)
            {
                using (writer.Open((WritesOutKernelRows ? "else if (" : "if (") + Type.VectorIs128Bits + ")"))
                {
                    EmitSummedKernelRows(writer, bits: 128);
                }
            }

            using (writer.Open("else"))
            {
                EmitKernelForward(writer);
            }
        }
    }

    /// <summary><c>DenseForward.One</c>, then the activation in place.</summary>
    private void EmitKernelForward(SourceWriter writer)
    {
        writer.Line("global::NetCompiler.DenseForward.One<" + T + ", " + ShapeName + ">(ref w, ref b, ref input, ref output);");
        EmitActivationInPlace(writer, "output");
    }

    /// <summary>
    /// The struct that gives the runtime's dense kernels this layer's sizes, as constants: the JIT
    /// compiles each kernel once per layer with them.
    /// </summary>
    private void EmitShape(SourceWriter writer)
    {
        string width = VectorLanes.TakesCallersWidth(Inputs, Type)
            ? string.Empty
            : "; its training kernels run on Vector&lt;T&gt; at any width, rows of " + Format(Inputs) + " not being whole 512-bit vectors";
        writer.Line("/// <summary>Layer " + Number + "'s sizes for the runtime's dense kernels: W" + Superscript + " is " + Format(Units) + " × " + Format(Inputs) + width + ".</summary>");
        EmitGeneratedCodeAttribute(writer);
        using (writer.Open("private readonly struct " + ShapeName + " : global::NetCompiler.IDenseShape"))
        {
            writer.Line("public static int Units => " + Format(Units) + ";");
            writer.Line("public static int Inputs => " + Format(Inputs) + ";");
            writer.Line("public static int PaddedUnits => " + Format(StateLayout.Padded(Units)) + ";");
            writer.Line("public static int PaddedInputs => " + Format(StateLayout.Padded(Inputs)) + ";");
        }

        writer.Line();
    }

    private string ShapeName => ShapeNameOf(Layer);

    /// <summary>The name of the struct that gives the runtime's dense kernels <paramref name="layer"/>'s sizes.</summary>
    public static string ShapeNameOf(LayerModel layer) => "Layer" + layer.Number + "Shape";

    public override bool DefersGradient => PendingExampleEmitter.DefersGradient(Layer, Type);

    /// <summary>The type arguments of the runtime's backward kernels: T, the layer's shape, and the vector width (<see cref="VectorLanes.ForRowsOf"/>).</summary>
    private string BackwardKernelArguments => "<" + T + ", " + ShapeName + ", " + VectorLanes.ForRowsOf(Inputs, Type) + ">";

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
            writer.Line("global::NetCompiler.DenseForward.Batch<" + T + ", " + ShapeName + ">(ref w, ref b, ref inputs, inputStride, ref outputs, count);");
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
    /// so any width adds in the same order); the runtime's kernels take the width as type arguments.
    /// </summary>
    public override bool UsesLanes => !Unrolled;

    /// <summary>
    /// The backward kernels for a batch: for each block of rows and each vector of inputs, the
    /// gradient vectors stay in registers while every example adds its δⱼaᵀ, in example order, so
    /// the sums are exactly those of one example at a time.
    /// </summary>
    public override void EmitBackwardBatch(SourceWriter writer, bool propagate)
    {
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
            writer.Line("// ∇b += δₙ and rows of ∇W += δₙaₙᵀ" + (propagate ? ", dJ/daₙ = Wᵀδₙ" : string.Empty) + ", example after example for every value");
            writer.Line(propagate
                ? "global::NetCompiler.DenseBackward.BackpropagateBatch" + BackwardKernelArguments + "(ref w, ref gw, ref gb, ref deltas, ref inputs, inputStride, ref inputDeltas, count);"
                : "global::NetCompiler.DenseBackward.AccumulateBatch" + BackwardKernelArguments + "(ref gw, ref gb, ref deltas, ref inputs, inputStride, count);");
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
        if (!BackpropagatesRows)
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
    /// exactly one vector (8 floats, 4 doubles), however many units (written out, a layer of 24 such
    /// rows took two scalar instructions per weight: M5, 8 → 24 → 3, train1 196 → 152 ns;
    /// benchmarks/HISTORY.md, thirtieth run), and the rows that are folded (<see cref="FoldsRows"/>:
    /// nine to 31 floats, five to 31 doubles), as their whole vectors and their last one
    /// (<see cref="RowVectors"/>; double 8 → 8 ReLU → 4 train1 104 → 75 ns, thirty-fourth run). Shorter rows stay written out: a vector add into a row that shares its vector
    /// with the next one made the next step's loads wait for those stores (W2 train1 25 % slower).
    /// </summary>
    private bool BackpropagatesRows => !_backwardInRegisters && BackpropagatesRowsOf(Layer, Type);

    private static bool BackpropagatesRowsOf(LayerModel layer, NumericType type) =>
        IsUnrolled(layer, type) && (layer.InputSize == type.Vector256Lanes || Folds(layer, type));

    /// <summary>
    /// The small layer's backward pass a row at a time on 256-bit vectors (<see cref="BackpropagatesRows"/>),
    /// every value the same bits as written out: ∇Wⱼ += δⱼa as one vector product and add per part of the
    /// row, dJ/da = Σⱼ δⱼWⱼ as vectors, the rows added in order; where δ arrived as one vector, ∇b += δ as
    /// one vector too. A row's last part may share lanes with the one before it: its ∇W parts are all
    /// loaded before any is stored, so a shared lane gets the same sum from both, and dJ/da's the same
    /// sums too. Every part lies within its row and the input, so no load runs past its block, not even
    /// past the caller's span of a batch's inputs.
    /// </summary>
    private void EmitUnrolledBackwardVectors(SourceWriter writer, bool propagate)
    {
        string vector256 = NumericType.Vector256Class;
        // the input's vectors, each whole (the last one shares lanes with the one before it)
        int[] parts = Enumerable.Range(0, RowVectors).ToArray();
        foreach (int part in parts)
        {
            writer.Line("var " + RowVectorInput(part) + " = " + vector256 + ".LoadUnsafe(ref " + (part == 0 ? "input" : "At(ref input, " + Format(RowVectorStart(part)) + ")") + ");");
        }

        if (_deltaArrivesAsVector)
        {
            writer.Line("var d = " + vector256 + ".LoadUnsafe(ref delta);");
            EmitDeltaLocals(writer);
            writer.Line("// ∇b += δ, one vector: δ arrived as one");
            writer.Line(vector256 + ".StoreUnsafe(" + vector256 + ".LoadUnsafe(ref gb) + d, ref gb);");
        }
        else
        {
            EmitDeltasAndBiasGradient(writer);
        }

        if (parts.Length == 1)
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
            writer.Line("// ∇W += δaᵀ, a row at a time: its parts loaded before any is stored (the last one shares lanes with the one before it, which get the same sum from both)");
            for (int j = 0; j < Units; j++)
            {
                using (writer.Open(string.Empty))
                {
                    foreach (int part in parts)
                    {
                        writer.Line("var g" + Format(part) + " = " + vector256 + ".LoadUnsafe(ref At(ref gw, " + Format((j * Inputs) + RowVectorStart(part)) + "));");
                    }

                    foreach (int part in parts)
                    {
                        writer.Line(vector256 + ".StoreUnsafe(g" + Format(part) + " + d" + Format(j) + " * " + RowVectorInput(part) + ", ref At(ref gw, " + Format((j * Inputs) + RowVectorStart(part)) + "));");
                    }
                }
            }
        }

        if (propagate)
        {
            writer.Line("// dJ/da = Wᵀδ = Σⱼ δⱼWⱼ, in row order" + (parts.Length == 1 ? string.Empty : ", a part of the row at a time"));
            foreach (int part in parts)
            {
                int start = RowVectorStart(part);
                string sum = string.Join(" + ", Enumerable.Range(0, Units).Select(j => VectorOf("w", Layer.WeightOffset, (j * Inputs) + start, Math.Min(Inputs, Type.Vector256Lanes)) + " * d" + Format(j)));
                writer.Line(vector256 + ".StoreUnsafe(" + sum + ", ref " + (part == 0 ? "inputDelta" : "At(ref inputDelta, " + Format(start) + ")") + ");");
            }
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

    /// <summary>The large layer's backward pass: the runtime's kernel, on this layer's sizes and the caller's vector width.</summary>
    private void EmitVectorBackward(SourceWriter writer, bool propagate)
    {
        using (writer.Open("if (deferGradient)"))
        {
            writer.Line("// ∇W += δaᵀ and ∇b += δ wait for Step, which takes δ and a from the pending example" + (propagate ? ": only dJ/da = Wᵀδ" : string.Empty));
            if (propagate)
            {
                writer.Line("global::NetCompiler.DenseBackward.Propagate" + BackwardKernelArguments + "(ref w, ref delta, ref inputDelta);");
            }

            writer.Line("return;");
        }

        writer.Line();
        writer.Line("// for each unit j: ∇bⱼ += δⱼ, row j of ∇W += δⱼaᵀ" + (propagate ? ", and dJ/da += δⱼ · (row j of W), from zero" : string.Empty) + "; units whose δ is zero skipped");
        writer.Line(propagate
            ? "global::NetCompiler.DenseBackward.Backpropagate" + BackwardKernelArguments + "(ref w, ref gw, ref gb, ref delta, ref input, ref inputDelta);"
            : "global::NetCompiler.DenseBackward.Accumulate" + BackwardKernelArguments + "(ref gw, ref gb, ref delta, ref input);");
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
