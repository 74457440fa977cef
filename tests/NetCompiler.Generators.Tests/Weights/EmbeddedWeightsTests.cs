using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NetCompiler.Generators.Tests.Weights;

/// <summary>
/// Train, save, embed, ship: a network trained and saved with NetworkWeights, then compiled with
/// [Network(Weights = …)], starts from exactly the trained parameters; bad files are compile errors.
/// </summary>
public class EmbeddedWeightsTests
{
    private const string Layers = """
        [Input(2)]
        [Dense(4, Activation.Tanh)]
        [Dense(1, Activation.Sigmoid)]
        [Loss(LossFunction.BinaryCrossEntropy)]
        """;

    private const string WeightsPath = "/project/models/xor.ncw";

    [Fact]
    public void EmbeddedNetworkComputesWhatTheTrainedNetworkComputed()
    {
        INetwork<float> trained = Instantiate(Compile(Declaration(weights: null)));
        float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
        float[] targets = [0, 1, 1, 0];
        for (int epoch = 0; epoch < 500; epoch++)
        {
            trained.Backward(inputs, targets, 4);
            trained.Step(0.5f);
        }

        string file = Save(trained);
        GeneratorRun run = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation(Declaration("models/xor.ncw")),
            [new InMemoryAdditionalText(WeightsPath, file)]);
        Assert.Empty(run.GeneratorDiagnostics);
        Assembly assembly = run.Load();
        INetwork<float> shipped = Instantiate(assembly);

        Assert.Equal(trained.Parameters.ToArray(), shipped.Parameters.ToArray());
        var embedded = (float[])assembly.GetType("Demo.Xor")!.GetMethod("EmbeddedCopy", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null)!;
        Assert.Equal(trained.Parameters.ToArray(), embedded);
        var expected = new float[4];
        var actual = new float[4];
        trained.Forward(inputs, expected, 4);
        shipped.Forward(inputs, actual, 4);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void MissingFileIsNC0020AtTheWeightsArgument()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Declaration("models/absent.ncw")), []);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("NC0020", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("Weights = \"models/absent.ncw\"", SourceAt(diagnostic));
        Assert.Contains("AdditionalFiles", diagnostic.GetMessage());
    }

    [Fact]
    public void CorruptFileIsNC0021()
    {
        string file = Save(Instantiate(Compile(Declaration(weights: null))));
        int values = file.IndexOf("Values:", StringComparison.Ordinal) + "Values:".Length + 3;
        string corrupt = file[..values] + (file[values] == 'A' ? 'B' : 'A') + file[(values + 1)..];

        Diagnostic diagnostic = Assert.Single(RunWith(corrupt).GeneratorDiagnostics);
        Assert.Equal("NC0021", diagnostic.Id);
        Assert.Contains("checksum", diagnostic.GetMessage(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TruncatedFileIsNC0021()
    {
        string file = Save(Instantiate(Compile(Declaration(weights: null))));
        Diagnostic diagnostic = Assert.Single(RunWith(file[..(file.Length / 2)]).GeneratorDiagnostics);
        Assert.Equal("NC0021", diagnostic.Id);
    }

    [Fact]
    public void FileOfAnotherStructureIsNC0022()
    {
        string other = Save(Instantiate(Compile(Declaration(weights: null, layers: Layers.Replace("Dense(4, Activation.Tanh)", "Dense(4, Activation.ReLU)")))));
        Diagnostic diagnostic = Assert.Single(RunWith(other).GeneratorDiagnostics);
        Assert.Equal("NC0022", diagnostic.Id);
        Assert.Contains("ReLU", diagnostic.GetMessage());
    }

    [Fact]
    public void FileOfAnotherPrecisionIsNC0022()
    {
        Assembly doublePrecision = Compile(Declaration(weights: null).Replace("[Network]", "[Network(Precision = Precision.Double)]"));
        object network = Activator.CreateInstance(doublePrecision.GetType("Demo.Xor")!)!;
        Diagnostic diagnostic = Assert.Single(RunWith(Save(network)).GeneratorDiagnostics);
        Assert.Equal("NC0022", diagnostic.Id);
        Assert.Contains("Double", diagnostic.GetMessage());
    }

    [Fact]
    public void EditingTheWeightsFileRegeneratesOnlyTheNetworkThatEmbedsIt()
    {
        string first = Save(Instantiate(Compile(Declaration(weights: null))));
        INetwork<float> retrained = Instantiate(Compile(Declaration(weights: null)));
        retrained.Parameters[0] += 1;
        string second = Save(retrained);

        const string bystander = """
            using NetCompiler;
            namespace Demo;
            [Network]
            [Input(3)]
            [Dense(2)]
            public partial class Bystander { }
            """;
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Declaration("models/xor.ncw"), bystander);
        var original = new InMemoryAdditionalText(WeightsPath, first);
        GeneratorDriver driver = GeneratorHarness.CreateDriver([original]).RunGenerators(compilation);
        driver = driver.ReplaceAdditionalText(original, new InMemoryAdditionalText(WeightsPath, second)).RunGenerators(compilation);

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        IncrementalStepRunReason[] weights = result.TrackedSteps["Weights"].SelectMany(step => step.Outputs).Select(output => output.Reason).ToArray();
        Assert.Contains(IncrementalStepRunReason.Modified, weights);
        Assert.Contains(IncrementalStepRunReason.Unchanged, weights);
        Assert.All(result.TrackedSteps["Model"].SelectMany(step => step.Outputs), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        Assert.Contains("1.", result.GeneratedSources.Single(source => source.HintName.Contains("Xor")).SourceText.ToString());
    }

    private static string Declaration(string? weights, string layers = Layers) => $$"""
        using NetCompiler;
        namespace Demo;
        [Network{{(weights is null ? string.Empty : $"(Weights = \"{weights}\")")}}]
        {{layers}}
        public partial class Xor
        {
            public static float[] EmbeddedCopy() => {{(weights is null ? "new float[0]" : "EmbeddedParameters.ToArray()")}};
        }
        """;

    private static GeneratorRun RunWith(string weightsFile) =>
        GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation(Declaration("models/xor.ncw")),
            [new InMemoryAdditionalText(WeightsPath, weightsFile)]);

    private static Assembly Compile(string source) => GeneratorHarness.Run(source).Load();

    private static INetwork<float> Instantiate(Assembly assembly) =>
        (INetwork<float>)Activator.CreateInstance(assembly.GetType("Demo.Xor")!)!;

    /// <summary>NetworkWeights.Save for a network whose type is only known at run time.</summary>
    internal static string Save(object network)
    {
        using var stream = new MemoryStream();
        MethodInfo save = typeof(NetworkWeights).GetMethods()
            .Single(method => method.Name == nameof(NetworkWeights.Save) && method.IsGenericMethodDefinition && method.GetParameters()[0].ParameterType == typeof(Stream));
        save.MakeGenericMethod(network.GetType()).Invoke(null, [stream, network]);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string SourceAt(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
}
