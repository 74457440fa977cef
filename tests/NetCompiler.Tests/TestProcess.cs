using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace NetCompiler.Tests;

/// <summary>
/// One run of this test assembly as a program (<see cref="TestProgram"/>) in a child process: the
/// rest of its environment inherited, so CI's runs without AVX or at other vector widths run the
/// child so too, with <paramref name="environment"/> set on top.
/// </summary>
public sealed class TestProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public TestProcess(string command, IReadOnlyDictionary<string, string> environment)
    {
        string assembly = typeof(TestProgram).Assembly.Location;
        var start = new ProcessStartInfo(DotnetHost(), new[] { assembly, command })
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + start.FileName);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The test program (" + command + ") did not finish within " + Timeout);
        }

        ExitCode = process.ExitCode;
        Error = error.GetAwaiter().GetResult();
        Lines = output.GetAwaiter().GetResult().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToArray();
    }

    public int ExitCode { get; }

    public string Error { get; }

    /// <summary>What the program printed, line by line.</summary>
    public IReadOnlyList<string> Lines { get; }

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
