using System;
using NetCompiler.Generators.Model;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// A convolution (cross-correlation, as in PyTorch) with zero padding:
/// z[f,y,x] = b[f] + Σ_c Σ_ky Σ_kx W[f,c,ky,kx]·a[c, y·s+ky−p, x·s+kx−p], W of shape
/// [filters, inChannels, k, k]. Every kernel works tap by tap: for one tap (ky, kx) of one
/// filter and channel, the output rows and columns whose input lies inside the image are
/// constants (<see cref="ConvTap"/>), so padding costs no test, and each output row is one run
/// of a multiply-add — a <c>Vector&lt;T&gt;</c> across output columns at a time when the stride is 1
/// (both sides contiguous), scalar otherwise. Kernels up to <see cref="UnrollLimit"/> wide have
/// their taps unrolled into blocks with constant ranges; wider ones loop over the taps. Filters
/// and channels are loops, so the code grows with k² only.
/// </summary>
internal sealed class Conv2DLayerEmitter : LayerEmitter
{
    /// <summary>Kernels of at most this size (25 taps) are unrolled tap by tap.</summary>
    public const int UnrollLimit = 5;

    public Conv2DLayerEmitter(LayerModel layer, NumericType type, bool isLast)
        : base(layer, type, isLast)
    {
    }

    private int Filters => Layer.Output.Channels;

    private int Channels => Layer.Input.Channels;

    private int Kernel => Layer.Declaration.Window;

    private int Stride => Layer.Declaration.Stride;

    /// <summary>Values in one output plane, Ho·Wo.</summary>
    private int OutputPlane => Layer.Output.Height * Layer.Output.Width;

    /// <summary>Values in one input channel, H·W.</summary>
    private int InputPlane => Layer.Input.Height * Layer.Input.Width;

    private int KernelSize => Kernel * Kernel;

    /// <summary>Steps over whole input rows from one output row to the next: s·W.</summary>
    private string InputRowStep => Format(Stride * Layer.Input.Width);

    private bool Vectorised => Stride == 1;

    private string Description =>
        "Layer " + Number + ", " + Layer.Declaration + ": " + Layer.Input + " → " + Layer.Output;

    public override void EmitForward(SourceWriter writer)
    {
        writer.Line("/// <summary>" + Description + ": z" + Superscript + "[f,y,x] = b[f] + Σ_c Σ_ky Σ_kx W[f,c,ky,kx]·a" + PreviousSuperscript + "[c, y·s+ky−p, x·s+kx−p]"
            + (IsLast ? "." : ", then a" + Superscript + " = f(z" + Superscript + ") in place.") + "</summary>");
        EmitGeneratedCodeAttribute(writer);
        using (writer.Open(ForwardSignature))
        {
            EmitParameterReferences(writer, "parameters", "w", "b");
            using (writer.Open("for (int f = 0; f < " + Format(Filters) + "; f++)"))
            {
                writer.Line("ref " + T + " z = ref At(ref output, f * " + Format(OutputPlane) + ");");
                ConvRowEmitter.EmitFill(writer, Type, "z", "At(ref b, f)", OutputPlane);
                using (writer.Open("for (int c = 0; c < " + Format(Channels) + "; c++)"))
                {
                    writer.Line("ref " + T + " channel = ref At(ref input, c * " + Format(InputPlane) + ");");
                    writer.Line("ref " + T + " kernel = ref At(ref w, (f * " + Format(Channels) + " + c) * " + Format(KernelSize) + ");");
                    EmitTaps(writer, tap =>
                    {
                        writer.Line("// z[f, y, x] += W[f, c, ky, kx]·a[c, y·s + ky − p, x·s + kx − p]");
                        EmitWeight(writer, tap);
                        using (writer.Open("for (int y = " + tap.FirstRow + "; y < " + tap.EndRow + "; y++)"))
                        {
                            writer.Line("ref " + T + " zRow = ref At(ref z, " + ConvRowEmitter.Plus("y * " + Format(Layer.Output.Width), tap.FirstColumn) + ");");
                            writer.Line("ref " + T + " aRow = ref At(ref channel, " + ConvRowEmitter.Plus("y * " + InputRowStep, tap.InputStart) + ");");
                            ConvRowEmitter.EmitRun(
                                writer,
                                Type,
                                tap.ColumnCount,
                                Vectorised,
                                new[] { "Store(global::NetCompiler.VectorMath.MultiplyAdd(weightVector, Load(ref aRow, i), Load(ref zRow, i)), ref zRow, i);" },
                                new[] { "At(ref zRow, i) += weight * At(ref aRow, " + ConvRowEmitter.Index(Stride) + ");" });
                        }
                    });
                }
            }

            EmitActivationInPlace(writer, "output");
        }
    }

