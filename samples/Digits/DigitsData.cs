using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace Digits;

/// <summary>
/// The 1,797 8×8 handwritten digits of the UCI "Optical Recognition of Handwritten Digits" data
/// set (E. Alpaydin, C. Kaynak, 1998, CC BY 4.0): gzip CSV, each row 64 pixels 0…16 row-major and
/// then the label 0…9. Pixels are scaled to [0, 1]; targets are one-hot.
/// </summary>
internal sealed class DigitsData
{
    public const int Pixels = 64;
    public const int Classes = 10;

    private DigitsData(float[] images, float[] targets, int[] labels)
    {
        Images = images;
        Targets = targets;
        Labels = labels;
    }

    /// <summary>Every image, back to back, 64 values each.</summary>
    public float[] Images { get; }

    /// <summary>One-hot targets, back to back, 10 values each.</summary>
    public float[] Targets { get; }

    public int[] Labels { get; }

    public int Count => Labels.Length;

    public static DigitsData Load(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var images = new System.Collections.Generic.List<float>();
        var labels = new System.Collections.Generic.List<int>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0)
            {
                continue;
            }

            string[] fields = line.Split(',');
            if (fields.Length != Pixels + 1)
            {
                throw new InvalidDataException($"{path}: a row has {fields.Length} fields, expected {Pixels + 1}.");
            }

            for (int i = 0; i < Pixels; i++)
            {
                images.Add(int.Parse(fields[i], CultureInfo.InvariantCulture) / 16f);
            }

            labels.Add(int.Parse(fields[Pixels], CultureInfo.InvariantCulture));
        }

        return FromLists(images.ToArray(), labels.ToArray());
    }

    /// <summary>
    /// Splits the examples into a training and a test set after a shuffle with a fixed seed:
    /// the same split on every run and machine.
    /// </summary>
    public (DigitsData Train, DigitsData Test) Split(double testFraction, int seed)
    {
        int[] order = new int[Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        new Random(seed).Shuffle(order);
        int testCount = (int)Math.Round(Count * testFraction);
        return (Subset(order.AsSpan(testCount)), Subset(order.AsSpan(0, testCount)));
    }

    /// <summary>A copy of this set in a new order (for shuffling the training set every epoch).</summary>
    public DigitsData Subset(ReadOnlySpan<int> indices)
    {
        var images = new float[indices.Length * Pixels];
        var labels = new int[indices.Length];
        for (int n = 0; n < indices.Length; n++)
        {
            Images.AsSpan(indices[n] * Pixels, Pixels).CopyTo(images.AsSpan(n * Pixels));
            labels[n] = Labels[indices[n]];
        }

        return FromLists(images, labels);
    }

    private static DigitsData FromLists(float[] images, int[] labels)
    {
        var targets = new float[labels.Length * Classes];
        for (int n = 0; n < labels.Length; n++)
        {
            targets[n * Classes + labels[n]] = 1;
        }

        return new DigitsData(images, targets, labels);
    }
}
