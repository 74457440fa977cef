using System;

namespace NetCompiler.Tests.ActivationsTests;

/// <summary>Errors in units in the last place of the exact value's binade (subnormal spacing below the normals).</summary>
internal static class Ulp
{
    private static readonly double MinNormalSingle = Math.ScaleB(1.0, -126);
    private static readonly double MinNormalDouble = Math.ScaleB(1.0, -1022);

    /// <summary>|actual − exact| in float ulps; 0 for matching NaN or infinities, +∞ for any other mismatch of kind.</summary>
    public static double Error(float actual, double exact)
    {
        float rounded = (float)exact;
        if (double.IsNaN(exact) || float.IsInfinity(rounded))
        {
            return actual.Equals(rounded) ? 0 : double.PositiveInfinity;
        }

        double abs = Math.Abs(exact);
        double ulp = abs < MinNormalSingle ? Math.ScaleB(1.0, -149) : Math.ScaleB(1.0, Math.ILogB(abs) - 23);
        return float.IsFinite(actual) ? Math.Abs(actual - exact) / ulp : double.PositiveInfinity;
    }

    /// <summary>|actual − exact| in double ulps, as <see cref="Error(float, double)"/>.</summary>
    public static double Error(double actual, double exact)
    {
        if (double.IsNaN(exact) || double.IsInfinity(exact))
        {
            return actual.Equals(exact) ? 0 : double.PositiveInfinity;
        }

        double abs = Math.Abs(exact);
        double ulp = abs < MinNormalDouble ? double.Epsilon : Math.ScaleB(1.0, Math.ILogB(abs) - 52);
        return double.IsFinite(actual) ? Math.Abs(actual - exact) / ulp : double.PositiveInfinity;
    }
}