    public override void EmitAccumulate(SourceWriter writer) => EmitBackward(writer, propagate: false);

    public override void EmitBackpropagate(SourceWriter writer) => EmitBackward(writer, propagate: true);

    private void EmitBackward(SourceWriter writer, bool propagate)
    {
        writer.Line("/// <summary>" + Description + ": ∇b[f] += Σ δ" + Superscript + "[f,y,x], ∇W[f,c,ky,kx] += Σ δ" + Superscript + "[f,y,x]·a" + PreviousSuperscript + "[c, y·s+ky−p, x·s+kx−p]"
            + (propagate ? ", and inputDelta[c, y·s+ky−p, x·s+kx−p] = Σ W[f,c,ky,kx]·δ" + Superscript + "[f,y,x] (dJ/da" + PreviousSuperscript + ")." : ".") + "</summary>");
        EmitGeneratedCodeAttribute(writer);
        using (writer.Open(BackwardSignature(propagate)))
        {
            if (propagate)
            {
                EmitParameterReferences(writer, "parameters", "w", null);
                ConvRowEmitter.EmitFill(writer, Type, "inputDelta", "0", StateLayout.Padded(Layer.InputSize));
            }

            EmitParameterReferences(writer, "gradients", "gw", "gb");
            using (writer.Open("for (int f = 0; f < " + Format(Filters) + "; f++)"))
            {
                writer.Line("ref " + T + " d = ref At(ref delta, f * " + Format(OutputPlane) + ");");
                EmitBiasGradient(writer);
                using (writer.Open("for (int c = 0; c < " + Format(Channels) + "; c++)"))
                {
                    writer.Line("ref " + T + " channel = ref At(ref input, c * " + Format(InputPlane) + ");");
                    writer.Line("ref " + T + " kernelGradient = ref At(ref gw, (f * " + Format(Channels) + " + c) * " + Format(KernelSize) + ");");
                    if (propagate)
                    {
                        writer.Line("ref " + T + " channelDelta = ref At(ref inputDelta, c * " + Format(InputPlane) + ");");
                        writer.Line("ref " + T + " kernel = ref At(ref w, (f * " + Format(Channels) + " + c) * " + Format(KernelSize) + ");");
                    }

                    EmitTaps(writer, tap => EmitTapBackward(writer, tap, propagate));
                }
            }
        }
    }

    /// <summary>∇b[f] += Σ_y Σ_x δ[f, y, x] over the filter's contiguous output plane.</summary>
    private void EmitBiasGradient(SourceWriter writer)
    {
        using (writer.Open("// ∇b[f] += Σ δ[f, y, x]"))
        {
            writer.Line("var sumVector = " + Type.Vector + ".Zero;");
            writer.Line(T + " sum = 0;");
            ConvRowEmitter.EmitRun(
                writer,
                Type,
                Format(OutputPlane),
                vectorised: true,
                new[] { "sumVector += Load(ref d, i);" },
                new[] { "sum += At(ref d, i);" });
            writer.Line("At(ref gb, f) += sum + global::System.Numerics.Vector.Sum(sumVector);");
        }
    }

