using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace NetCompiler.Generators.Tests;

/// <summary>
/// Every class gets one file whose name no other file shares ignoring case (Roslyn compares the
/// names so, and a second file of one name stops the generator): classes whose full names differ
/// only in case each get their file, and two classes of the very same full name none.
/// </summary>
public class HintNameTests
{
    [Fact]
    public void NetworksWhoseNamesDifferOnlyInCaseEachGetTheirCode()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using NetCompiler;
            namespace Demo;
            [Network] [Input(2)] [Dense(1)] public partial class Net { }
            [Network] [Input(3)] [Dense(2)] public partial class NET { }
            [Network] [Input(4)] [Dense(3)] public partial class Other { }
            """);

        Assert.Null(run.Result.Results.Single().Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationErrors);
        string[] names = run.Result.Results.Single().GeneratedSources.Select(source => source.HintName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["Demo.NET.1.g.cs", "Demo.Net.2.g.cs", "Demo.Other.g.cs"], names);
        Type[] types = [.. new[] { "Demo.Net", "Demo.NET" }.Select(run.Load().GetType).Select(type => type!)];
        Assert.Equal([2, 3], types.Select(type => (int)type.GetField("InputSize")!.GetValue(null)!));
    }

    [Fact]
    public void NetworkAndStandInWhoseNamesDifferOnlyInCaseEachGetAFile()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using NetCompiler;
            [Network] [Input(2)] [Dense(1)] public partial class Net { }
            [Network] [Input(2)] [Dense(2, Activation.Softmax)] [Dense(1)] public partial class NET { }
            """);

        Assert.Null(run.Result.Results.Single().Exception);
        Assert.Equal("NC0009", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Empty(run.CompilationErrors);
        Assert.Equal(2, run.GeneratedSources.Count);
    }

    [Fact]
    public void TwoClassesOfOneFullNameGetNoFile()
    {
        // Outer declared as a record and as a struct: two types, each with its own Outer.Net, both valid networks.
        GeneratorRun run = GeneratorHarness.Run("""
            using NetCompiler;
            public partial record Outer { [Network] [Input(2)] [Dense(1)] public partial class Net { } }
            public partial struct Outer { [Network] [Input(3)] [Dense(1)] public partial class Net { } }
            [Network] [Input(2)] [Dense(1)] public partial class Alone { }
            """);

        Assert.Null(run.Result.Results.Single().Exception);
        Assert.DoesNotContain(run.Output.GetDiagnostics(), diagnostic => diagnostic.Id is "CS8785" or "AD0001");
        Assert.Equal("Alone.g.cs", run.Result.Results.Single().GeneratedSources.Single().HintName);
        Assert.Contains(run.CompilationErrors, error => error.Id == "CS0261");
    }
}
