namespace NetCompiler.Tests.Inlining;

/// <summary>
/// One decision the JIT reported while compiling a method: whether <see cref="Inliner"/>'s call to
/// <see cref="Inlinee"/> was written into the code, and if not, why. Methods are named
/// <c>Namespace.Type.Method</c>, nested types joined by <c>+</c>, as the runtime's events give them.
/// </summary>
public sealed record InlineDecision(string Root, string Inliner, string Inlinee, bool Inlined, string Reason)
{
    private const char Separator = '\t';

    /// <summary>Code of this repository: the runtime's and every generated network's (all in namespace NetCompiler).</summary>
    public bool InlineeIsOurs => Inlinee.StartsWith("NetCompiler.", System.StringComparison.Ordinal);

    /// <summary>A method that only throws, which the JIT keeps out of line on purpose (so the hot path stays small).</summary>
    public bool InlineeIsThrowHelper =>
        Inlinee[(Inlinee.LastIndexOf('.') + 1)..].StartsWith("Throw", System.StringComparison.Ordinal)
        || Reason.Contains("does not return", System.StringComparison.Ordinal);

    /// <summary>The decision as one line of text, for the probe process to print.</summary>
    public string ToLine() => string.Join(Separator, Root, Inliner, Inlinee, Inlined ? "inlined" : "not inlined", Reason);

    /// <summary>Reads a line <see cref="ToLine"/> wrote; null for any other line.</summary>
    public static InlineDecision? FromLine(string line)
    {
        string[] fields = line.Split(Separator);
        return fields.Length == 5 && fields[3] is "inlined" or "not inlined"
            ? new InlineDecision(fields[0], fields[1], fields[2], fields[3] == "inlined", fields[4])
            : null;
    }

    public override string ToString() => Inliner + " → " + Inlinee + (Inlined ? "" : " not inlined: " + Reason) + " (compiling " + Root + ")";
}