    /// <summary>
    /// One tap's ∇W[f,c,ky,kx] += Σ δ[f,y,x]·a[c, y·s+ky−p, x·s+kx−p], and with
    /// <paramref name="propagate"/> dJ/da[c, y·s+ky−p, x·s+kx−p] += W[f,c,ky,kx]·δ[f,y,x], in one pass over its rows.
    /// </summary>
    private void EmitTapBackward(SourceWriter writer, ConvTap tap, bool propagate)
    {
        writer.Line("// ∇W[f, c, ky, kx] += Σ δ[f, y, x]·a[c, y·s + ky − p, x·s + kx − p]" + (propagate ? "; dJ/da[c, y·s + ky − p, x·s + kx − p] += W[f, c, ky, kx]·δ[f, y, x]" : string.Empty));
        if (propagate)
        {
            EmitWeight(writer, tap);
        }

        if (Vectorised)
        {
            writer.Line("var sumVector = " + Type.Vector + ".Zero;");
        }

        writer.Line(T + " sum = 0;");
        string input = ConvRowEmitter.Index(Stride);
        using (writer.Open("for (int y = " + tap.FirstRow + "; y < " + tap.EndRow + "; y++)"))
        {
            string inputRow = ConvRowEmitter.Plus("y * " + InputRowStep, tap.InputStart);
            writer.Line("ref " + T + " dRow = ref At(ref d, " + ConvRowEmitter.Plus("y * " + Format(Layer.Output.Width), tap.FirstColumn) + ");");
            writer.Line("ref " + T + " aRow = ref At(ref channel, " + inputRow + ");");
            string[] vectorBody;
            string[] scalarBody;
            if (propagate)
            {
                writer.Line("ref " + T + " daRow = ref At(ref channelDelta, " + inputRow + ");");
                vectorBody = new[]
                {
                    "var dv = Load(ref dRow, i);",
                    "sumVector = global::NetCompiler.VectorMath.MultiplyAdd(dv, Load(ref aRow, i), sumVector);",
                    "Store(global::NetCompiler.VectorMath.MultiplyAdd(weightVector, dv, Load(ref daRow, i)), ref daRow, i);",
                };
                scalarBody = new[]
                {
                    T + " dv = At(ref dRow, i);",
                    "sum += dv * At(ref aRow, " + input + ");",
                    "At(ref daRow, " + input + ") += weight * dv;",
                };
            }
            else
            {
                vectorBody = new[] { "sumVector = global::NetCompiler.VectorMath.MultiplyAdd(Load(ref dRow, i), Load(ref aRow, i), sumVector);" };
                scalarBody = new[] { "sum += At(ref dRow, i) * At(ref aRow, " + input + ");" };
            }

            ConvRowEmitter.EmitRun(writer, Type, tap.ColumnCount, Vectorised, vectorBody, scalarBody);
        }

        writer.Line("At(ref kernelGradient, " + tap.Index + ") += sum" + (Vectorised ? " + global::System.Numerics.Vector.Sum(sumVector)" : string.Empty) + ";");
    }

    /// <summary>The tap's weight W[f, c, ky, kx], and its broadcast when the rows are vectorised.</summary>
    private void EmitWeight(SourceWriter writer, ConvTap tap)
    {
        writer.Line(T + " weight = At(ref kernel, " + tap.Index + ");");
        if (Vectorised)
        {
            writer.Line("var weightVector = new " + Type.Vector + "(weight);");
        }
    }

    /// <summary>Runs <paramref name="body"/> once per tap that reaches the image: unrolled blocks for small kernels, loops over ky and kx otherwise.</summary>
    private void EmitTaps(SourceWriter writer, Action<ConvTap> body)
    {
        if (Kernel <= UnrollLimit)
        {
            foreach (ConvTap tap in ConvTap.Unrolled(Layer))
            {
                using (writer.Open("// tap " + tap.Label + ": rows [" + tap.FirstRow + ", " + tap.EndRow + "), columns [" + tap.FirstColumn + ", " + tap.EndColumn + ")"))
                {
                    body(tap);
                }
            }
        }
        else
        {
            using (ConvTap.EmitLoops(writer, Layer))
            {
                body(ConvTap.Looped(Layer));
            }
        }
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
}
