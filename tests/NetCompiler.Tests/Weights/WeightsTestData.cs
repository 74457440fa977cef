using System;
using System.IO;
using System.Text;

namespace NetCompiler.Tests.Weights;

/// <summary>Values that test bit-exactness, and helpers to move weights files through memory.</summary>
internal static class WeightsTestData
{
    public static readonly double[] SpecialDoubles =
    [
        0.0, -0.0, 1.0, -1.0, 1.0 / 3.0, -Math.PI, double.Epsilon, -double.Epsilon,
        BitConverter.Int64BitsToDouble(0x000FFFFFFFFFFFFF),  // largest subnormal
        BitConverter.Int64BitsToDouble(0x0000000000000F0F),  // a small subnormal
        2.2250738585072014E-308,                              // smallest normal
        double.MaxValue, double.MinValue, 1e300, -1e-300, 1.0000000000000002, 0.1, 123456789.123456789,
    ];

    public static readonly float[] SpecialSingles =
    [
        0f, -0f, 1f, -1f, 1f / 3f, -MathF.PI, float.Epsilon, -float.Epsilon,
        BitConverter.UInt32BitsToSingle(0x007FFFFF),          // largest subnormal
        BitConverter.UInt32BitsToSingle(0x00000F0F),          // a small subnormal
        1.17549435E-38f,                                      // smallest normal
        float.MaxValue, float.MinValue, 1e38f, -1e-38f, 1.0000001f, 0.1f, 16777217f,
    ];

    /// <summary>The special values first, then random finite bit patterns.</summary>
    public static void Fill(Span<double> values, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < values.Length; i++)
        {
            if (i < SpecialDoubles.Length)
            {
                values[i] = SpecialDoubles[i];
                continue;
            }

            double value;
            do
            {
                value = BitConverter.Int64BitsToDouble(random.NextInt64() ^ ((long)random.Next(2) << 63));
            }
            while (!double.IsFinite(value));
            values[i] = value;
        }
    }

    /// <inheritdoc cref="Fill(Span{double}, int)"/>
    public static void Fill(Span<float> values, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < values.Length; i++)
        {
            if (i < SpecialSingles.Length)
            {
                values[i] = SpecialSingles[i];
                continue;
            }

            float value;
            do
            {
                value = BitConverter.UInt32BitsToSingle((uint)random.NextInt64(0, 1L << 32));
            }
            while (!float.IsFinite(value));
            values[i] = value;
        }
    }

    public static long[] Bits(ReadOnlySpan<double> values)
    {
        var bits = new long[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            bits[i] = BitConverter.DoubleToInt64Bits(values[i]);
        }

        return bits;
    }

    public static uint[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new uint[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            bits[i] = BitConverter.SingleToUInt32Bits(values[i]);
        }

        return bits;
    }

    public static string SaveToText(ReferenceInterpreter interpreter)
    {
        using var stream = new MemoryStream();
        NetworkWeights.Save(stream, interpreter);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string SaveToText<TNetwork>(TNetwork network)
        where TNetwork : INetwork
    {
        using var stream = new MemoryStream();
        NetworkWeights.Save(stream, network);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void LoadText(string text, ReferenceInterpreter interpreter)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        NetworkWeights.Load(stream, interpreter);
    }

    public static void LoadText<TNetwork>(string text, TNetwork network)
        where TNetwork : INetwork
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        NetworkWeights.Load(stream, network);
    }

    /// <summary>A fresh empty folder under the temp directory, deleted on dispose.</summary>
    public sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ncw-tests-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
