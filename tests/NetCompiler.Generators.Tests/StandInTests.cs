using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using ApprovalTests;
using ApprovalTests.Namers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetCompiler.Generators.Tests.Weights;

namespace NetCompiler.Generators.Tests;

/// <summary>
/// A network whose declaration or weights file has errors gets a stand-in: the class with every
/// public member a network has, each of which throws. So the code that uses the class compiles,
/// and the NC errors at the attributes are the only errors of the build.
/// </summary>
[UseApprovalSubdirectory("Snapshots")]
public class StandInTests
{
    private const string WeightsPath = "/project/net.ncw";

    /// <summary>Every public member of a network, used as a program uses them (T: the element type).</summary>
    private const string Usage = """
        public static class Program
        {
            public static T Use<TNetwork>(T rate) where TNetwork : NetCompiler.INetwork<T> => TNetwork.Spec.Layers.Count + rate;

            public static T Run()
            {
                var net = new Net(seed: 1);
                NetCompiler.INetwork<T> other = new Net();
                T[] input = new T[Net.InputSize], output = new T[Net.OutputSize];
                net.Forward(input, output);
                net.Forward(input, output, 1);
                T loss = net.Backward(input, output) + net.Backward(input, output, 1);
                net.Backpropagate(output, input);
                net.Step(1);
                net.Step(1, weightDecay: 1);
                net.ZeroGradients();
                Net.Infer(new T[Net.ParameterCount], input, output);
                return loss + net.Parameters[0] + net.Gradients[0] + net.AccumulatedSamples + other.Parameters.Length + Use<Net>(1);
            }
        }
        """;

