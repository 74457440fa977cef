using NetCompiler.Generators.Model;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// Max pooling, z[c,y,x] = max over the window a[c, y·s+wy, x·s+wx]; the backward pass routes each
/// δ[c,y,x] to the window's first maximal input in row-major window order (strict &gt;), adding where
/// windows overlap — exactly the reference interpreter's rule. For each input row where windows
/// start, the scan runs on <c>Vector&lt;T&gt;</c> over the windows at every input j of the row at once
/// (the window at j reads j + wy·W + wx, contiguous in j) and keeps the scalar rule lane by lane: a
/// later value replaces the maximum only where it is strictly greater (<c>GreaterThan</c> and
/// <c>ConditionalSelect</c>, not <c>Vector.Max</c>, so the first of equal values, −0 before +0 and a
/// leading NaN win as in the interpreter). The outputs then pick the windows at x·s, without a
/// branch. Windows of at most <see cref="UnrollLimit"/> values are unrolled with constant offsets;
/// larger ones loop.
/// </summary>
internal sealed class MaxPool2DLayerEmitter : LayerEmitter
{
    /// <summary>Windows with at most this many values (4 × 4), and output rows with at most this many values, are unrolled.</summary>
    public const int UnrollLimit = 16;

    public MaxPool2DLayerEmitter(LayerModel layer, NumericType type, bool isLast)
        : base(layer, type, isLast)
    {
    }

    private int Size => Layer.Declaration.Window;

    private int Stride => Layer.Declaration.Stride;

    /// <summary>
    /// The window starts j whose window ends inside the input, 0 ≤ j &lt; C·H·W − (k−1)·(W+1): every output's
    /// window is among them (the others, across a row's or channel's edge, are scanned but never used).
    /// </summary>
    private int Starts => Layer.InputSize - (Size - 1) * (Layer.Input.Width + 1);

    /// <summary>
    /// The integer type as wide as T, "int" or "long", for a window's offset: <c>GreaterThan</c> of two
    /// <c>Vector&lt;T&gt;</c> gives a mask of it, which selects between offsets of the same width.
    /// </summary>
    private string Offset => Type == NumericType.Double ? "long" : "int";

    private string Description =>
        "Layer " + Number + ", " + Layer.Declaration + ": " + Layer.Input + " → " + Layer.Output;

    public override void EmitForward(SourceWriter writer)
    {
        writer.Line("/// <summary>" + Description + ": z" + Superscript + "[c,y,x] = max over wy, wx < " + Format(Size) + " of a" + PreviousSuperscript + "[c, y·" + Format(Stride) + " + wy, x·" + Format(Stride) + " + wx]"
            + (IsLast ? "." : ", then a" + Superscript + " = f(z" + Superscript + ") in place.") + "</summary>");
        EmitGeneratedCodeAttribute(writer);
        using (writer.Open(ForwardSignature))
        {
            EmitRows(writer, "maxima", propagate: false, () =>
            {
                writer.Line("// z[c, y, x] = the maximum of the window at a[c, y·s, x·s]");
                writer.Line("ref " + T + " zRow = ref At(ref output, o);");
                writer.Line("ref " + T + " rowMaxima = ref At(ref maxima, row);");
                EmitColumns(writer, (x, window) => writer.Line("At(ref zRow, " + x + ") = At(ref rowMaxima, " + window + ");"));
            });
            EmitActivationInPlace(writer, "output");
        }
    }

    /// <summary>Never called: pooling has no parameters (<see cref="LayerEmitter.HasParameters"/> is false), so there is nothing to accumulate.</summary>
    public override void EmitAccumulate(SourceWriter writer)
    {
    }

    public override void EmitBackpropagate(SourceWriter writer)
    {
        writer.Line("/// <summary>" + Description + ": inputDelta[c, y·" + Format(Stride) + " + wy, x·" + Format(Stride) + " + wx] += δ" + Superscript + "[c,y,x] for the window's first maximal input (dJ/da" + PreviousSuperscript + "); zero elsewhere.</summary>");
        EmitGeneratedCodeAttribute(writer);
        using (writer.Open(BackwardSignature(propagate: true)))
        {
            ConvRowEmitter.EmitFill(writer, Type, "inputDelta", 0, "0", StateLayout.Padded(Layer.InputSize));
            EmitRows(writer, "winners", propagate: true, () =>
            {
                writer.Line("// δ goes to the window's first maximum: inputDelta[window + winner] += δ[c, y, x]");
                writer.Line("ref " + T + " dRow = ref At(ref delta, o);");
                writer.Line("ref " + T + " rowDelta = ref At(ref inputDelta, row);");
                writer.Line("ref " + Offset + " rowWinners = ref " + Unsafe("winners", "row") + ";");
                EmitColumns(writer, (x, window) =>
                {
                    string winner = (Offset == "int" ? string.Empty : "(int)") + (window == "0" ? "rowWinners" : Unsafe("rowWinners", window));
                    writer.Line("At(ref rowDelta, " + (window == "0" ? winner : window + " + " + winner) + ") += At(ref dRow, " + x + ");");
                });
            });
        }
    }

    /// <summary>
    /// A scratch buffer <paramref name="name"/>, then loops over the output rows (c, y) with <c>row</c> the
    /// input row where their windows start and <c>o</c> the flat index of output (c, y, 0): each scans
    /// the windows at every j of that row into <paramref name="name"/>[j] — the window's first maximum,
    /// or with <paramref name="propagate"/> its offset wy·W + wx in the window (an <see cref="Offset"/>) — then runs <paramref name="use"/>.
    /// </summary>
    private void EmitRows(SourceWriter writer, string name, bool propagate, System.Action use)
    {
        string type = propagate ? Offset : T;
        ScratchBuffer.Emit(writer, type, Type.Size, name, Starts, () => EmitRowScans(writer, name, propagate, use));
    }

