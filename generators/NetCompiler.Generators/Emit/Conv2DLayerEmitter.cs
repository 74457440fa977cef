using System;
using System.Linq;
using NetCompiler.Generators.Model;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// A convolution (cross-correlation, as in PyTorch) with zero padding:
/// z[f,y,x] = b[f] + Σ_c Σ_ky Σ_kx W[f,c,ky,kx]·a[c, y·s+ky−p, x·s+kx−p], W of shape
/// [filters, inChannels, k, k]. The kernels read the input through its padded copy â
/// (<see cref="ConvPadding"/>), in which every tap of every output row is one contiguous run, so
/// each run is <c>Vector&lt;T&gt;</c> multiply-adds across output columns with no border case.
/// Filters go two at a time, so that each vector of â loaded serves both. The forward pass keeps
/// a vector of z per filter in a register while every tap adds to it and applies the activation
/// as it stores; the weight gradients keep a vector sum per tap and filter over the rows and
/// reduce it once; the input gradient adds W·δ into â's rows tap by tap and then drops the
/// border. Kernels up to <see cref="UnrollLimit"/> wide have their taps unrolled with constant
/// offsets (and their weights broadcast once per filter and channel); wider ones loop over the
/// taps. Filters and channels are loops, so the code grows with k² only.
/// </summary>
internal sealed class Conv2DLayerEmitter : LayerEmitter
{
    /// <summary>Kernels of at most this size (25 taps) are unrolled tap by tap.</summary>
    public const int UnrollLimit = 5;

    private readonly ConvPadding _padding;

    public Conv2DLayerEmitter(LayerModel layer, NumericType type, bool isLast)
        : base(layer, type, isLast)
    {
        _padding = new ConvPadding(layer, type);
    }

    private int Filters => Layer.Output.Channels;

    private int Channels => Layer.Input.Channels;

    private int Kernel => Layer.Declaration.Window;

    /// <summary>Values in one output plane, Ho·Wo.</summary>
    private int OutputPlane => Layer.Output.Height * Layer.Output.Width;

    private int KernelSize => Kernel * Kernel;

    private bool IsUnrolled => Kernel <= UnrollLimit;

    /// <summary>Steps in â from one output row to the next: s rows of â.</summary>
    private string RowStep => Format(Layer.Declaration.Stride * _padding.RowLength);

    private string Description =>
        "Layer " + Number + ", " + Layer.Declaration + ": " + Layer.Input + " → " + Layer.Output;

    public override void EmitForward(SourceWriter writer)
    {
        writer.Line("/// <summary>" + Description + ": z" + Superscript + "[f,y,x] = b[f] + Σ_c Σ_ky Σ_kx W[f,c,ky,kx]·a" + PreviousSuperscript + "[c, y·s+ky−p, x·s+kx−p]"
            + (IsLast ? "." : ", then a" + Superscript + " = f(z" + Superscript + ") as each value is stored.") + "</summary>");
        EmitGeneratedCodeAttribute(writer);
        using (writer.Open(ForwardSignature))
        {
            EmitParameterReferences(writer, "parameters", "w", "b");
            _padding.EmitDeclare(writer, "padded", "input", _padding.PadName, () =>
            {
                EmitFilterBlocks(writer, filters =>
                {
                    foreach (Filter filter in filters)
                    {
                        writer.Line("ref " + T + " z" + filter + " = ref At(ref output, " + filter.Times(OutputPlane) + ");");
                        writer.Line(T + " bias" + filter + " = At(ref b, " + filter.Index + ");");
                        writer.Line("var bias" + filter + "Vector = new " + Type.Vector + "(bias" + filter + ");");
                    }

                    using (writer.Open("for (int c = 0; c < " + Format(Channels) + "; c++)"))
                    {
                        writer.Line("ref " + T + " channel = ref At(ref padded, c * " + Format(_padding.Plane) + ");");
                        EmitKernelReferences(writer, filters, "kernel", "w");
                        if (IsUnrolled)
                        {
                            writer.Line("// the taps W[f, c, ky, kx], each broadcast once (the scalar tail reads them from the kernel)");
                            foreach (Filter filter in filters)
                            {
                                foreach (ConvTap tap in ConvTap.Unrolled(Layer, _padding))
                                {
                                    writer.Line("var w" + filter + tap.Name + " = new " + Type.Vector + "(At(ref kernel" + filter + ", " + tap.Index + "));");
                                }
                            }
                        }

                        EmitOutputRows(
                            writer,
                            filters,
                            "zRow",
                            "z",
                            "// z[f, y, x] = b[f] + Σ_c Σ_ky Σ_kx W[f, c, ky, kx]·â[c, y·s + ky, x·s + kx], a run of x at a time" + (Channels > 1 ? ", channel by channel" : string.Empty),
                            vector => EmitOutputSums(writer, filters, vector));
                    }
                });
            });
        }

        if (_padding.IsCopy)
        {
            writer.Line();
            _padding.EmitPad(writer, PreviousSuperscript);
        }
    }

