using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetCompiler.Generators.Tests;

/// <summary>
/// A network of small dense layers runs one example's <c>Forward</c> and <c>Infer</c> as one piece
/// of code: every method they call, in the generated code and in the runtime, down to the
/// arithmetic, is marked <c>AggressiveInlining</c>. The JIT raises its inlining budget for each such
/// inline only while every caller above it is one too; a single method without the mark
/// (<c>ForwardOne</c> had none, later <c>Infer</c>'s <c>ForwardThrough</c>) made everything below it
/// count against the budget, which ran out in a five-layer network, and its layers, tanh and
/// exponential became calls (60 ns an example instead of 50 by stopwatch). What the JIT makes of
/// the marks is checked by NetCompiler.Tests' <c>JitInliningTests</c>.
/// </summary>
public class ForwardInliningTests
{
    [Theory]
    [InlineData("[Network] [Input(2)] [Dense(6, Activation.Tanh)] [Dense(2, Activation.Tanh)] [Dense(2, Activation.Softmax)] [Loss(LossFunction.CrossEntropy)]")]
    [InlineData("[Network] [Input(2)] [Dense(6, Activation.Tanh)] [Dense(6, Activation.Tanh)] [Dense(4, Activation.Tanh)] [Dense(2, Activation.Tanh)] [Dense(2, Activation.Softmax)] [Loss(LossFunction.CrossEntropy)]")]
    [InlineData("[Network] [Input(4)] [Dense(8, Activation.ReLU)] [Dense(3, Activation.Sigmoid)]")]
    [InlineData("[Network(Precision = Precision.Double)] [Input(3)] [Dense(5, Activation.Tanh)] [Dense(2)]")]
    public void EveryMethodOneExampleForwardCallsIsInlined(string attributes)
    {
        GeneratorRun run = GeneratorHarness.Run("using NetCompiler; " + attributes + " public partial class Small { }");
        Assert.Empty(run.CompilationErrors);
        Compilation compilation = run.Output;
        INamedTypeSymbol network = compilation.GetTypeByMetadataName("Small")!;
        IMethodSymbol forward = network.GetMembers("Forward").OfType<IMethodSymbol>().Single(method => method.Parameters.Length == 2);
        IMethodSymbol infer = network.GetMembers("Infer").OfType<IMethodSymbol>().Single();

        var notInlined = new List<string>();
        var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<IMethodSymbol>(Callees(compilation, forward).Concat(Callees(compilation, infer)));
        while (pending.Count > 0)
        {
            IMethodSymbol callee = pending.Pop();
            if (!seen.Add(callee.OriginalDefinition) || IsErrorPath(callee) || !IsOurs(callee))
            {
                continue;
            }

            if ((callee.MethodImplementationFlags & MethodImplAttributes.AggressiveInlining) == 0)
            {
                notInlined.Add(callee.ContainingType.Name + "." + callee.Name);
            }

            foreach (IMethodSymbol next in Callees(compilation, callee))
            {
                pending.Push(next);
            }
        }

        Assert.True(seen.Count > 5, "the walk found only " + seen.Count + " methods");
        Assert.Empty(notInlined);
    }

    /// <summary>The methods (and property getters) a generated method's body calls; none for a runtime method, whose body is not source here.</summary>
    private static IEnumerable<IMethodSymbol> Callees(Compilation compilation, IMethodSymbol method)
    {
        foreach (SyntaxReference reference in method.OriginalDefinition.DeclaringSyntaxReferences)
        {
            SyntaxNode body = reference.GetSyntax();
            SemanticModel model = compilation.GetSemanticModel(body.SyntaxTree);
            foreach (SyntaxNode node in body.DescendantNodes().Where(node => node is InvocationExpressionSyntax or MemberAccessExpressionSyntax or IdentifierNameSyntax))
            {
                ISymbol? symbol = model.GetSymbolInfo(node).Symbol;
                if (symbol is IMethodSymbol called)
                {
                    yield return called;
                }
                else if (symbol is IPropertySymbol { GetMethod: { } getter } && node.Parent is not AssignmentExpressionSyntax)
                {
                    yield return getter;
                }
            }
        }
    }

    /// <summary>This project's code: the generated class and the NetCompiler runtime (the BCL's own methods are the JIT's business).</summary>
    private static bool IsOurs(IMethodSymbol method) =>
        method.ContainingAssembly.Name is "NetCompiler.Runtime" || method.DeclaringSyntaxReferences.Length > 0;

    /// <summary>Throw helpers, which the JIT keeps out of line on purpose.</summary>
    private static bool IsErrorPath(IMethodSymbol method) =>
        method.Name.StartsWith("Throw", System.StringComparison.Ordinal)
        || method.GetAttributes().Any(attribute => attribute.AttributeClass?.Name == "DoesNotReturnAttribute");
}
