using System.Runtime.Intrinsics.X86;

namespace NetCompiler;

/// <summary>
/// How one example's rows of a large layer are best read on this core, in the 512-bit form of
/// <see cref="DenseForward"/>: two rows side by side (two neighbouring streams of W) or one at a
/// time. Both give the same bits; only the speed of reading W from L2 differs. Measured on a Zen 4
/// core (CPUID family 19h), two rows read at the L2's rate, 116 GB/s, one row at 103 (W3's
/// 128 × 784 layer; benchmarks/HISTORY.md, twenty-fourth run); on a Zen 5 core (family 1Ah) one row at
/// a time read about 178 GB/s against 125–135 for two, W3's one example 2.2–2.3 µs against
/// 2.9–3.3 (thirty-sixth run). There, smaller layers read two rows faster, measured alone (W of
/// 128 KB: 64 × 64 and 128 × 128 doubles 18–29 % slower one row at a time, 64 × 512 floats 12–26 %;
/// 256 KB and more: 64 × 1,024 floats 9–12 % faster, 512 × 256 the same; W4's two layers of 256 KB,
/// 2.9–3.0 µs one row at a time against 3.9–4.3 in the network). So one row at a time on AMD family
/// 1Ah and later for a W of at least <see cref="OneAtATimeMinimumBytes"/>, two rows otherwise and on
/// every other core, including the cores not measured.
/// </summary>
internal static class RowStreams
{
    /// <summary>The smallest W, in bytes, that such a core reads one row at a time.</summary>
    private const int OneAtATimeMinimumBytes = 256 * 1024;

    /// <summary>Whether this core reads large layers' rows one at a time (see the class); fixed for the process.</summary>
    private static readonly bool CoreReadsOneRow = IsAmdFamilyAtLeast(0x1A);

    /// <summary>Whether one example's rows of a W of <paramref name="weightBytes"/> are read one at a time (see the class).</summary>
    public static bool OneAtATime(int weightBytes) => CoreReadsOneRow && weightBytes >= OneAtATimeMinimumBytes;

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
