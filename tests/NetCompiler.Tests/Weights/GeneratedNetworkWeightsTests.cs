using System;
using System.IO;
using NetCompiler.Tests.Networks;

namespace NetCompiler.Tests.Weights;

/// <summary>Save and Load on networks the generator compiled, of both precisions.</summary>
public class GeneratedNetworkWeightsTests
{
    [Fact]
    public void TrainedSingleNetworkRoundTripsBitExactly()
    {
        var trained = new FourLayerSingle(seed: 7);
        var random = new Random(7);
        for (int i = 0; i < 20; i++)
        {
            trained.Backward(Floats(random, FourLayerSingle.InputSize), Floats(random, FourLayerSingle.OutputSize, 0, 1));
            trained.Step(0.1f, 0.01f);
        }

        using var stream = new MemoryStream();
        NetworkWeights.Save(stream, trained);
        stream.Position = 0;
        var loaded = new FourLayerSingle(seed: 99);
        NetworkWeights.Load(stream, loaded);

        Assert.Equal(trained.Parameters.ToArray(), loaded.Parameters.ToArray());
        float[] input = Floats(random, FourLayerSingle.InputSize);
        var expected = new float[FourLayerSingle.OutputSize];
        var actual = new float[FourLayerSingle.OutputSize];
        trained.Forward(input, expected);
        loaded.Forward(input, actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void DoubleNetworkRoundTripsThroughAFileAndIntoTheInterpreter()
    {
        string path = Path.Combine(Path.GetTempPath(), "netcompiler-" + Guid.NewGuid().ToString("N") + ".ncw");
        try
        {
            var network = new WideDouble(seed: 3);
            NetworkWeights.Save(path, network);
            var interpreter = new ReferenceInterpreter(WideDouble.Spec, seed: 4);
            NetworkWeights.Load(path, interpreter);
            Assert.Equal(network.Parameters.ToArray(), interpreter.Parameters.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void FileOfAnotherNetworkLeavesTheGeneratedNetworkUnchanged()
    {
        using var stream = new MemoryStream();
        NetworkWeights.Save(stream, new SoftmaxClassifierSingle());
        stream.Position = 0;
        var other = new SoftmaxSquaredErrorSingle(seed: 5);
        float[] before = other.Parameters.ToArray();

        InvalidDataException exception = Assert.Throws<InvalidDataException>(() => NetworkWeights.Load(stream, other));

        Assert.Contains("Input(4)", exception.Message);
        Assert.Contains("Input(3)", exception.Message);
        Assert.Equal(before, other.Parameters.ToArray());
    }

    private static float[] Floats(Random random, int count, double low = -1, double high = 1) =>
        Array.ConvertAll(TestData.Uniform(random, count, low, high), value => (float)value);
}