    public static TheoryData<string, string, string> Errors => new()
    {
        { "[Network] [Input(2)] [Dense(2, Activation.Softmax)] [Dense(1)]", "float", "NC0009" },
        { "[Network(Precision = Precision.Double)] [Input(1, 4, 4)] [MaxPool2D(3)] [Dense(2)]", "double", "NC0007" },
        { "[Network] [Dense(1)]", "float", "NC0002" },
        { "[Network(Precision = (Precision)3)] [Input(2)] [Dense(1)]", "float", "NC0015" },
        { "[Network(Weights = \"absent.ncw\")] [Input(2)] [Dense(1)]", "float", "NC0020" },
        { "[Network(Precision = Precision.Double, Weights = \"net.ncw\")] [Input(2)] [Dense(1)]", "double", "NC0021" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void CodeUsingEveryMemberReportsOnlyTheNCError(string attributes, string element, string id)
    {
        GeneratorRun run = Run(attributes + " public partial class Net { }\n" + Usage.Replace("T", element, StringComparison.Ordinal), "not a weights file");

        Assert.Equal(id, Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Empty(run.CompilationErrors);
        Assert.Contains("a stand-in whose members throw", Assert.Single(run.GeneratedSources), StringComparison.Ordinal);
    }

    [Fact]
    public void StandInCompilesInCSharp12()
    {
        // C# 12 is .NET 8's default, the oldest target the package supports.
        string source = "using NetCompiler;\n[Network] [Input(2)] [Dense(2, Activation.Softmax)] [Dense(1)] public partial class Net { }\n" + Usage.Replace("T", "float", StringComparison.Ordinal);
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(new CSharpParseOptions(LanguageVersion.CSharp12), source));

        Assert.Equal("NC0009", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Empty(run.CompilationErrors);
        Assert.Contains("a stand-in whose members throw", Assert.Single(run.GeneratedSources), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("float", null)]
    [InlineData("double", null)]
    [InlineData("float", "net.ncw")]
    public void StandInHasThePublicMembersOfTheNetwork(string element, string? weights)
    {
        string precision = element == "double" ? "Precision = Precision.Double" : "Precision = Precision.Single";
        string named = weights is null ? string.Empty : ", Weights = \"" + weights + "\"";
        string network = "[Network(" + precision + named + ")] [Input(2)] [Dense(3, Activation.Tanh)] [Dense(1)] public partial class Net { }";
        string file = weights is null ? string.Empty : EmbeddedWeightsTests.Save(Activator.CreateInstance(Run(network.Replace(named, string.Empty, StringComparison.Ordinal)).Load().GetType("Net")!)!);
        GeneratorRun valid = Run(network, file);
        GeneratorRun standIn = Run(network.Replace("[Input(2)]", "[Input(0)]", StringComparison.Ordinal), file);

        Assert.Empty(valid.GeneratorDiagnostics);
        Assert.Equal("NC0005", Assert.Single(standIn.GeneratorDiagnostics).Id);
        Assert.Equal(PublicSurface(valid), PublicSurface(standIn));
    }

    [Fact]
    public void EveryMemberThrowsNamingTheNetwork()
    {
        // A build with an NC error fails; where the error has been configured away, the stand-in runs.
        GeneratorRun run = Run("namespace Demo; [Network] [Input(2)] [Dense(2, Activation.Softmax)] [Dense(1)] public partial class Net { }", string.Empty);
        Type net = run.Load().GetType("Demo.Net")!;
        var network = (INetwork<float>)RuntimeHelpers.GetUninitializedObject(net);
        var reflected = new List<Action>
        {
            () => Activator.CreateInstance(net),
            () => net.GetProperty("Spec")!.GetValue(null),
            () => net.GetMethod("ZeroGradients")!.Invoke(network, null),
        };
        var direct = new List<Action>
        {
            () => network.Forward(new float[2], new float[1]),
            () => network.Backward(new float[2], new float[1]),
            () => network.Step(1),
            () => _ = network.Parameters.Length,
        };

        foreach (Exception thrown in reflected.Select(call => Assert.ThrowsAny<TargetInvocationException>(call).InnerException!)
            .Concat(direct.Select(call => Assert.ThrowsAny<Exception>(call))))
        {
            Assert.IsType<InvalidOperationException>(thrown);
            Assert.Contains("The network Demo.Net is declared with errors", thrown.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ClassWithNetworkOnTwoDeclarationsGetsOneFile()
    {
        GeneratorRun run = Run("[Network] [Input(2)] [Dense(1)] public partial class Net { }\n[Network] public partial class Net { }", string.Empty);

        Assert.Null(run.Result.Results.Single().Exception);
        Assert.Single(run.GeneratedSources);
    }

    [Fact]
    public void StandInSnapshot()
    {
        GeneratorRun run = Run(
            "namespace Demo.Models; public partial class Outer { [Network(Precision = Precision.Double, Weights = \"absent.ncw\")] [Input(4)] [Dense(3, Activation.Softmax)] public partial class Iris { } }",
            string.Empty);

        Assert.Empty(run.CompilationErrors);
        Approvals.VerifyWithExtension(GeneratedSnapshot.ScrubVersion(Assert.Single(run.GeneratedSources)), ".cs");
    }

    private static GeneratorRun Run(string source, string weightsFile) =>
        GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation("using NetCompiler;\n" + source),
            [new InMemoryAdditionalText(WeightsPath, weightsFile)]);

    private static GeneratorRun Run(string source) => GeneratorHarness.Run("using NetCompiler;\n" + source);

    /// <summary>The class's interfaces and public members (not constant values): what code using it can see.</summary>
    private static string[] PublicSurface(GeneratorRun run)
    {
        INamedTypeSymbol type = run.Output.GetTypeByMetadataName("Net")!;
        var format = new SymbolDisplayFormat(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
            memberOptions: SymbolDisplayMemberOptions.IncludeModifiers | SymbolDisplayMemberOptions.IncludeType | SymbolDisplayMemberOptions.IncludeParameters,
            parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName | SymbolDisplayParameterOptions.IncludeDefaultValue,
            propertyStyle: SymbolDisplayPropertyStyle.ShowReadWriteDescriptor);
        return type.AllInterfaces.Select(face => face.ToDisplayString(format))
            .Concat(type.GetMembers()
                .Where(member => member.DeclaredAccessibility == Accessibility.Public && !member.IsImplicitlyDeclared)
                .Select(member => member.Kind + " " + member.ToDisplayString(format)))
            .OrderBy(text => text, StringComparer.Ordinal)
            .ToArray();
    }
}
