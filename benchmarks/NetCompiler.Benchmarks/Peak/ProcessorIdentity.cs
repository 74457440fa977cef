using System.Globalization;
using System.Runtime.Intrinsics.X86;
using System.Text;

namespace NetCompiler.Benchmarks.Peak;

/// <summary>
/// Which processor a run measured, from CPUID: its brand string and its family and model numbers.
/// The brand string of a cloud machine often names only the vendor's line ("AMD EPYC"), and that
/// line has meant cores of different generations on this kind of machine (family 26 model 2, Zen 5,
/// in the earlier runs that recorded it; family 25 model 17, Zen 4, in the twenty-second run), whose
/// caches and out-of-order windows differ enough to change the ratios.
/// </summary>
public static class ProcessorIdentity
{
    /// <summary>E.g. <c>AMD EPYC (x86 family 25 model 17)</c>; <c>not x86</c> elsewhere.</summary>
    public static string Describe()
    {
        if (!X86Base.IsSupported)
        {
            return "not x86";
        }

        (int signature, _, _, _) = X86Base.CpuId(1, 0);
        int baseFamily = (signature >> 8) & 0xF;
        int baseModel = (signature >> 4) & 0xF;
        int family = baseFamily == 0xF ? baseFamily + ((signature >> 20) & 0xFF) : baseFamily;
        int model = baseFamily is 0x6 or 0xF ? (((signature >> 16) & 0xF) << 4) | baseModel : baseModel;
        return string.Format(CultureInfo.InvariantCulture, "{0} (x86 family {1} model {2})", BrandString(), family, model);
    }

    private static string BrandString()
    {
        (int highestExtendedLeaf, _, _, _) = X86Base.CpuId(unchecked((int)0x80000000), 0);
        if ((uint)highestExtendedLeaf < 0x80000004)
        {
            return "unnamed processor";
        }

        var brand = new StringBuilder(48);
        for (uint leaf = 0x80000002; leaf <= 0x80000004; leaf++)
        {
            (int a, int b, int c, int d) = X86Base.CpuId(unchecked((int)leaf), 0);
            foreach (int register in new[] { a, b, c, d })
            {
                for (int shift = 0; shift < 32; shift += 8)
                {
                    char character = (char)((register >> shift) & 0xFF);
                    if (character != '\0')
                    {
                        brand.Append(character);
                    }
                }
            }
        }

        return brand.ToString().Trim();
    }
}
