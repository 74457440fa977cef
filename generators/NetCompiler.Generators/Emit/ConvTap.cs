using System.Collections.Generic;
using NetCompiler.Generators.Model;
using NetCompiler.Shared;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// One kernel tap (ky, kx) of a convolution and the output positions it reaches inside the image.
/// Output (y, x) reads input (y·s + ky − p, x·s + kx − p), so the tap contributes exactly for the
/// rows y in [<see cref="FirstRow"/>, <see cref="EndRow"/>) and columns x in
/// [<see cref="FirstColumn"/>, <see cref="EndColumn"/>); outside them it would read the zero
/// padding, which adds nothing — so no loop ever tests for the border.
/// Every member is a C# expression: a number for an unrolled tap, an expression of the loop
/// locals <c>ky</c>, <c>kx</c>, <c>y0</c>, <c>y1</c>, <c>x0</c>, <c>x1</c> for a looped one.
/// </summary>
internal sealed class ConvTap
{
    private ConvTap(string label, string index, string firstRow, string endRow, string firstColumn, string endColumn, string columnCount, string inputStart)
    {
        Label = label;
        Index = index;
        FirstRow = firstRow;
        EndRow = endRow;
        FirstColumn = firstColumn;
        EndColumn = endColumn;
        ColumnCount = columnCount;
        InputStart = inputStart;
    }

    /// <summary>"(ky, kx) = (0, 2)" or "(ky, kx)", for comments.</summary>
    public string Label { get; }

    /// <summary>ky·k + kx: the tap's place in a [k, k] kernel.</summary>
    public string Index { get; }

    public string FirstRow { get; }

    public string EndRow { get; }

    public string FirstColumn { get; }

    public string EndColumn { get; }

    /// <summary>EndColumn − FirstColumn: the length of each row's run.</summary>
    public string ColumnCount { get; }

    /// <summary>
    /// The offset in an input channel of a[c, y·s + ky − p, x·s + kx − p] at x = FirstColumn,
    /// less y·s·width: the row's run starts at <c>y * s·width + InputStart</c>.
    /// </summary>
    public string InputStart { get; }

    /// <summary>The taps of the kernel that reach the image at all, with constant ranges, in row-major order.</summary>
    public static IEnumerable<ConvTap> Unrolled(LayerModel layer)
    {
        LayerDeclaration d = layer.Declaration;
        int k = d.Window;
        for (int ky = 0; ky < k; ky++)
        {
            int firstRow = First(d.Padding - ky, d.Stride);
            int endRow = End(layer.Input.Height - 1 + d.Padding - ky, d.Stride, layer.Output.Height);
            for (int kx = 0; kx < k; kx++)
            {
                int firstColumn = First(d.Padding - kx, d.Stride);
                int endColumn = End(layer.Input.Width - 1 + d.Padding - kx, d.Stride, layer.Output.Width);
                if (firstRow >= endRow || firstColumn >= endColumn)
                {
                    continue; // the tap only ever meets padding
                }

                int inputStart = (ky - d.Padding) * layer.Input.Width + firstColumn * d.Stride + kx - d.Padding;
                yield return new ConvTap(
                    "(ky, kx) = (" + F(ky) + ", " + F(kx) + ")",
                    F(ky * k + kx),
                    F(firstRow),
                    F(endRow),
                    F(firstColumn),
                    F(endColumn),
                    F(endColumn - firstColumn),
                    F(inputStart));
            }
        }
    }

    /// <summary>A tap whose (ky, kx) and ranges are the locals of the loops <see cref="EmitLoops"/> opens.</summary>
    public static ConvTap Looped(LayerModel layer)
    {
        string padding = F(layer.Declaration.Padding);
        string stride = F(layer.Declaration.Stride);
        string inputStart = "(ky - " + padding + ") * " + F(layer.Input.Width) + " + x0" + (stride == "1" ? string.Empty : " * " + stride) + " + kx - " + padding;
        return new ConvTap("(ky, kx)", "ky * " + F(layer.Declaration.Window) + " + kx", "y0", "y1", "x0", "x1", "x1 - x0", inputStart);
    }

    /// <summary>
    /// Opens the loops over ky and kx with the locals of <see cref="Looped"/>: the same ranges as
    /// <see cref="Unrolled"/> computes, evaluated at run time. Dispose the result to close both.
    /// </summary>
    public static System.IDisposable EmitLoops(SourceWriter writer, LayerModel layer)
    {
        LayerDeclaration d = layer.Declaration;
        string k = F(d.Window);
        string s = F(d.Stride);
        SourceWriter.Block rows = writer.Open("for (int ky = 0; ky < " + k + "; ky++)");
        writer.Line("// rows y with 0 ≤ y·s + ky − p < height");
        writer.Line("int y0 = global::System.Math.Max(0, (" + F(d.Padding + d.Stride - 1) + " - ky) / " + s + ");");
        writer.Line("int y1 = global::System.Math.Min(" + F(layer.Output.Height) + ", global::System.Math.Max(0, " + F(layer.Input.Height - 1 + d.Padding + d.Stride) + " - ky) / " + s + ");");
        SourceWriter.Block columns = writer.Open("for (int kx = 0; kx < " + k + "; kx++)");
        writer.Line("// columns x with 0 ≤ x·s + kx − p < width");
        writer.Line("int x0 = global::System.Math.Max(0, (" + F(d.Padding + d.Stride - 1) + " - kx) / " + s + ");");
        writer.Line("int x1 = global::System.Math.Min(" + F(layer.Output.Width) + ", global::System.Math.Max(0, " + F(layer.Input.Width - 1 + d.Padding + d.Stride) + " - kx) / " + s + ");");
        return new Both(columns, rows);
    }

    /// <summary>The first y ≥ 0 with y·s ≥ −offset, i.e. ⌈offset / s⌉ clamped at 0, for offset = p − ky.</summary>
    private static int First(int offset, int stride) => offset <= 0 ? 0 : (offset + stride - 1) / stride;

    /// <summary>One past the last y &lt; <paramref name="count"/> with y·s ≤ <paramref name="limit"/> (= height − 1 + p − ky).</summary>
    private static int End(int limit, int stride, int count) => limit < 0 ? 0 : System.Math.Min(count, limit / stride + 1);

    private static string F(int value) => LayerEmitter.Format(value);

    private sealed class Both : System.IDisposable
    {
        private readonly SourceWriter.Block _inner;
        private readonly SourceWriter.Block _outer;

        public Both(SourceWriter.Block inner, SourceWriter.Block outer)
        {
            _inner = inner;
            _outer = outer;
        }

        public void Dispose()
        {
            _inner.Dispose();
            _outer.Dispose();
        }
    }
}
