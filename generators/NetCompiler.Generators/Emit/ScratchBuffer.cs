using System;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// A working buffer that lives for one call of a generated method: on the stack up to
/// <see cref="StackLimitBytes"/>, otherwise rented from <c>ArrayPool&lt;T&gt;.Shared</c> and given back
/// in a <c>finally</c>. A huge <c>stackalloc</c> could overflow the thread's stack, which ends the
/// process; the pool keeps the steady state free of allocation, though it allocates when it has no
/// array to give (the first call on a thread, or after it trimmed itself), which the contract's
/// "no allocation, ever" does not allow — hence the generous limit, which keeps every network whose
/// layers hold up to 16,384 floats on the stack. The code that uses the buffer is written inside, by <c>body</c>.
/// </summary>
internal static class ScratchBuffer
{
    /// <summary>
    /// The largest buffer put on the stack, in bytes. At most two such buffers (â and dJ/dâ) plus
    /// <c>Infer</c>'s halves are live at once, well inside a 1 MB thread stack.
    /// </summary>
    public const int StackLimitBytes = 64 * 1024;

    /// <summary>
    /// Declares <c>Span&lt;type&gt; {name}Buffer</c> of <paramref name="length"/> values and
    /// <c>ref type {name}</c> to its first, then writes <paramref name="body"/>. Stack buffers are
    /// zeroed (unless the project skips locals' initialisation) and pooled ones are not, so every
    /// user clears or writes what it reads.
    /// </summary>
    public static void Emit(SourceWriter writer, string type, int elementSize, string name, int length, Action body)
    {
        string span = "global::System.Span<" + type + "> " + name + "Buffer";
        string count = LayerEmitter.Format(length);
        string reference = "ref " + type + " " + name + " = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(" + name + "Buffer);";
        if ((long)length * elementSize <= StackLimitBytes)
        {
            writer.Line(span + " = stackalloc " + type + "[" + count + "];");
            writer.Line(reference);
            body();
            return;
        }

        string pool = "global::System.Buffers.ArrayPool<" + type + ">.Shared";
        writer.Line("// " + count + " values are too many for the stack: a pooled array, given back when done");
        writer.Line(type + "[] " + name + "Array = " + pool + ".Rent(" + count + ");");
        using (writer.Open("try"))
        {
            writer.Line(span + " = new global::System.Span<" + type + ">(" + name + "Array, 0, " + count + ");");
            writer.Line(reference);
            body();
        }

        using (writer.Open("finally"))
        {
            writer.Line(pool + ".Return(" + name + "Array);");
        }
    }
}
