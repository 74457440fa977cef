using System;
using System.Collections.Generic;
using System.Linq;

namespace NetCompiler.Generators.Tests;

/// <summary>
/// Writes random network declarations from one seed, from plausible to badly wrong: attributes in any order,
/// missing or repeated, sizes from 0 to <see cref="int.MaxValue"/> and below zero, enum values
/// that are no member, truncated attribute text, arguments of the wrong type, weights files that
/// are missing or not paths, classes that are not partial, records, generic, static or nested, and
/// layers spread over partial declarations.
/// </summary>
internal sealed class MalformedDeclarations
{
    private static readonly string[] Sizes =
        { "0", "-1", "-7", "1", "2", "3", "4", "8", "16", "65536", "int.MaxValue", "int.MinValue", "1 << 20" };

    private static readonly string[] Activations =
    {
        "Activation.Identity", "Activation.Sigmoid", "Activation.Tanh", "Activation.ReLU", "Activation.LeakyReLU",
        "Activation.Softmax", "Activation.Step", "(Activation)42", "(Activation)(-1)", "(Activation)int.MaxValue", "0", "default",
    };

    private static readonly string[] Losses =
    {
        "LossFunction.MeanSquaredError", "LossFunction.CrossEntropy", "LossFunction.BinaryCrossEntropy",
        "(LossFunction)7", "(LossFunction)(-3)", "default",
    };

    private static readonly string[] Precisions = { "Precision.Single", "Precision.Double", "(Precision)2", "(Precision)(-1)" };

    private static readonly string[] Garbage =
    {
        "", "\"six\"", "1.5", "null", "typeof(int)", "new[] { 1 }", "units: 3", "activation: Activation.ReLU, units: 4",
        "Foo = 2", "1, 2, 3, 4, 5", "int.MaxValue + 1", "nameof(System.String)", "Activation.Nope", "(", "2,", "size: -1",
    };

    /// <summary>No weights file is among the compilation's additional files, so each of these is missing (or not a path).</summary>
    private static readonly string[] WeightsPaths = { "\"net.ncw\"", "\"\"", "null", "\"../../x.ncw\"", "\"C:\\\\w.ncw\"", "\"a/./b/../c.ncw\"", "42" };

    private static readonly string[] Names = { "Net", "NET", "Perceptron", "Classify2D", "Layers", "@event", "@class", "Ünïcode" };

    private readonly Random _random;

    /// <summary>How likely each kind of mistake is in the current compilation unit: 0 writes only plausible declarations.</summary>
    private double _malice;

    public MalformedDeclarations(int seed)
    {
        _random = new Random(seed);
    }

