using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace NetCompiler.Tests.Inlining;

/// <summary>
/// One run of <see cref="InliningProbe"/> in a child process without tiered compilation (the rest
/// of its environment inherited, so the CI runs without AVX or at other vector widths probe those
/// too): the decisions it printed.
/// </summary>
public sealed class InliningProbeRun
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public InliningProbeRun()
    {
        string assembly = typeof(InliningProbe).Assembly.Location;
        var start = new ProcessStartInfo(DotnetHost(), new[] { assembly, InliningProbe.Command })
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_TieredCompilation"] = "0";
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + start.FileName);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The inlining probe did not finish within " + Timeout);
        }

        ExitCode = process.ExitCode;
        Error = error.GetAwaiter().GetResult();
        Decisions = output.GetAwaiter().GetResult()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => InlineDecision.FromLine(line.TrimEnd('\r')))
            .OfType<InlineDecision>()
            .ToArray();
    }

    public int ExitCode { get; }

    public string Error { get; }

    public IReadOnlyList<InlineDecision> Decisions { get; }

    /// <summary>The decisions made while compiling <paramref name="root"/> (Namespace.Type.Method) as a method of its own.</summary>
    public IReadOnlyList<InlineDecision> Compiling(string root) => Decisions.Where(decision => decision.Root == root).ToArray();

    /// <summary>The dotnet host running these tests (the test host is started by it), else the one on the PATH.</summary>
    private static string DotnetHost()
    {
        string? current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }
}
