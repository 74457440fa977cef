using System.Globalization;
using NetCompiler.Benchmarks.Implementations;

namespace NetCompiler.Benchmarks.Checking;

/// <summary>How one implementation of one workload compares with the reference interpreter.</summary>
public sealed record CheckResult(
    string Workload,
    Implementation Implementation,
    CheckStatus Status,
    double OutputError,
    double LossError,
    double Train1UpdateError,
    double Train32UpdateError,
    string? Message = null)
{
    public override string ToString() => Status switch
    {
        CheckStatus.NotSupported => $"{Workload} {Implementation,-16} NOT SUPPORTED  {Message}",
        _ => string.Format(
            CultureInfo.InvariantCulture,
            "{0} {1,-16} {2,-13} outputs {3:E2}  loss {4:E2}  train1 update {5:E2}  train32 update {6:E2}{7}",
            Workload,
            Implementation,
            Status == CheckStatus.Passed ? "ok" : "FAILED",
            OutputError,
            LossError,
            Train1UpdateError,
            Train32UpdateError,
            Message is null ? string.Empty : "  " + Message),
    };
}

public enum CheckStatus
{
    Passed,
    Failed,

    /// <summary>The implementation threw <see cref="System.NotSupportedException"/> (e.g. a layer the generator does not compile yet).</summary>
    NotSupported,
}
