using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NetCompiler.Generators.Tests;

/// <summary>
/// The pipeline caches: an edit that does not touch a network's attributes leaves its model (or the
/// stand-in of a network with errors) equal and its source output cached; a change of a layer
/// reruns the emitter and changes the code.
/// </summary>
public class IncrementalCachingTests
{
    private const string NetworkSource = """
        using NetCompiler;

        namespace Demo;

        public static class Helpers
        {
            public static int Twice(int x) => 2 * x;
        }

        [Network]
        [Input(2)]
        [Dense(6, Activation.Tanh)]
        [Dense(2, Activation.Softmax)]
        [Loss(LossFunction.CrossEntropy)]
        public partial class Classify2D { }
        """;

    [Fact]
    public void NewUnrelatedFileKeepsEverythingCached()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(NetworkSource);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        GeneratorRunResult rerun = driver
            .RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public class Unrelated { }", GeneratorHarness.ParseOptions)))
            .GetRunResult().Results.Single();

        AssertAll(rerun, TrackingNames.Model, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertSourceOutputCached(rerun);
    }

    [Fact]
    public void EditedMethodBodyInTheSameFileLeavesTheModelUnchanged()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(NetworkSource);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        GeneratorRunResult rerun = driver
            .RunGenerators(Edit(compilation, "2 * x", "x + x + 1"))
            .GetRunResult().Results.Single();

        // The file changed, so the class is parsed again (its diagnostics' positions may move), but
        // the model it gives is equal: nothing after it runs again.
        AssertAll(rerun, TrackingNames.Model, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertSourceOutputCached(rerun);
    }

    [Fact]
    public void ChangedLayerRegeneratesTheCode()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(NetworkSource);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        string before = driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString();

        GeneratorRunResult rerun = driver
            .RunGenerators(Edit(compilation, "[Dense(6, Activation.Tanh)]", "[Dense(7, Activation.Tanh)]"))
            .GetRunResult().Results.Single();

        AssertAll(rerun, TrackingNames.Model, IncrementalStepRunReason.Modified);
        string after = rerun.GeneratedSources.Single().SourceText.ToString();
        Assert.NotEqual(before, after);
        Assert.Contains("Dense(7, Tanh)", after, System.StringComparison.Ordinal);
    }

    [Fact]
    public void StandInStaysCachedUntilTheDeclarationIsFixed()
    {
        CSharpCompilation compilation = Edit(GeneratorHarness.CreateCompilation(NetworkSource), "[Dense(6, Activation.Tanh)]", "[Dense(6, Activation.Softmax)]");
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.Contains("a stand-in whose members throw", driver.GetRunResult().GeneratedTrees.Single().ToString(), System.StringComparison.Ordinal);

        GeneratorRunResult unrelated = driver
            .RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public class Unrelated { }", GeneratorHarness.ParseOptions)))
            .GetRunResult().Results.Single();
        // The stand-in is equal, so it is not written again (its diagnostic is reported again, as
        // every diagnostic is on a new compilation, whose trees place it).
        AssertAll(unrelated, TrackingNames.StandIn, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);

        GeneratorRunResult fixedUp = driver
            .RunGenerators(Edit(compilation, "[Dense(6, Activation.Softmax)]", "[Dense(6, Activation.Tanh)]"))
            .GetRunResult().Results.Single();
        string code = fixedUp.GeneratedSources.Single().SourceText.ToString();
        Assert.DoesNotContain("stand-in", code, System.StringComparison.Ordinal);
        Assert.Contains("Dense(6, Tanh)", code, System.StringComparison.Ordinal);
    }

    private static CSharpCompilation Edit(CSharpCompilation compilation, string oldText, string newText)
    {
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        string text = tree.GetText().ToString();
        Assert.Contains(oldText, text, System.StringComparison.Ordinal);
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text.Replace(oldText, newText, System.StringComparison.Ordinal))));
    }

    private static void AssertAll(GeneratorRunResult result, string stepName, params IncrementalStepRunReason[] expected)
    {
        IncrementalStepRunReason[] reasons = result.TrackedSteps[stepName]
            .SelectMany(step => step.Outputs)
            .Select(output => output.Reason)
            .ToArray();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, reason => Assert.Contains(reason, expected));
    }

    private static void AssertSourceOutputCached(GeneratorRunResult result) =>
        Assert.All(
            result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
}
