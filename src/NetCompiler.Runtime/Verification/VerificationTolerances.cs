using System;

namespace NetCompiler;

/// <summary>
/// The bounds <see cref="NetworkVerifier"/> holds a network to. Every comparison uses the relative
/// difference |a − b| / max(|a|, |b|, <see cref="RelativeFloor"/>): relative for ordinary values, and
/// absolute (scaled by the floor) for values near zero, so that an exact zero against a rounding
/// residue of 10⁻¹⁷ does not count as a 100 % error.
/// </summary>
/// <remarks>
/// <para>
/// <b>Double precision.</b> The generated code and the interpreter compute the same formulas in the
/// same precision and may differ only by summation order (vectorised sums): for a sum of n terms of
/// size s that is at most about n·2⁻⁵³·s ≈ 10⁻¹³ for n ≈ 10³; hence <see cref="Interpreter"/> = 10⁻⁹
/// with a floor of 10⁻³ (values under 10⁻³ must agree to 10⁻¹² absolutely). The finite-difference
/// check of a central difference with step h = 10⁻⁵ has truncation error h²·|J‴|/6 ≈ 2·10⁻¹¹ and
/// rounding error about 2⁻⁵³·|J|/h ≈ 10⁻¹¹·|J|, so <see cref="FiniteDifference"/> = 10⁻⁶, with the
/// floor scaled by max(1, |J|) because the rounding error of J(θ + h) − J(θ − h) scales with J.
/// </para>
/// <para>
/// <b>Single precision.</b> The generated network computes in float (ε = 2⁻²⁴ ≈ 6·10⁻⁸) while the
/// interpreter computes the same float parameters and inputs in double. A dot product of n terms
/// then differs by up to about n·ε relative to the size of its terms (√n·ε typically), about 10⁻⁵
/// to 10⁻⁴ for the n ≤ 10³ of realistic layers, and the error compounds over a few layers; hence
/// <see cref="Interpreter"/> = <see cref="FiniteDifference"/> = 10⁻³ with a floor of 10⁻²
/// (values under 10⁻² must agree to 10⁻⁵ absolutely). A real bug — a missing bias gradient, a
/// transposed weight, a wrong derivative — changes the affected values by the order of the values
/// themselves, a relative difference near 1, which is still hundreds of times these bounds.
/// </para>
/// </remarks>
public sealed class VerificationTolerances
{
    private VerificationTolerances(string precision, double interpreter, double finiteDifference, double relativeFloor, double finiteDifferenceStep)
    {
        Precision = precision;
        Interpreter = interpreter;
        FiniteDifference = finiteDifference;
        RelativeFloor = relativeFloor;
        FiniteDifferenceStep = finiteDifferenceStep;
    }

    /// <summary>For networks computing in <see cref="double"/>: 10⁻⁹ against the interpreter, 10⁻⁶ against finite differences, floor 10⁻³.</summary>
    public static VerificationTolerances Double { get; } = new("double", 1e-9, 1e-6, 1e-3, 1e-5);

    /// <summary>For networks computing in <see cref="float"/>: 10⁻³ against the interpreter and finite differences, floor 10⁻².</summary>
    public static VerificationTolerances Single { get; } = new("float", 1e-3, 1e-3, 1e-2, 1e-5);

    /// <summary>"double" or "float".</summary>
    public string Precision { get; }

    /// <summary>The largest relative difference allowed between the network and the <see cref="ReferenceInterpreter"/>.</summary>
    public double Interpreter { get; }

    /// <summary>The largest relative error allowed between the network's gradients and central finite differences.</summary>
    public double FiniteDifference { get; }

    /// <summary>The floor of the denominator of relative differences (for finite differences, times max(1, |J|)).</summary>
    public double RelativeFloor { get; }

    /// <summary>The step h of the central differences (J(θ + h) − J(θ − h)) / 2h, computed in double.</summary>
    public double FiniteDifferenceStep { get; }

    /// <summary>|a − b| / max(|a|, |b|, floor).</summary>
    public static double RelativeDifference(double a, double b, double floor)
    {
        double difference = Math.Abs(a - b);
        if (double.IsNaN(difference))
        {
            return a.Equals(b) ? 0 : double.PositiveInfinity; // NaN against NaN agrees; NaN against a number does not
        }

        double scale = Math.Max(Math.Max(Math.Abs(a), Math.Abs(b)), floor);
        return difference == 0 ? 0 : difference / scale;
    }
}
