using System;
using System.Collections.Generic;
using System.Linq;
using NetCompiler.Tests.Networks;

namespace NetCompiler.Tests.Widths;

/// <summary>
/// A line per dense test network that stands for the exact bits of a short training run: five
/// examples one at a time, each with its <c>Step</c>, then a batch of 37 (a block of vector lanes and
/// more) with a step that has weight decay; the parameters after it, the batch's outputs and one
/// example's <c>Infer</c>, hashed bit by bit. Two processes that print the same line computed the
/// same bits.
/// </summary>
public static class TrainingFingerprint
{
    /// <summary>The argument that prints the lines (<c>dotnet NetCompiler.Tests.dll training-fingerprint</c>).</summary>
    public const string Command = "training-fingerprint";

    public static IReadOnlyList<string> Lines() =>
        DenseCases.All().Select(data => (DenseCases.NamedFactory)data[0]).Select(factory => Line(factory.Create())).ToArray();

    public static int Run()
    {
        foreach (string line in Lines())
        {
            Console.WriteLine(line);
        }

        return 0;
    }

    private static string Line(NetworkUnderTest network)
    {
        const int batch = 37;
        var random = new Random(27);
        int inputs = network.Spec.InputSize;
        for (int n = 0; n < 5; n++)
        {
            network.Backward(TestData.Uniform(random, inputs), TestData.Target(random, network.Spec));
            network.Step(0.1, 0);
        }

        double[] batchInputs = TestData.Uniform(random, batch * inputs);
        double[] batchTargets = Enumerable.Range(0, batch).SelectMany(_ => TestData.Target(random, network.Spec)).ToArray();
        network.Operations.BackwardBatch(batchInputs, batchTargets, batch);
        network.Step(0.1, 0.01);
        double[] outputs = network.Operations.ForwardBatch(batchInputs, batch);
        double[] inferred = network.Operations.Infer(network.Parameters, batchInputs[..inputs]);
        return network.Name + " " + Hash(network.Parameters.Concat(outputs).Concat(inferred)).ToString("X16");
    }

    private static ulong Hash(IEnumerable<double> values)
    {
        // FNV-1a over every value's bits
        ulong hash = 14695981039346656037;
        foreach (double value in values)
        {
            hash = (hash ^ (ulong)BitConverter.DoubleToInt64Bits(value)) * 1099511628211;
        }

        return hash;
    }
}
