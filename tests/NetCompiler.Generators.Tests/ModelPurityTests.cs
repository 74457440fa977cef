using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace NetCompiler.Generators.Tests;

/// <summary>
/// No value that travels through the pipeline can hold a symbol, syntax, a location, a semantic
/// model or a compilation: those never compare equal across runs, so they would break caching and
/// keep whole compilations alive.
/// </summary>
public class ModelPurityTests
{
    private static readonly Type[] Banned =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(SemanticModel), typeof(Compilation),
    };

    [Fact]
    public void PipelineValuesHoldNoCompilerObjects()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using NetCompiler;
            [Network]
            [Input(2)]
            [Dense(2, Activation.Step)]
            public partial class Perceptron { }
            """);
        // Only the generator's own named steps: Roslyn's internal steps of ForAttributeWithMetadataName hold syntax by design.
        HashSet<string> ownSteps = typeof(TrackingNames).GetFields().Select(field => (string)field.GetRawConstantValue()!).ToHashSet();
        IEnumerable<Type> stepOutputs = run.Result.Results.Single().TrackedSteps
            .Where(step => ownSteps.Contains(step.Key))
            .SelectMany(step => step.Value)
            .SelectMany(step => step.Outputs)
            .Select(output => output.Value.GetType());
        IEnumerable<Type> modelTypes = typeof(NetworkGenerator).Assembly.GetTypes()
            .Where(type => type.Namespace == typeof(Model.NetworkModel).Namespace && !type.IsGenericTypeDefinition);

        var offences = new List<string>();
        var visited = new HashSet<Type>();
        foreach (Type type in stepOutputs.Concat(modelTypes).Distinct())
        {
            Walk(type, type.Name, visited, offences);
        }

        Assert.Contains(typeof(Model.NetworkModel), visited);
        Assert.Contains(typeof(Model.ParseResult), visited);
        Assert.Empty(offences);
    }

    /// <summary>Visits every field reachable from <paramref name="type"/>, recording the paths that end in a banned type.</summary>
    private static void Walk(Type type, string path, HashSet<Type> visited, List<string> offences)
    {
        if (Banned.Any(banned => banned.IsAssignableFrom(type)))
        {
            offences.Add(path + " : " + type.FullName);
            return;
        }

        if (!visited.Add(type))
        {
            return;
        }

        if (type.IsArray)
        {
            Walk(type.GetElementType()!, path + "[]", visited, offences);
            return;
        }

        foreach (Type argument in type.IsGenericType ? type.GetGenericArguments() : Type.EmptyTypes)
        {
            Walk(argument, path + "<" + argument.Name + ">", visited, offences);
        }

        // Roslyn's and the framework's own types are checked as wholes, not taken apart.
        if (type.Assembly != typeof(NetworkGenerator).Assembly)
        {
            return;
        }

        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Walk(field.FieldType, path + "." + field.Name, visited, offences);
        }
    }
}
