using System.Globalization;

namespace NetCompiler;

/// <summary>One value where a network disagreed with the reference beyond tolerance.</summary>
public sealed class VerificationFailure
{
    internal VerificationFailure(string check, string location, int sample, double expected, double actual, double relativeDifference, double tolerance)
    {
        Check = check;
        Location = location;
        Sample = sample;
        Expected = expected;
        Actual = actual;
        RelativeDifference = relativeDifference;
        Tolerance = tolerance;
    }

    /// <summary>What was compared: "Forward output", "Backward parameter gradient", "finite-difference parameter gradient", ….</summary>
    public string Check { get; }

    /// <summary>Where: "output [1]", "layer 2 weight [3, 1]", "layer 1 bias [0]", "input [0, 2, 3]", "loss".</summary>
    public string Location { get; }

    /// <summary>The random example (0-based) the difference showed on; −1 for checks over the whole batch.</summary>
    public int Sample { get; }

    /// <summary>The reference value: the interpreter's, or the finite difference.</summary>
    public double Expected { get; }

    /// <summary>The network's value.</summary>
    public double Actual { get; }

    /// <summary>|Actual − Expected| / max(|Actual|, |Expected|, floor).</summary>
    public double RelativeDifference { get; }

    /// <summary>The bound it exceeded.</summary>
    public double Tolerance { get; }

    /// <summary>"Backward parameter gradient at layer 2 bias [0], sample 3: expected 0.1234, got 0 (relative difference 1 &gt; 1E-09)".</summary>
    public override string ToString() =>
        string.Format(
            CultureInfo.InvariantCulture,
            "{0} at {1}{2}: expected {3:G10}, got {4:G10} (relative difference {5:G3} > {6:G3})",
            Check,
            Location,
            Sample >= 0 ? ", sample " + Sample.ToString(CultureInfo.InvariantCulture) : ", batch",
            Expected,
            Actual,
            RelativeDifference,
            Tolerance);
}