    /// <summary>A compilation unit with one to three network declarations.</summary>
    public string Next()
    {
        _malice = Pick(0.0, 0.3, 1.0);
        var unit = new List<string> { "using NetCompiler;", Pick("", "namespace Fuzz;", "namespace Fuzz.Deep;", "namespace @namespace.@event;") };
        int networks = _random.Next(1, 4);
        for (int i = 0; i < networks; i++)
        {
            unit.Add(Declaration(Pick(Names) + (Chance(0.5) ? string.Empty : (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        return string.Join("\n", unit);
    }

    private string Declaration(string name)
    {
        List<string> attributes = Attributes();
        string typeParameters = Mistake(0.1) ? "<T>" : string.Empty;
        string declaration;
        if (Mistake(0.1) && attributes.Count > 1)
        {
            // Several partial declarations, each with some of the attributes.
            int split = _random.Next(1, attributes.Count);
            declaration = TypeDeclaration(attributes.Take(split), name, typeParameters) + "\n"
                + TypeDeclaration(attributes.Skip(split), name, typeParameters);
        }
        else
        {
            declaration = TypeDeclaration(attributes, name, typeParameters);
        }

        return Chance(0.25) ? Container(declaration) : declaration;
    }

    private List<string> Attributes()
    {
        var attributes = new List<string>();
        if (!Mistake(0.1))
        {
            var named = new List<string>();
            if (Chance(0.3))
            {
                named.Add("Precision = " + (Mistake(0.3) ? Pick(Precisions) : Pick(Precisions.Take(2).ToArray())));
            }

            if (Chance(0.15))
            {
                named.Add("Weights = " + Pick(WeightsPaths));
            }

            attributes.Add(named.Count == 0 ? "Network" : "Network(" + string.Join(", ", named) + ")");
        }

        bool image = Chance(0.3);
        if (!Mistake(0.1))
        {
            attributes.Add(image ? "Input(" + Size() + ", " + Side() + ", " + Side() + ")" : "Input(" + Size() + ")");
        }

        int spatialLayers = image && !Mistake(0.2) ? _random.Next(0, 3) : 0;
        for (int i = 0; i < spatialLayers; i++)
        {
            attributes.Add(SpatialLayer());
        }

        int layers = Mistake(0.1) ? 0 : _random.Next(1, 4);
        for (int i = 0; i < layers; i++)
        {
            attributes.Add(Mistake(0.2) ? SpatialLayer() : "Dense(" + Size() + ", " + Activation() + ")");
        }

        if (Chance(0.4))
        {
            attributes.Add("Loss(" + (Mistake(0.3) ? Pick(Losses) : Pick(Losses.Take(3).ToArray())) + ")");
        }

        if (Mistake(0.15) && attributes.Count > 0)
        {
            attributes.Add(Pick(attributes.ToArray()));
        }

        if (Mistake(0.2))
        {
            attributes = attributes.OrderBy(_ => _random.Next()).ToList();
        }

        if (Mistake(0.15) && attributes.Count > 0)
        {
            int index = _random.Next(attributes.Count);
            attributes[index] = AttributeName(attributes[index]) + "(" + Pick(Garbage) + ")";
        }

        if (Mistake(0.1) && attributes.Count > 0)
        {
            int index = _random.Next(attributes.Count);
            attributes[index] = attributes[index].Substring(0, _random.Next(attributes[index].Length));
        }

        return attributes;
    }

    /// <summary>A convolution that keeps the image's size, or a 2×2 pooling, unless a mistake is due.</summary>
    private string SpatialLayer() =>
        Chance(0.5)
            ? "Conv2D(" + Size() + ", " + (Mistake(0.5) ? Size() + ", " + Activation() + ", Stride = " + Size() + ", Padding = " + Size() : "3, " + Activation() + ", Padding = 1") + ")"
            : "MaxPool2D(" + (Mistake(0.5) ? Size() + ", Stride = " + Size() : "2") + ")";

    /// <summary>An image side that 2×2 pooling divides twice, unless a mistake is due.</summary>
    private string Side() => Mistake(0.3) ? Size() : Pick("4", "8", "12");

    private string TypeDeclaration(IEnumerable<string> attributes, string name, string typeParameters)
    {
        string attributeText = Chance(0.2)
            ? "[" + string.Join(", ", attributes) + "]"
            : string.Concat(attributes.Select(attribute => "[" + attribute + "]\n"));
        string modifiers = Pick("public ", "internal ", "") + (Mistake(0.3) ? Pick("static ", "abstract ", "sealed ") : string.Empty) + (Mistake(0.15) ? string.Empty : "partial ");
        string kind = Mistake(0.3) ? Pick("record", "record class", "record struct", "struct") : "class";
        return attributeText + modifiers + kind + " " + name + typeParameters + " { public void Unrelated() { } }";
    }

    private string Container(string declaration)
    {
        string container = Mistake(0.5)
            ? Pick("public class Outer", "public partial class Outer<TOuter>")
            : Pick("public partial class Outer", "public partial struct Outer", "public partial record Outer", "public static partial class Outer", "public partial interface Outer");
        return container + "\n{\n" + declaration + "\n}";
    }

    private static string AttributeName(string attribute)
    {
        int parenthesis = attribute.IndexOf('(');
        return parenthesis < 0 ? attribute : attribute.Substring(0, parenthesis);
    }

    private string Size() => Mistake(0.4) ? Pick(Sizes) : _random.Next(1, 12).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string Activation() => Mistake(0.3) ? Pick(Activations) : Pick(Activations.Take(5).ToArray());

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private bool Mistake(double probability) => Chance(probability * _malice);

    private T Pick<T>(params T[] choices) => choices[_random.Next(choices.Length)];
}