    /// <summary>
    /// One vector (or value) of z[f, y, x …] per filter of the block in registers: b[f] (or, after the first
    /// channel, z so far) plus W[f, c, ky, kx]·â[…] for every tap, each load of â serving every filter; then,
    /// once the last channel is in, the activation of a hidden layer, and one store per filter.
    /// </summary>
    private void EmitOutputSums(SourceWriter writer, Filter[] filters, bool vector)
    {
        string type = vector ? "var" : T;
        foreach (Filter filter in filters)
        {
            string bias = "bias" + filter + (vector ? "Vector" : string.Empty);
            string load = vector ? "Load(ref zRow" + filter + ", i)" : "At(ref zRow" + filter + ", i)";
            writer.Line(type + " sum" + filter + " = " + (Channels == 1 ? bias : "c == 0 ? " + bias + " : " + load) + ";");
        }

        if (IsUnrolled)
        {
            foreach (ConvTap tap in ConvTap.Unrolled(Layer, _padding))
            {
                EmitTapProducts(writer, filters, vector, tap, filter => vector ? "w" + filter + tap.Name : "At(ref kernel" + filter + ", " + tap.Index + ")");
            }
        }
        else
        {
            using (writer.Open("for (int ky = 0; ky < " + Format(Kernel) + "; ky++)"))
            using (writer.Open("for (int kx = 0; kx < " + Format(Kernel) + "; kx++)"))
            {
                ConvTap tap = ConvTap.Looped(Layer, _padding);
                EmitTapProducts(writer, filters, vector, tap, filter =>
                {
                    string weight = "At(ref kernel" + filter + ", " + tap.Index + ")";
                    return vector ? "new " + Type.Vector + "(" + weight + ")" : weight;
                });
            }
        }

        string? activation = IsLast ? null : ActivationEmitter.FunctionName(Layer.Activation);
        if (activation is not null)
        {
            writer.Line(Channels == 1 ? "// a = f(z)" : "// a = f(z) once the last channel is in");
        }

        foreach (Filter filter in filters)
        {
            string sum = "sum" + filter;
            string result = activation is null ? sum : Channels == 1 ? Activated(activation, sum) : "c == " + Format(Channels - 1) + " ? " + Activated(activation, sum) + " : " + sum;
            writer.Line(vector ? "Store(" + result + ", ref zRow" + filter + ", i);" : "At(ref zRow" + filter + ", i) = " + result + ";");
        }
    }

    private static string Activated(string activation, string value) => "global::NetCompiler.Activations." + activation + "(" + value + ")";

    /// <summary>a = â[c, y·s + ky, x·s + kx …], then sum += W[f, c, ky, kx]·a for each filter of the block (its <paramref name="weight"/>, a vector or a value).</summary>
    private void EmitTapProducts(SourceWriter writer, Filter[] filters, bool vector, ConvTap tap, Func<Filter, string> weight)
    {
        string a = "a" + tap.Name;
        string input = ConvRowEmitter.From("aRow", tap.Offset);
        writer.Line(vector ? "var " + a + " = Load(ref " + input + ", i);" : T + " " + a + " = At(ref " + input + ", i);");
        foreach (Filter filter in filters)
        {
            string sum = "sum" + filter;
            writer.Line(vector
                ? sum + " = global::NetCompiler.VectorMath.MultiplyAdd(" + weight(filter) + ", " + a + ", " + sum + ");"
                : sum + " += " + weight(filter) + " * " + a + ";");
        }
    }

    public override void EmitAccumulate(SourceWriter writer) => EmitBackward(writer, propagate: false);

    public override void EmitBackpropagate(SourceWriter writer)
    {
        EmitBackward(writer, propagate: true);
        if (_padding.IsCopy)
        {
            writer.Line();
            _padding.EmitUnpad(writer, PreviousSuperscript);
        }
    }

