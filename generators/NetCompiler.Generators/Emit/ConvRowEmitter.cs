using System.Collections.Generic;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// The innermost loops of the convolution and pooling kernels: one run of <c>count</c> values,
/// a <c>Vector&lt;T&gt;</c> at a time where the run is contiguous on every side, then a scalar tail.
/// Counts are constants (or locals fixed before the loop), so the JIT drops whichever loop cannot run.
/// </summary>
internal static class ConvRowEmitter
{
    /// <summary>
    /// <c>int i = 0;</c>, then, when <paramref name="vectorised"/>, a loop running
    /// <paramref name="vectorBody"/> for i = 0, V, 2V, … while a whole vector fits in
    /// <paramref name="count"/>; then a loop running <paramref name="scalarBody"/> for the rest.
    /// </summary>
    public static void EmitRun(SourceWriter writer, NumericType type, string count, bool vectorised, IEnumerable<string> vectorBody, IEnumerable<string> scalarBody)
    {
        writer.Line("int i = 0;");
        if (vectorised)
        {
            using (writer.Open("for (; i + " + type.Vector + ".Count <= " + count + "; i += " + type.Vector + ".Count)"))
            {
                foreach (string line in vectorBody)
                {
                    writer.Line(line);
                }
            }
        }

        using (writer.Open("for (; i < " + count + "; i++)"))
        {
            foreach (string line in scalarBody)
            {
                writer.Line(line);
            }
        }
    }

    /// <summary><c>region[0 … count) = value</c>; <paramref name="value"/> is a scalar expression of T evaluated once.</summary>
    public static void EmitFill(SourceWriter writer, NumericType type, string region, string value, int count)
    {
        using (writer.Open("// " + region + "[0 … " + LayerEmitter.Format(count) + ") = " + value))
        {
            writer.Line(type.Name + " fill = " + value + ";");
            writer.Line("var fillVector = new " + type.Vector + "(fill);");
            EmitRun(
                writer,
                type,
                LayerEmitter.Format(count),
                vectorised: true,
                new[] { "Store(fillVector, ref " + region + ", i);" },
                new[] { "At(ref " + region + ", i) = fill;" });
        }
    }

    /// <summary>"i" for a unit stride, "i * s" otherwise: the index of the i-th value of a strided run.</summary>
    public static string Index(int stride) => stride == 1 ? "i" : "i * " + LayerEmitter.Format(stride);

    /// <summary>
    /// <paramref name="left"/> + <paramref name="right"/> for index expressions, folding a zero and
    /// writing a negative constant as a subtraction: ("y * 8", "-9") → "y * 8 - 9".
    /// </summary>
    public static string Plus(string left, string right)
    {
        if (right == "0")
        {
            return left;
        }

        if (left == "0")
        {
            return right;
        }

        return right.StartsWith("-", System.StringComparison.Ordinal) ? left + " - " + right.Substring(1) : left + " + " + right;
    }
}
