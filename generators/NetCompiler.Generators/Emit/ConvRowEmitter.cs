using System;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// The innermost loops of the convolution and pooling kernels: one run of <c>count</c> values,
/// a <c>Vector&lt;T&gt;</c> at a time where the run is contiguous on every side, then a scalar tail.
/// Counts are constants, so the JIT drops whichever loop cannot run.
/// </summary>
internal static class ConvRowEmitter
{
    /// <summary>
    /// <c>int i = 0;</c>, then, when <paramref name="vectorised"/>, a loop writing
    /// <paramref name="vectorBody"/> for i = 0, V, 2V, … while a whole vector fits in
    /// <paramref name="count"/>; then a loop writing <paramref name="scalarBody"/> for the rest.
    /// </summary>
    public static void EmitRun(SourceWriter writer, NumericType type, int count, bool vectorised, Action vectorBody, Action scalarBody)
    {
        string end = LayerEmitter.Format(count);
        writer.Line("int i = 0;");
        if (vectorised)
        {
            using (writer.Open("for (; i + " + type.Vector + ".Count <= " + end + "; i += " + type.Vector + ".Count)"))
            {
                vectorBody();
            }
        }

        using (writer.Open("for (; i < " + end + "; i++)"))
        {
            scalarBody();
        }
    }

    /// <summary><c>region[offset … offset + count) = value</c>; <paramref name="value"/> is a scalar expression of T evaluated once.</summary>
    public static void EmitFill(SourceWriter writer, NumericType type, string region, int offset, string value, int count)
    {
        string start = offset == 0 ? region : "At(ref " + region + ", " + LayerEmitter.Format(offset) + ")";
        using (writer.Open("// " + region + "[" + LayerEmitter.Format(offset) + " … " + LayerEmitter.Format(offset + count) + ") = " + value))
        {
            writer.Line("ref " + type.Name + " target = ref " + start + ";");
            writer.Line(type.Name + " fill = " + value + ";");
            writer.Line("var fillVector = new " + type.Vector + "(fill);");
            EmitRun(
                writer,
                type,
                count,
                vectorised: true,
                () => writer.Line("Store(fillVector, ref target, i);"),
                () => writer.Line("At(ref target, i) = fill;"));
        }
    }

    /// <summary>
    /// <paramref name="left"/> + <paramref name="right"/> for index expressions, folding a zero:
    /// ("row", "0") → "row", ("y * 10", "ky * 10 + kx") → "y * 10 + ky * 10 + kx".
    /// </summary>
    public static string Plus(string left, string right) => right == "0" ? left : left + " + " + right;

    /// <summary>
    /// The reference <paramref name="offset"/> values after <paramref name="region"/>, for a run indexed
    /// from there: <c>Load(ref At(ref aRow, 10), i)</c> rather than <c>Load(ref aRow, i + 10)</c>, so the
    /// JIT folds the constant into the address instead of adding it to i.
    /// </summary>
    public static string From(string region, string offset) => offset == "0" ? region : "At(ref " + region + ", " + offset + ")";
}