    private void EmitBackward(SourceWriter writer, bool propagate)
    {
        writer.Line("/// <summary>" + Description + ": ∇b[f] += Σ δ" + Superscript + "[f,y,x], ∇W[f,c,ky,kx] += Σ δ" + Superscript + "[f,y,x]·a" + PreviousSuperscript + "[c, y·s+ky−p, x·s+kx−p]"
            + (propagate ? ", and inputDelta[c, y·s+ky−p, x·s+kx−p] = Σ W[f,c,ky,kx]·δ" + Superscript + "[f,y,x] (dJ/da" + PreviousSuperscript + ")." : ".") + "</summary>");
        EmitGeneratedCodeAttribute(writer);
        using (writer.Open(BackwardSignature(propagate)))
        {
            // The code that runs with â (and dJ/dâ) in scope.
            System.Action body = () => _padding.EmitDeclare(writer, "padded", "input", _padding.PadName, () =>
            {
                EmitParameterReferences(writer, "gradients", "gw", "gb");
                EmitFilterBlocks(writer, filters =>
                {
                    foreach (Filter filter in filters)
                    {
                        writer.Line("ref " + T + " d" + filter + " = ref At(ref delta, " + filter.Times(OutputPlane) + ");");
                        EmitBiasGradient(writer, filter);
                    }

                    using (writer.Open("for (int c = 0; c < " + Format(Channels) + "; c++)"))
                    {
                        writer.Line("ref " + T + " channel = ref At(ref padded, c * " + Format(_padding.Plane) + ");");
                        EmitKernelReferences(writer, filters, "kernelGradient", "gw");
                        EmitKernelGradient(writer, filters);
                        if (propagate)
                        {
                            writer.Line("ref " + T + " channelDelta = ref At(ref paddedDelta, c * " + Format(_padding.Plane) + ");");
                            EmitKernelReferences(writer, filters, "kernel", "w");
                            EmitInputDelta(writer, filters);
                        }
                    }
                });

                if (propagate && _padding.IsCopy)
                {
                    writer.Line(_padding.UnpadName + "(ref paddedDelta, ref inputDelta);");
                }
            });

            if (!propagate)
            {
                body();
                return;
            }

            EmitParameterReferences(writer, "parameters", "w", null);
            if (!_padding.IsCopy)
            {
                ConvRowEmitter.EmitFill(writer, Type, "inputDelta", 0, "0", StateLayout.Padded(Layer.InputSize));
            }

            _padding.EmitDeclare(writer, "paddedDelta", "inputDelta", null, body);
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/> for the filters two at a time (f and f + 1, so that each load of â
    /// serves both), then for a last filter alone when their number is odd.
    /// </summary>
    private void EmitFilterBlocks(SourceWriter writer, Action<Filter[]> body)
    {
        if (Filters >= 2)
        {
            using (writer.Open("for (int f = 0; f + 1 < " + Format(Filters) + "; f += 2)"))
            {
                writer.Line("// filters f and f + 1 together: each value of â loaded serves both");
                body(new[] { new Filter("A", "f"), new Filter("B", "f + 1") });
            }
        }

        if (Filters % 2 == 1)
        {
            using (writer.Open(Filters == 1 ? string.Empty : "// the last filter alone"))
            {
                writer.Line("const int f = " + Format(Filters - 1) + ";");
                body(new[] { new Filter("A", "f") });
            }
        }
    }

    /// <summary><c>ref T {name}{A} = ref {origin}[(f·C + c)·k²]</c>: the kernel W[f, c] (or its gradient) of each filter of the block.</summary>
    private void EmitKernelReferences(SourceWriter writer, Filter[] filters, string name, string origin)
    {
        foreach (Filter filter in filters)
        {
            writer.Line("ref " + T + " " + name + filter + " = ref At(ref " + origin + ", (" + filter.Times(Channels) + " + c) * " + Format(KernelSize) + ");");
        }
    }

    /// <summary>∇b[f] += Σ_y Σ_x δ[f, y, x] over the filter's contiguous output plane.</summary>
    private void EmitBiasGradient(SourceWriter writer, Filter filter)
    {
        using (writer.Open("// ∇b[" + filter.Index + "] += Σ δ[" + filter.Index + ", y, x]"))
        {
            writer.Line("var sumVector = " + Type.Vector + ".Zero;");
            writer.Line(T + " sum = 0;");
            ConvRowEmitter.EmitRun(
                writer,
                Type,
                OutputPlane,
                vectorised: true,
                () => writer.Line("sumVector += Load(ref d" + filter + ", i);"),
                () => writer.Line("sum += At(ref d" + filter + ", i);"));
            writer.Line("At(ref gb, " + filter.Index + ") += sum + global::System.Numerics.Vector.Sum(sumVector);");
        }
    }

    /// <summary>
    /// ∇W[f,c,ky,kx] += Σ_y Σ_x δ[f,y,x]·â[c, y·s+ky, x·s+kx] for every tap and filter of the block: unrolled,
    /// one pass over the rows with a vector sum per tap and filter (each δ and â loaded once); looped, one
    /// pass per tap. Each sum is reduced once, at the end.
    /// </summary>
    private void EmitKernelGradient(SourceWriter writer, Filter[] filters)
    {
        writer.Line("// ∇W[f, c, ky, kx] += Σ_y Σ_x δ[f, y, x]·â[c, y·s + ky, x·s + kx]: a vector sum per tap, reduced once");
        if (IsUnrolled)
        {
            ConvTap[] taps = ConvTap.Unrolled(Layer, _padding).ToArray();
            EmitGradientSums(writer, filters, taps);
            EmitGradientRows(writer, filters, taps);
            EmitGradientReductions(writer, filters, taps);
        }
        else
        {
            using (writer.Open("for (int ky = 0; ky < " + Format(Kernel) + "; ky++)"))
            using (writer.Open("for (int kx = 0; kx < " + Format(Kernel) + "; kx++)"))
            {
                ConvTap[] tap = { ConvTap.Looped(Layer, _padding) };
                EmitGradientSums(writer, filters, tap);
                EmitGradientRows(writer, filters, tap);
                EmitGradientReductions(writer, filters, tap);
            }
        }
    }

    private void EmitGradientSums(SourceWriter writer, Filter[] filters, ConvTap[] taps)
    {
        foreach (Filter filter in filters)
        {
            foreach (ConvTap tap in taps)
            {
                writer.Line("var g" + filter + tap.Name + " = " + Type.Vector + ".Zero;");
            }
        }
    }

    /// <summary>
    /// The loop over the rows adding δ[f,y,x]·â[c, y·s+ky, x·s+kx] to the vector sum of each tap and filter,
    /// <c>g{filter}{tap}</c>; a scalar tail adds its products to ∇W directly.
    /// </summary>
    private void EmitGradientRows(SourceWriter writer, Filter[] filters, ConvTap[] taps) =>
        EmitOutputRows(writer, filters, "dRow", "d", null, vector => EmitGradientProducts(writer, filters, taps, vector));

    /// <summary>
    /// The loop over the output rows y: for each filter <c>{row}{filter}</c>, row y of the plane
    /// <c>{plane}{filter}</c>, and <c>aRow</c>, the first row of â its taps read; then a run of x, a vector
    /// at a time with a scalar tail, of what <paramref name="products"/> writes (given whether it is the vector part).
    /// </summary>
    private void EmitOutputRows(SourceWriter writer, Filter[] filters, string row, string plane, string? comment, System.Action<bool> products)
    {
        using (writer.Open("for (int y = 0; y < " + Format(Layer.Output.Height) + "; y++)"))
        {
            if (comment is not null)
            {
                writer.Line(comment);
            }

            foreach (Filter filter in filters)
            {
                writer.Line("ref " + T + " " + row + filter + " = ref At(ref " + plane + filter + ", y * " + Format(Layer.Output.Width) + ");");
            }

            writer.Line("ref " + T + " aRow = ref At(ref channel, y * " + RowStep + ");");
            ConvRowEmitter.EmitRun(writer, Type, Layer.Output.Width, vectorised: true, () => products(true), () => products(false));
        }
    }

    private void EmitGradientProducts(SourceWriter writer, Filter[] filters, ConvTap[] taps, bool vector)
    {
        string type = vector ? "var" : T;
        string read = vector ? "Load" : "At";
        foreach (Filter filter in filters)
        {
            writer.Line(type + " d" + filter + "i = " + read + "(ref dRow" + filter + ", i);");
        }

        foreach (ConvTap tap in taps)
        {
            string a = "a" + tap.Name;
            writer.Line(type + " " + a + " = " + read + "(ref " + ConvRowEmitter.From("aRow", tap.Offset) + ", i);");
            foreach (Filter filter in filters)
            {
                string sum = "g" + filter + tap.Name;
                writer.Line(vector
                    ? sum + " = global::NetCompiler.VectorMath.MultiplyAdd(d" + filter + "i, " + a + ", " + sum + ");"
                    : "At(ref kernelGradient" + filter + ", " + tap.Index + ") += d" + filter + "i * " + a + ";");
            }
        }
    }

    private void EmitGradientReductions(SourceWriter writer, Filter[] filters, ConvTap[] taps)
    {
        foreach (Filter filter in filters)
        {
            foreach (ConvTap tap in taps)
            {
                writer.Line("At(ref kernelGradient" + filter + ", " + tap.Index + ") += global::System.Numerics.Vector.Sum(g" + filter + tap.Name + ");");
            }
        }
    }

    /// <summary>
    /// dJ/dâ[c, y·s+ky, x·s+kx] += W[f,c,ky,kx]·δ[f,y,x] for the filters of the block, tap by tap over the
    /// rows. The taps loop whatever the kernel size: each adds into â's rows in memory, so unrolling them
    /// would only grow the code.
    /// </summary>
    private void EmitInputDelta(SourceWriter writer, Filter[] filters)
    {
        writer.Line("// dJ/dâ[c, y·s + ky, x·s + kx] += W[f, c, ky, kx]·δ[f, y, x]");
        ConvTap tap = ConvTap.Looped(Layer, _padding);
        using (writer.Open("for (int ky = 0; ky < " + Format(Kernel) + "; ky++)"))
        using (writer.Open("for (int kx = 0; kx < " + Format(Kernel) + "; kx++)"))
        {
            foreach (Filter filter in filters)
            {
                writer.Line(T + " weight" + filter + " = At(ref kernel" + filter + ", " + tap.Index + ");");
                writer.Line("var weight" + filter + "Vector = new " + Type.Vector + "(weight" + filter + ");");
            }

            using (writer.Open("for (int y = 0; y < " + Format(Layer.Output.Height) + "; y++)"))
            {
                foreach (Filter filter in filters)
                {
                    writer.Line("ref " + T + " dRow" + filter + " = ref At(ref d" + filter + ", y * " + Format(Layer.Output.Width) + ");");
                }

                writer.Line("ref " + T + " daRow = ref At(ref channelDelta, " + ConvRowEmitter.Plus("y * " + RowStep, tap.Offset) + ");");
                ConvRowEmitter.EmitRun(
                    writer,
                    Type,
                    Layer.Output.Width,
                    vectorised: true,
                    () => EmitInputDeltaSum(writer, filters, vector: true),
                    () => EmitInputDeltaSum(writer, filters, vector: false));
            }
        }
    }

    /// <summary>dâ[…] += W[f, c, ky, kx]·δ[f, y, x …] for each filter of the block: one load and one store of â's row per tap.</summary>
    private void EmitInputDeltaSum(SourceWriter writer, Filter[] filters, bool vector)
    {
        writer.Line(vector ? "var sum = Load(ref daRow, i);" : T + " sum = At(ref daRow, i);");
        foreach (Filter filter in filters)
        {
            writer.Line(vector
                ? "sum = global::NetCompiler.VectorMath.MultiplyAdd(weight" + filter + "Vector, Load(ref dRow" + filter + ", i), sum);"
                : "sum += weight" + filter + " * At(ref dRow" + filter + ", i);");
        }

        writer.Line(vector ? "Store(sum, ref daRow, i);" : "At(ref daRow, i) = sum;");
    }

    /// <summary>References to the layer's weights (and biases) in the parameter or gradient block.</summary>
    private void EmitParameterReferences(SourceWriter writer, string origin, string weights, string? biases)
    {
        string prefix = origin == "gradients" ? "∇" : string.Empty;
        writer.Line("ref " + T + " " + weights + " = ref At(ref " + origin + ", " + Format(Layer.WeightOffset) + "); // " + prefix + "W" + Superscript + ": "
            + Format(Filters) + " × " + Format(Channels) + " × " + Format(Kernel) + " × " + Format(Kernel));
        if (biases is not null)
        {
            writer.Line("ref " + T + " " + biases + " = ref At(ref " + origin + ", " + Format(Layer.BiasOffset) + "); // " + prefix + "b" + Superscript + ": " + Format(Filters));
        }
    }

    /// <summary>One filter of a block: its letter in local names ("A", "B") and its index as an expression ("f", "f + 1").</summary>
    private sealed class Filter
    {
        private readonly string _letter;

        public Filter(string letter, string index)
        {
            _letter = letter;
            Index = index;
        }

        public string Index { get; }

        /// <summary>The index times <paramref name="factor"/>: "f * 64", "(f + 1) * 64".</summary>
        public string Times(int factor) => (Index.Contains(" ") ? "(" + Index + ")" : Index) + " * " + Format(factor);

        public override string ToString() => _letter;
    }
}
