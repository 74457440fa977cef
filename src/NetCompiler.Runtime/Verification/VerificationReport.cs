using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetCompiler;

/// <summary>
/// What <see cref="NetworkVerifier.Verify{TNetwork}"/> found: the largest differences between a
/// network and the <see cref="ReferenceInterpreter"/>, the largest finite-difference error, the
/// tolerances they were held to, and the first failures with their location.
/// </summary>
public sealed class VerificationReport
{
    internal VerificationReport(
        string networkName,
        NetworkSpec spec,
        int samples,
        VerificationTolerances tolerances,
        bool gradientsChecked,
        DifferenceTally outputs,
        DifferenceTally losses,
        DifferenceTally parameterGradients,
        DifferenceTally inputGradients,
        DifferenceTally finiteDifferences,
        int finiteDifferenceSkipped,
        IReadOnlyList<VerificationFailure> failures,
        int failureCount,
        IReadOnlyList<string> notes)
    {
        NetworkName = networkName;
        Spec = spec;
        Samples = samples;
        Tolerances = tolerances;
        GradientsChecked = gradientsChecked;
        MaxOutputAbsoluteDifference = outputs.MaxAbsolute;
        MaxOutputRelativeDifference = outputs.MaxRelative;
        MaxLossAbsoluteDifference = losses.MaxAbsolute;
        MaxLossRelativeDifference = losses.MaxRelative;
        MaxParameterGradientAbsoluteDifference = parameterGradients.MaxAbsolute;
        MaxParameterGradientRelativeDifference = parameterGradients.MaxRelative;
        MaxInputGradientAbsoluteDifference = inputGradients.MaxAbsolute;
        MaxInputGradientRelativeDifference = inputGradients.MaxRelative;
        MaxFiniteDifferenceRelativeError = finiteDifferences.MaxRelative;
        FiniteDifferenceChecks = finiteDifferences.Count;
        FiniteDifferenceSkipped = finiteDifferenceSkipped;
        Failures = failures;
        FailureCount = failureCount;
        Notes = notes;
    }

    /// <summary>Whether every comparison was within tolerance.</summary>
    public bool Passed => FailureCount == 0;

    /// <summary>The name of the network type that was verified.</summary>
    public string NetworkName { get; }

    /// <summary>The network's layers.</summary>
    public NetworkSpec Spec { get; }

    /// <summary>The number of random examples used.</summary>
    public int Samples { get; }

    /// <summary>The tolerances used, chosen by the network's precision.</summary>
    public VerificationTolerances Tolerances { get; }

    /// <summary>False for a network with a Step layer, which gets the forward comparison only.</summary>
    public bool GradientsChecked { get; }

    /// <summary>Largest |network − interpreter| over all outputs of Forward (one-example and batch).</summary>
    public double MaxOutputAbsoluteDifference { get; }

    /// <summary>Largest relative difference over all outputs of Forward.</summary>
    public double MaxOutputRelativeDifference { get; }

    /// <summary>Largest |network − interpreter| of the losses returned by Backward.</summary>
    public double MaxLossAbsoluteDifference { get; }

    /// <summary>Largest relative difference of the losses returned by Backward.</summary>
    public double MaxLossRelativeDifference { get; }

    /// <summary>Largest |network − interpreter| over the parameter gradients of Backward and Backpropagate.</summary>
    public double MaxParameterGradientAbsoluteDifference { get; }

    /// <summary>Largest relative difference over the parameter gradients of Backward and Backpropagate.</summary>
    public double MaxParameterGradientRelativeDifference { get; }

    /// <summary>Largest |network − interpreter| over the input gradients of Backpropagate.</summary>
    public double MaxInputGradientAbsoluteDifference { get; }

    /// <summary>Largest relative difference over the input gradients of Backpropagate.</summary>
    public double MaxInputGradientRelativeDifference { get; }

    /// <summary>Largest relative error of the network's parameter and input gradients against central finite differences.</summary>
    public double MaxFiniteDifferenceRelativeError { get; }

    /// <summary>How many gradient values were checked against finite differences.</summary>
    public int FiniteDifferenceChecks { get; }

    /// <summary>
    /// Finite differences left out because θ ± h fell on different pieces of a piecewise-linear
    /// function (a ReLU changing sign, a pooling window changing its maximum), where no derivative exists.
    /// </summary>
    public int FiniteDifferenceSkipped { get; }

    /// <summary>The first failures found (at most ten), in the order found.</summary>
    public IReadOnlyList<VerificationFailure> Failures { get; }

    /// <summary>The number of values that failed, including those not listed in <see cref="Failures"/>.</summary>
    public int FailureCount { get; }

    /// <summary>What was and was not checked (for example, a sampled subset of parameters).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>A readable multi-line summary.</summary>
    public override string ToString()
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendFormat(culture, "{0}: {1} ({2}, {3} samples)", NetworkName, Passed ? "PASSED" : "FAILED", Tolerances.Precision, Samples).AppendLine();
        text.Append("  network: ").Append(Spec).AppendLine();
        text.AppendFormat(
            culture,
            "  tolerances: interpreter {0:G3}, finite differences {1:G3} (step {2:G3}); relative difference = |a − b| / max(|a|, |b|, {3:G3})",
            Tolerances.Interpreter,
            Tolerances.FiniteDifference,
            Tolerances.FiniteDifferenceStep,
            Tolerances.RelativeFloor).AppendLine();
        text.AppendLine("  largest differences from the interpreter (absolute, relative):");
        Line(text, "outputs", MaxOutputAbsoluteDifference, MaxOutputRelativeDifference);
        if (GradientsChecked)
        {
            Line(text, "losses", MaxLossAbsoluteDifference, MaxLossRelativeDifference);
            Line(text, "parameter gradients", MaxParameterGradientAbsoluteDifference, MaxParameterGradientRelativeDifference);
            Line(text, "input gradients", MaxInputGradientAbsoluteDifference, MaxInputGradientRelativeDifference);
            text.AppendFormat(
                culture,
                "  finite differences: largest relative error {0:G3} over {1} values ({2} skipped at kinks)",
                MaxFiniteDifferenceRelativeError,
                FiniteDifferenceChecks,
                FiniteDifferenceSkipped).AppendLine();
        }

        foreach (string note in Notes)
        {
            text.Append("  note: ").Append(note).AppendLine();
        }

        if (!Passed)
        {
            text.AppendFormat(culture, "  {0} failure(s){1}:", FailureCount, FailureCount > Failures.Count ? ", the first " + Failures.Count.ToString(culture) : string.Empty).AppendLine();
            foreach (VerificationFailure failure in Failures)
            {
                text.Append("    ").Append(failure).AppendLine();
            }
        }

        return text.ToString().TrimEnd();
    }

    private static void Line(StringBuilder text, string name, double absolute, double relative) =>
        text.AppendFormat(CultureInfo.InvariantCulture, "    {0,-20} {1:E2}  {2:E2}", name, absolute, relative).AppendLine();
}

/// <summary>Largest absolute and relative differences of one kind of value, and how many were compared.</summary>
internal sealed class DifferenceTally
{
    public double MaxAbsolute { get; private set; }

    public double MaxRelative { get; private set; }

    public int Count { get; private set; }

    public void Add(double absolute, double relative)
    {
        Count++;
        MaxAbsolute = Larger(MaxAbsolute, absolute);
        MaxRelative = Larger(MaxRelative, relative);
    }

    // NaN wins, so that a NaN anywhere shows in the report.
    private static double Larger(double current, double value) =>
        double.IsNaN(current) || double.IsNaN(value) ? double.NaN : System.Math.Max(current, value);
}
