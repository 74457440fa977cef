using System;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// A working buffer that lives for one call of a generated method: on the stack up to
/// <see cref="StackLimitBytes"/>, otherwise in native memory (<c>NetCompiler.NativeScratch&lt;T&gt;</c>,
/// 64-byte aligned) freed by a <c>using</c> when the call is done, even if it throws. A huge
/// <c>stackalloc</c> could overflow the thread's stack, which ends the process; native memory is
/// outside the managed heap, so either way the call allocates nothing there, on the first call of a
/// thread as on every other. The generated code needs no <c>unsafe</c> context: the runtime type
/// holds the pointer. The code that uses the buffer is written inside, by <c>body</c>.
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
    /// zeroed (unless the project skips locals' initialisation) and native ones are not, so every
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

        string scratch = name + "Scratch";
        writer.Line("// " + count + " values are too many for the stack: native memory, freed when done");
        using (writer.Open("using (var " + scratch + " = new global::NetCompiler.NativeScratch<" + type + ">(" + count + "))"))
        {
            writer.Line(span + " = " + scratch + ".Span;");
            writer.Line(reference);
            body();
        }
    }
}
