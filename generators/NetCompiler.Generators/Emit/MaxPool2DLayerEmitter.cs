using NetCompiler.Generators.Model;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// Max pooling, z[c,y,x] = max over the window a[c, y·s+wy, x·s+wx]; the backward pass routes each
/// δ[c,y,x] to the window's first maximal input in row-major window order (strict &gt;), adding where
/// windows overlap — exactly the reference interpreter's rule. The scan is scalar on purpose:
/// <c>Vector.Max</c> would not say which input won, nor keep the first of equal values, −0 before +0
/// or a NaN where the strict comparison keeps it. Windows of at most <see cref="UnrollLimit"/>
/// values are unrolled with constant offsets; larger ones loop.
/// </summary>
internal sealed class MaxPool2DLayerEmitter : LayerEmitter
{
    /// <summary>Windows with at most this many values (4 × 4) are unrolled.</summary>
    public const int UnrollLimit = 16;

    public MaxPool2DLayerEmitter(LayerModel layer, NumericType type, bool isLast)
        : base(layer, type, isLast)
    {
    }

    private int Size => Layer.Declaration.Window;

    private int Stride => Layer.Declaration.Stride;

    private string Description =>
        "Layer " + Number + ", " + Layer.Declaration + ": " + Layer.Input + " → " + Layer.Output;

    public override void EmitForward(SourceWriter writer)
    {
        writer.Line("/// <summary>" + Description + ": z" + Superscript + "[c,y,x] = max over wy, wx < " + Format(Size) + " of a" + PreviousSuperscript + "[c, y·" + Format(Stride) + " + wy, x·" + Format(Stride) + " + wx]"
            + (IsLast ? "." : ", then a" + Superscript + " = f(z" + Superscript + ") in place.") + "</summary>");
        EmitGeneratedCodeAttribute(writer);
        using (writer.Open(ForwardSignature))
        {
            EmitWindows(writer, propagate: false, () => writer.Line("At(ref output, o) = max;"));
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
            ConvRowEmitter.EmitFill(writer, Type, "inputDelta", "0", StateLayout.Padded(Layer.InputSize));
            EmitWindows(writer, propagate: true, () => writer.Line("At(ref windowDelta, best) += At(ref delta, o);"));
        }
    }

    /// <summary>
    /// Loops over the output positions (c, y, x) at flat index <c>o</c>; at each, <c>window</c> refers to
    /// the window's top-left input, <c>max</c> holds its first maximum and, with <paramref name="propagate"/>,
    /// <c>best</c> that maximum's offset in the window and <c>windowDelta</c> the window in inputDelta.
    /// </summary>
    private void EmitWindows(SourceWriter writer, bool propagate, System.Action use)
    {
        string inputWidth = Format(Layer.Input.Width);
        writer.Line("int o = 0;");
        using (writer.Open("for (int c = 0; c < " + Format(Layer.Output.Channels) + "; c++)"))
        using (writer.Open("for (int y = 0; y < " + Format(Layer.Output.Height) + "; y++)"))
        using (writer.Open("for (int x = 0; x < " + Format(Layer.Output.Width) + "; x++, o++)"))
        {
            string start = "(c * " + Format(Layer.Input.Height) + " + y * " + Format(Stride) + ") * " + inputWidth + " + x * " + Format(Stride);
            writer.Line("ref " + T + " window = ref At(ref input, " + start + ");");
            if (propagate)
            {
                writer.Line("ref " + T + " windowDelta = ref At(ref inputDelta, " + start + ");");
            }

            writer.Line("// the first maximum in row-major window order: later values win only when strictly greater");
            writer.Line(T + " max = window;");
            if (propagate)
            {
                writer.Line("int best = 0;");
            }

            if (Size * Size <= UnrollLimit)
            {
                for (int wy = 0; wy < Size; wy++)
                {
                    for (int wx = wy == 0 ? 1 : 0; wx < Size; wx++)
                    {
                        EmitCompare(writer, Format(wy * Layer.Input.Width + wx), propagate);
                    }
                }
            }
            else
            {
                using (writer.Open("for (int wy = 0; wy < " + Format(Size) + "; wy++)"))
                using (writer.Open("for (int wx = 0; wx < " + Format(Size) + "; wx++)"))
                {
                    EmitCompare(writer, "wy * " + inputWidth + " + wx", propagate);
                }
            }

            use();
        }
    }

    private void EmitCompare(SourceWriter writer, string offset, bool propagate)
    {
        using (writer.Open("if (At(ref window, " + offset + ") > max)"))
        {
            writer.Line("max = At(ref window, " + offset + ");");
            if (propagate)
            {
                writer.Line("best = " + offset + ";");
            }
        }
    }
}