    private void EmitRowScans(SourceWriter writer, string name, bool propagate, System.Action use)
    {
        string starts = Format(Starts);
        string vector = Type.Vector;
        writer.Line("int o = 0;");
        using (writer.Open("for (int c = 0; c < " + Format(Layer.Output.Channels) + "; c++)"))
        using (writer.Open("for (int y = 0; y < " + Format(Layer.Output.Height) + "; y++)"))
        {
            writer.Line("int row = (c * " + Format(Layer.Input.Height) + " + y * " + Format(Stride) + ") * " + Format(Layer.Input.Width) + ";");
            writer.Line("// " + name + "[j] = the first maximum of the window at a[j] in row-major order" + (propagate ? ": its offset in the window" : string.Empty) + ", for every j of the row");
            using (writer.Open("if (" + vector + ".Count <= " + starts + ")"))
            {
                writer.Line("// a vector of windows at a time; the last moves back to end at the last window that fits, recomputing a few");
                using (writer.Open("for (int i = 0; i < " + Format(Layer.Input.Width) + "; i += " + vector + ".Count)"))
                {
                    writer.Line("int j = global::System.Math.Min(row + i, " + starts + " - " + vector + ".Count);");
                    EmitScan(writer, name, propagate, vectorised: true);
                }
            }

            using (writer.Open("else"))
            using (writer.Open("for (int j = row; j < row + " + Format(Layer.Input.Width) + " && j < " + starts + "; j++)"))
            {
                EmitScan(writer, name, propagate, vectorised: false);
            }

            use();
        }
    }

    /// <summary>
    /// Runs <paramref name="use"/>(x, x·s) for the outputs x of the row, counted from output (c, y, 0) and
    /// from the row's first input — unrolled with constant offsets up to <see cref="UnrollLimit"/>
    /// outputs, a loop beyond — then moves <c>o</c> to the next row.
    /// </summary>
    private void EmitColumns(SourceWriter writer, System.Action<string, string> use)
    {
        int width = Layer.Output.Width;
        if (width <= UnrollLimit)
        {
            for (int x = 0; x < width; x++)
            {
                use(Format(x), Format(x * Stride));
            }
        }
        else
        {
            using (writer.Open("for (int x = 0; x < " + Format(width) + "; x++)"))
            {
                use("x", "x * " + Format(Stride));
            }
        }

        writer.Line("o += " + Format(width) + ";");
    }

    /// <summary>The window at j (a vector of windows from j, or one): its first maximum, or where it is, into <paramref name="name"/>[j].</summary>
    private void EmitScan(SourceWriter writer, string name, bool propagate, bool vectorised)
    {
        if (vectorised)
        {
            writer.Line("var max = Load(ref input, j);");
            if (propagate)
            {
                writer.Line("var best = global::System.Numerics.Vector<" + Offset + ">.Zero;");
            }

            EmitWindow(writer, offset =>
            {
                using (writer.Open(string.Empty))
                {
                    writer.Line("var value = Load(ref " + ConvRowEmitter.From("input", offset) + ", j);");
                    writer.Line("var greater = global::System.Numerics.Vector.GreaterThan(value, max);");
                    writer.Line("max = global::System.Numerics.Vector.ConditionalSelect(greater, value, max);");
                    if (propagate)
                    {
                        writer.Line("best = global::System.Numerics.Vector.ConditionalSelect(greater, new global::System.Numerics.Vector<" + Offset + ">(" + offset + "), best);");
                    }
                }
            });
            writer.Line(propagate ? "global::System.Numerics.Vector.StoreUnsafe(best, ref winners, (nuint)j);" : "Store(max, ref maxima, j);");
            return;
        }

        writer.Line(T + " max = At(ref input, j);");
        if (propagate)
        {
            writer.Line(Offset + " best = 0;");
        }

        EmitWindow(writer, offset =>
        {
            using (writer.Open("if (At(ref " + ConvRowEmitter.From("input", offset) + ", j) > max)"))
            {
                writer.Line("max = At(ref " + ConvRowEmitter.From("input", offset) + ", j);");
                if (propagate)
                {
                    writer.Line("best = " + offset + ";");
                }
            }
        });
        writer.Line(propagate ? Unsafe("winners", "j") + " = best;" : "At(ref maxima, j) = max;");
    }

    /// <summary>The element <paramref name="index"/> of the offsets at <paramref name="origin"/>, unchecked (<c>At</c> is for T).</summary>
    private static string Unsafe(string origin, string index) => "global::System.Runtime.CompilerServices.Unsafe.Add(ref " + origin + ", " + index + ")";

    /// <summary>
    /// Runs <paramref name="compare"/> for the window offsets wy·W + wx after the first, in row-major
    /// order: unrolled constants for small windows, loops otherwise (where the first offset compares
    /// with itself, which is never strictly greater).
    /// </summary>
    private void EmitWindow(SourceWriter writer, System.Action<string> compare)
    {
        if (Size * Size <= UnrollLimit)
        {
            for (int wy = 0; wy < Size; wy++)
            {
                for (int wx = wy == 0 ? 1 : 0; wx < Size; wx++)
                {
                    compare(Format(wy * Layer.Input.Width + wx));
                }
            }
        }
        else
        {
            using (writer.Open("for (int wy = 0; wy < " + Format(Size) + "; wy++)"))
            using (writer.Open("for (int wx = 0; wx < " + Format(Size) + "; wx++)"))
            {
                writer.Line("int offset = wy * " + Format(Layer.Input.Width) + " + wx;");
                compare("offset");
            }
        }
    }
}
