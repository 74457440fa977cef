using System.Linq;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// The forward kernels of a large dense layer whose input is a whole number of 512-bit vectors
/// (at least two), for CPUs with full-speed 512-bit vectors. One example reads W a row at a time,
/// one sequential stream: W comes from L2, and eight rows side by side on 256-bit vectors (eight
/// streams) read it at about 110 GB/s, a row at a time on 512-bit vectors at about 180 GB/s
/// (benchmarks/README.md). Each row's vectors alternate between two sums, reduced once; the batch
/// kernel adds every row of every example in that same order, so a batch keeps the bits of one
/// example at a time.
/// </summary>
internal sealed partial class DenseLayerEmitter
{
    /// <summary>Values of T in a 512-bit vector.</summary>
    private int Lanes512 => 64 / Type.Size;

    /// <summary>
    /// Whether the forward kernels have the 512-bit row-at-a-time form (see the class): layers of at
    /// least <see cref="Rows512MinimumUnits"/> rows.
    /// </summary>
    private bool DotsRowsOn512 => !Unrolled && Units >= Rows512MinimumUnits && Inputs % Lanes512 == 0 && Inputs / Lanes512 >= 2;

    /// <summary>
    /// The form pays where W is long: W4's layers of 256 rows ran 30 % faster one example at a time,
    /// while the output layers of ten rows (W3, W4) showed no difference, so they keep one form.
    /// </summary>
    private const int Rows512MinimumUnits = 32;

    private string Lanes512Class => "global::NetCompiler.Lanes512<" + T + ">";

    /// <summary>The forward pass's z = Wa + b: the 512-bit form where the CPU has it, else <paramref name="otherwise"/>.</summary>
    private void EmitForwardDots(SourceWriter writer, bool batched, System.Action otherwise)
    {
        if (!DotsRowsOn512)
        {
            otherwise();
            return;
        }

        using (writer.Open("if (" + Lanes512Class + ".IsHardwareAccelerated)"))
        {
            if (batched)
            {
                EmitBatchDots512(writer);
            }
            else
            {
                EmitDots512(writer);
            }
        }

        using (writer.Open("else"))
        {
            otherwise();
        }
    }

    /// <summary>One example: a row of W at a time, read in order.</summary>
    private void EmitDots512(SourceWriter writer)
    {
        writer.Line("// a row of W at a time, read once and in order, its vectors alternating between two sums");
        using (writer.Open("for (int j = 0; j < " + Format(Units) + "; j++)"))
        {
            EmitRowReferences(writer, "w", "w", 1);
            EmitRowSums512(writer, 1, string.Empty);
        }
    }

    /// <summary>
    /// A batch: blocks of four rows (then single rows), two examples at a time (then one), two
    /// vectors of the input a pass; every (row, example) adds in the order of <see cref="EmitDots512"/>.
    /// </summary>
    private void EmitBatchDots512(SourceWriter writer)
    {
        writer.Line("// every row of every example summed as one example alone sums it: vector k of a row into sum k mod 2");
        EmitInRowBlocks(BatchForwardRowBlocks, (rows, start, end) =>
        {
            using (writer.Open("for (int j = " + Format(start) + "; j < " + Format(end) + "; j += " + Format(rows) + ")"))
            {
                EmitRowReferences(writer, "w", "w", rows);
                EmitExamplesInPairs(writer, examples => EmitRowSums512(writer, rows, examples));
            }
        });
    }

    /// <summary>
    /// z of each row of the block (<c>w0</c>, <c>w1</c>, …) for each example (the suffixes of its
    /// <c>input</c>/<c>output</c>): sums 0 and 1 over the pairs of vectors of the row and the input,
    /// the last, odd vector into sum 0, then one reduction and the bias.
    /// </summary>
    private void EmitRowSums512(SourceWriter writer, int rows, params string[] examples)
    {
        string lanes = Format(Lanes512);
        int[] block = Enumerable.Range(0, rows).ToArray();
        foreach (int r in block)
        {
            foreach (string e in examples)
            {
                writer.Line("var s0" + Format(r) + e + " = " + Lanes512Class + ".Zero;");
                writer.Line("var s1" + Format(r) + e + " = " + Lanes512Class + ".Zero;");
            }
        }

        void Pass(string index, int sums)
        {
            foreach (string e in examples)
            {
                for (int k = 0; k < sums; k++)
                {
                    writer.Line("var x" + Format(k) + e + " = " + Lanes512Class + ".Load(ref input" + e + ", " + index + (k == 0 ? string.Empty : " + " + lanes) + ");");
                }
            }

            foreach (int r in block)
            {
                for (int k = 0; k < sums; k++)
                {
                    writer.Line("var w" + Format(r) + "k" + Format(k) + " = " + Lanes512Class + ".Load(ref w" + Format(r) + ", " + index + (k == 0 ? string.Empty : " + " + lanes) + ");");
                    foreach (string e in examples)
                    {
                        string sum = "s" + Format(k) + Format(r) + e;
                        writer.Line(sum + " = " + Lanes512Class + ".MultiplyAdd(w" + Format(r) + "k" + Format(k) + ", x" + Format(k) + e + ", " + sum + ");");
                    }
                }
            }
        }

        int pairs = Inputs / (2 * Lanes512);
        writer.Line("int i = 0;");
        using (writer.Open("for (; i < " + Format(pairs * 2 * Lanes512) + "; i += " + Format(2 * Lanes512) + ")"))
        {
            Pass("i", 2);
        }

        if (Inputs % (2 * Lanes512) != 0)
        {
            writer.Line("// the last, odd vector of the input, into the first sum");
            using (writer.Open(string.Empty))
            {
                Pass(Format(pairs * 2 * Lanes512), 1);
            }
        }

        foreach (int r in block)
        {
            string index = r == 0 ? "j" : "j + " + Format(r);
            foreach (string e in examples)
            {
                writer.Line("At(ref output" + e + ", " + index + ") = global::System.Runtime.Intrinsics.Vector512.Sum(s0" + Format(r) + e + " + s1" + Format(r) + e + ") + At(ref b, " + index + ");");
            }
        }
    }
}
