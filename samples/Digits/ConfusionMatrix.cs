using System;

namespace Digits;

/// <summary>Counts of (true class, predicted class) pairs, printed as a table with the true class down the side.</summary>
internal sealed class ConfusionMatrix
{
    private readonly int[,] _counts;

    public ConfusionMatrix(int classes) => _counts = new int[classes, classes];

    public int Classes => _counts.GetLength(0);

    public void Add(int actual, int predicted) => _counts[actual, predicted]++;

    public void Print()
    {
        Console.Write("true \\ predicted");
        for (int p = 0; p < Classes; p++)
        {
            Console.Write($"{p,5}");
        }

        Console.WriteLine("   recall");
        for (int a = 0; a < Classes; a++)
        {
            Console.Write($"{a,16}");
            int total = 0;
            for (int p = 0; p < Classes; p++)
            {
                Console.Write($"{_counts[a, p],5}");
                total += _counts[a, p];
            }

            Console.WriteLine($"   {(total == 0 ? 0 : (double)_counts[a, a] / total),6:P1}");
        }
    }
}
