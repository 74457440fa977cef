using System.Collections.Generic;
using NetCompiler.Generators.Model;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// One kernel tap (ky, kx) of a convolution and where it reads the padded input â
/// (<see cref="ConvPadding"/>): output (y, x) meets â[c, y·s + ky, x·s + kx], which lies
/// <see cref="Offset"/> + x values after the start of â's row y·s. Every member is a C#
/// expression: numbers for an unrolled tap, expressions of the loop locals <c>ky</c> and
/// <c>kx</c> for a looped one.
/// </summary>
internal sealed class ConvTap
{
    private ConvTap(string index, string offset, string name)
    {
        Index = index;
        Offset = offset;
        Name = name;
    }

    /// <summary>ky·k + kx: the tap's place in a [k, k] kernel.</summary>
    public string Index { get; }

    /// <summary>ky·(row of â) + the place of column kx in its phase: where the tap's run starts in row y·s of â.</summary>
    public string Offset { get; }

    /// <summary>"02" for tap (0, 2), in the names of its locals (a02, gA02); empty for the looped tap, the only one in its scope.</summary>
    public string Name { get; }

    /// <summary>Every tap of the kernel, with constant offsets, in row-major order.</summary>
    public static IEnumerable<ConvTap> Unrolled(LayerModel layer, ConvPadding padding)
    {
        int k = layer.Declaration.Window;
        int s = layer.Declaration.Stride;
        for (int ky = 0; ky < k; ky++)
        {
            for (int kx = 0; kx < k; kx++)
            {
                yield return new ConvTap(
                    F(ky * k + kx),
                    F(ky * padding.RowLength + kx % s * padding.PhaseWidth + kx / s),
                    F(ky) + F(kx));
            }
        }
    }

    /// <summary>The tap at the locals <c>ky</c> and <c>kx</c> of loops over the kernel.</summary>
    public static ConvTap Looped(LayerModel layer, ConvPadding padding)
    {
        int s = layer.Declaration.Stride;
        string column = s == 1 ? "kx" : "kx % " + F(s) + " * " + F(padding.PhaseWidth) + " + kx / " + F(s);
        return new ConvTap("ky * " + F(layer.Declaration.Window) + " + kx", "ky * " + F(padding.RowLength) + " + " + column, string.Empty);
    }

    private static string F(int value) => LayerEmitter.Format(value);
}
