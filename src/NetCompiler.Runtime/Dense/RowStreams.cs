using System.Runtime.Intrinsics.X86;

namespace NetCompiler;

/// <summary>
/// How one example's rows of a large layer are best read on this core, in the 512-bit form of
/// <see cref="DenseForward"/>: two rows side by side (two neighbouring streams of W) or one at a
/// time. Both give the same bits; only the speed of reading W from L2 differs. Measured on a Zen 4
/// core (CPUID family 19h), two rows read at the L2's rate, 116 GB/s, one row at 103 (W3's
/// 128 × 784 layer; benchmarks/HISTORY.md, twenty-fourth run); on a Zen 5 core (family 1Ah) one row at
/// a time read about 178 GB/s against 125–135 for two, W3's one example 2.2–2.3 µs against
/// 2.9–3.3 (thirty-sixth run). So one row at a time on AMD family 1Ah and later, two rows on every
/// other core, including the cores not measured.
/// </summary>
internal static class RowStreams
{
    /// <summary>Whether one example's rows are read one at a time (see the class); fixed for the process.</summary>
    public static readonly bool OneAtATime = IsAmdFamilyAtLeast(0x1A);

    /// <summary>Whether this is an AMD x86 core whose CPUID family (base plus extended) is at least <paramref name="family"/>.</summary>
    private static bool IsAmdFamilyAtLeast(int family)
    {
        if (!X86Base.IsSupported)
        {
            return false;
        }

        // vendor "AuthenticAMD" in EBX, EDX, ECX of leaf 0
        (_, int ebx, int ecx, int edx) = X86Base.CpuId(0, 0);
        if (ebx != 0x68747541 || edx != 0x69746E65 || ecx != 0x444D4163)
        {
            return false;
        }

        // leaf 1, EAX: base family in bits 8–11, extended family (added when the base is 0Fh) in bits 20–27
        int eax = X86Base.CpuId(1, 0).Eax;
        int baseFamily = (eax >> 8) & 0xF;
        int actualFamily = baseFamily == 0xF ? baseFamily + ((eax >> 20) & 0xFF) : baseFamily;
        return actualFamily >= family;
    }
}
