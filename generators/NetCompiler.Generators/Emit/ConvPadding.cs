using NetCompiler.Generators.Model;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// The convolution's input as its kernels read it: â, the input with its border of p zeros, each
/// padded row stored by column phase — first the columns X ≡ 0 (mod s), then X ≡ 1, … — so that for
/// every tap the inputs of consecutive output columns x·s + kx lie next to each other. Then every
/// tap of every output row is one contiguous multiply-add run inside â: no border case, no stride.
/// The copy lives on the stack of the kernel that reads it (C·(H + 2p)·s·⌈(W + 2p)/s⌉ values, cleared
/// explicitly: a consumer compiled with <c>SkipLocalsInit</c> gets no zeroed stack). With p = 0 and
/// s = 1, â is the input itself and nothing is copied.
/// </summary>
internal sealed class ConvPadding
{
    private readonly LayerModel _layer;
    private readonly NumericType _type;

    public ConvPadding(LayerModel layer, NumericType type)
    {
        _layer = layer;
        _type = type;
    }

    /// <summary>Whether â is a copy (padding or stride), rather than the input itself.</summary>
    public bool IsCopy => Padding > 0 || Stride > 1;

    /// <summary>The number of columns of one phase of a padded row: ⌈(W + 2p) / s⌉.</summary>
    public int PhaseWidth => (_layer.Input.Width + 2 * Padding + Stride - 1) / Stride;

    /// <summary>Values in one row of â: s phases of <see cref="PhaseWidth"/>.</summary>
    public int RowLength => IsCopy ? Stride * PhaseWidth : _layer.Input.Width;

    /// <summary>Values in one channel of â.</summary>
    public int Plane => (_layer.Input.Height + 2 * Padding) * RowLength;

    /// <summary>Values in â.</summary>
    public int Size => _layer.Input.Channels * Plane;

    public string PadName => "PadLayer" + LayerEmitter.Format(_layer.Number);

    public string UnpadName => "UnpadLayer" + LayerEmitter.Format(_layer.Number);

    private int Padding => _layer.Declaration.Padding;

    private int Stride => _layer.Declaration.Stride;

    private string T => _type.Name;

    /// <summary>Where padded column X (counted from the left edge of the border) lies in a row of â.</summary>
    private string Column(string paddedColumn) =>
        Stride == 1 ? paddedColumn : "(" + paddedColumn + ") % " + F(Stride) + " * " + F(PhaseWidth) + " + (" + paddedColumn + ") / " + F(Stride);

    /// <summary>
    /// Declares <c>ref T <paramref name="name"/></c> as â of <paramref name="source"/>: the region itself,
    /// or a scratch buffer that the method <paramref name="fill"/> fills from it (null: the buffer is only
    /// cleared); then writes <paramref name="body"/>, the code that uses it.
    /// </summary>
    public void EmitDeclare(SourceWriter writer, string name, string source, string? fill, System.Action body)
    {
        if (!IsCopy)
        {
            writer.Line("ref " + T + " " + name + " = ref " + source + ";");
            body();
            return;
        }

        ScratchBuffer.Emit(writer, T, _type.Size, name, Size, () =>
        {
            writer.Line(fill is null ? name + "Buffer.Clear();" : fill + "(ref " + source + ", ref " + name + ");");
            body();
        });
    }

    /// <summary><c>PadLayerN(ref input, ref padded)</c>: â = 0, then â[c, p + y, phase of p + x] = a[c, y, x].</summary>
    public void EmitPad(SourceWriter writer, string previousSuperscript)
    {
        writer.Line("/// <summary>â = a" + previousSuperscript + " inside a zero border of width " + F(Padding) + (Stride > 1 ? ", each row stored by column phase X mod " + F(Stride) : string.Empty) + ".</summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        using (writer.Open("private static void " + PadName + "(ref " + T + " input, ref " + T + " padded)"))
        {
            writer.Line("global::System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref padded, " + F(Size) + ").Clear();");
            EmitRows(
                writer,
                "input",
                "padded",
                "Store(Load(ref inputRow, i), ref paddedRow, i + " + F(Padding) + ");",
                "At(ref paddedRow, " + Column("i + " + F(Padding)) + ") = At(ref inputRow, i);");
        }
    }

    /// <summary><c>UnpadLayerN(ref paddedDelta, ref inputDelta)</c>: dJ/da[c, y, x] = dJ/dâ[c, p + y, phase of p + x]; the border is dropped.</summary>
    public void EmitUnpad(SourceWriter writer, string previousSuperscript)
    {
        writer.Line("/// <summary>dJ/da" + previousSuperscript + " from dJ/dâ: the values inside the border" + (Stride > 1 ? ", back from column phases" : string.Empty) + ".</summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        using (writer.Open("private static void " + UnpadName + "(ref " + T + " paddedDelta, ref " + T + " inputDelta)"))
        {
            EmitRows(
                writer,
                "inputDelta",
                "paddedDelta",
                "Store(Load(ref paddedDeltaRow, i + " + F(Padding) + "), ref inputDeltaRow, i);",
                "At(ref inputDeltaRow, i) = At(ref paddedDeltaRow, " + Column("i + " + F(Padding)) + ");");
            int tail = StateLayout.Padded(_layer.InputSize) - _layer.InputSize;
            if (tail > 0)
            {
                ConvRowEmitter.EmitFill(writer, _type, "inputDelta", _layer.InputSize, "0", tail);
            }
        }
    }

    /// <summary>
    /// Loops over the input rows, with <c>{region}Row</c> and <c>{padded}Row</c> at row (c, y) of each,
    /// copying column i by <paramref name="vectorCopy"/> (a vector at a time, when s = 1) or <paramref name="scalarCopy"/>.
    /// </summary>
    private void EmitRows(SourceWriter writer, string region, string padded, string vectorCopy, string scalarCopy)
    {
        using (writer.Open("for (int c = 0; c < " + F(_layer.Input.Channels) + "; c++)"))
        using (writer.Open("for (int y = 0; y < " + F(_layer.Input.Height) + "; y++)"))
        {
            writer.Line("ref " + T + " " + region + "Row = ref At(ref " + region + ", (c * " + F(_layer.Input.Height) + " + y) * " + F(_layer.Input.Width) + ");");
            writer.Line("ref " + T + " " + padded + "Row = ref At(ref " + padded + ", c * " + F(Plane) + " + (y + " + F(Padding) + ") * " + F(RowLength) + ");");
            ConvRowEmitter.EmitRun(writer, _type, _layer.Input.Width, Stride == 1, () => writer.Line(vectorCopy), () => writer.Line(scalarCopy));
        }
    }

    private static string F(int value) => LayerEmitter.Format(value);
}
