using System;

namespace Classify2D;

/// <summary>
/// A seeded 2-D data set: class 0 is a disc of radius 0.5 around the origin, class 1 a ring
/// between radii 0.7 and 1.0 around it. No line separates them; the network has to bend space.
/// </summary>
public static class CircleData
{
    public static (float[] Points, float[] Targets, int[] Labels) Generate(int count, int seed)
    {
        var random = new Random(seed);
        var points = new float[count * 2];
        var targets = new float[count * 2];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            int label = i % 2;
            double radius = label == 0 ? 0.5 * Math.Sqrt(random.NextDouble()) : 0.7 + (0.3 * random.NextDouble());
            double angle = 2 * Math.PI * random.NextDouble();
            points[2 * i] = (float)(radius * Math.Cos(angle));
            points[(2 * i) + 1] = (float)(radius * Math.Sin(angle));
            targets[(2 * i) + label] = 1;
            labels[i] = label;
        }

        return (points, targets, labels);
    }
}
