using System;
using NetCompiler.Tests.Inlining;
using NetCompiler.Tests.Widths;

namespace NetCompiler.Tests;

/// <summary>
/// The test assembly as a program, which tests start in a process of their own to see what one
/// process cannot: the JIT's inlining decisions without tiered compilation
/// (<see cref="InliningProbe"/>, on one example or on batches), and training at another width of <c>Vector&lt;T&gt;</c>
/// (<see cref="TrainingFingerprint"/>).
/// </summary>
public static class TestProgram
{
    public static int Main(string[] args) =>
        args switch
        {
            [InliningProbe.Command] => InliningProbe.Run(batches: false),
            [InliningProbe.BatchCommand] => InliningProbe.Run(batches: true),
            [TrainingFingerprint.Command] => TrainingFingerprint.Run(),
            _ => Usage(),
        };

    private static int Usage()
    {
        Console.Error.WriteLine("This is a test assembly; run it with dotnet test. As a program it takes one argument: "
            + InliningProbe.Command + ", " + InliningProbe.BatchCommand + " or " + TrainingFingerprint.Command);
        return 2;
    }
}
