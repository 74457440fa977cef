using System;
using System.IO;
using System.Linq;
using System.Text;
using NetCompiler.Shared;
using static NetCompiler.Tests.Weights.WeightsTestData;

namespace NetCompiler.Tests.Weights;

public class WeightsRoundTripTests
{
    public static TheoryData<string> SpecNames => new() { "Dense", "Conv", "Wide", "PoolOnly" };

    private static NetworkSpec SpecNamed(string name) => name switch
    {
        "Dense" => TestSpecs.Dense,
        "Conv" => TestSpecs.Conv,
        "Wide" => TestSpecs.Wide,
        _ => TestSpecs.PoolOnly,
    };

    [Theory]
    [MemberData(nameof(SpecNames))]
    public void InterpreterRoundTripsThroughAFileBitExactly(string specName)
    {
        NetworkSpec spec = SpecNamed(specName);
        var source = new ReferenceInterpreter(spec, seed: 1);
        Fill(source.Parameters, seed: 7);
        var target = new ReferenceInterpreter(spec, seed: 2);
        using var folder = new TempFolder();
        string path = folder.File("net.ncw");

        NetworkWeights.Save(path, source);
        NetworkWeights.Load(path, target);

        Assert.Equal(Bits(source.Parameters), Bits(target.Parameters));
        Assert.Equal(["net.ncw"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Theory]
    [MemberData(nameof(SpecNames))]
    public void InterpreterRoundTripsThroughAStreamBitExactly(string specName)
    {
        NetworkSpec spec = SpecNamed(specName);
        var source = new ReferenceInterpreter(spec, seed: 1);
        Fill(source.Parameters, seed: 8);
        var target = new ReferenceInterpreter(spec, seed: 2);
        using var stream = new MemoryStream();

        NetworkWeights.Save(stream, source);
        Assert.True(stream.CanWrite, "Save must leave the stream open.");
        stream.Position = 0;
        NetworkWeights.Load(stream, target);

        Assert.Equal(Bits(source.Parameters), Bits(target.Parameters));
        Assert.True(stream.CanRead, "Load must leave the stream open.");
    }

    [Fact]
    public void SpecialDoublesSurviveExactly()
    {
        var source = new ReferenceInterpreter(TestSpecs.Dense);
        Fill(source.Parameters, seed: 1);
        Assert.Equal(SpecialDoubles.Length, source.Parameters[..SpecialDoubles.Length].Length);
        var target = new ReferenceInterpreter(TestSpecs.Dense, seed: 5);

        LoadText(SaveToText(source), target);

        for (int i = 0; i < SpecialDoubles.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(SpecialDoubles[i]), BitConverter.DoubleToInt64Bits(target.Parameters[i]));
        }

        Assert.True(double.IsNegative(target.Parameters[1]) && target.Parameters[1] == 0, "negative zero keeps its sign");
        Assert.True(double.IsSubnormal(target.Parameters[8]));
    }

    [Fact]
    public void SinglesRoundTripBitExactlyThroughAFile_Dense()
    {
        var source = new DenseSingleNetwork();
        Fill(source.Parameters, seed: 3);
        var target = new DenseSingleNetwork();
        using var folder = new TempFolder();
        string path = folder.File("dense.ncw");

        NetworkWeights.Save(path, source);
        NetworkWeights.Load(path, target);

        Assert.Equal(Bits(source.Parameters), Bits(target.Parameters));
        Assert.True(float.IsNegative(target.Parameters[1]) && target.Parameters[1] == 0);
        Assert.True(float.IsSubnormal(target.Parameters[8]));
        Assert.Equal(float.MaxValue, target.Parameters[11]);
    }

    [Fact]
    public void SinglesRoundTripBitExactlyThroughAStream_Conv()
    {
        var source = new ConvSingleNetwork();
        Fill(source.Parameters, seed: 4);
        var target = new ConvSingleNetwork();

        LoadText(SaveToText(source), target);

        Assert.Equal(Bits(source.Parameters), Bits(target.Parameters));
    }

    [Fact]
    public void SinglesRoundTripAcrossSeveralWriterChunks()
    {
        var source = new WideSingleNetwork();
        Fill(source.Parameters, seed: 5);
        var target = new WideSingleNetwork();
        string text = SaveToText(source);

        LoadText(text, target);

        Assert.Equal(Bits(source.Parameters), Bits(target.Parameters));
        int valueLines = text.Split('\n').SkipWhile(line => line != WeightsFormat.ValuesMarker).Skip(1).TakeWhile(line => line != WeightsFormat.EndMarker).Count();
        Assert.Equal((TestSpecs.Wide.ParameterCount * 4 + 56) / 57, valueLines);
    }

    [Fact]
    public void GenericDoubleNetworksRoundTripAndShareFilesWithTheInterpreter()
    {
        var network = new ConvDoubleNetwork();
        Fill(network.Parameters, seed: 6);
        var interpreter = new ReferenceInterpreter(TestSpecs.Conv, seed: 9);
        string text = SaveToText(network);

        LoadText(text, interpreter);
        var back = new ConvDoubleNetwork();
        LoadText(SaveToText(interpreter), back);

        Assert.Equal(Bits(network.Parameters), Bits(interpreter.Parameters));
        Assert.Equal(Bits(network.Parameters), Bits(back.Parameters));
        Assert.Equal(text, SaveToText(interpreter));
    }

    [Fact]
    public void TheFileStartsWithTheDocumentedHeader()
    {
        var network = new DenseSingleNetwork();
        Fill(network.Parameters, seed: 3);
        string[] lines = SaveToText(network).Split('\n');

        Assert.Equal("NetCompilerWeights 1.0", lines[0]);
        Assert.Equal("Precision: Single", lines[1]);
        Assert.Equal("ParameterCount: 32", lines[2]);
        Assert.Equal("Structure: Input(2) Dense(6, Tanh) Dense(2, Softmax)", lines[3]);
        Assert.Matches("^Checksum: CRC-32 [0-9a-f]{8}$", lines[4]);
        Assert.Equal("Values:", lines[5]);
        Assert.Equal(76, lines[6].Length);
        Assert.Equal("End NetCompilerWeights", lines[^2]);
        Assert.Equal(string.Empty, lines[^1]);

        // The values are plain base64 of the little-endian bytes, and the checksum is zlib's CRC-32 of them.
        byte[] bytes = Convert.FromBase64String(string.Concat(lines[6..^2]));
        Assert.Equal(32 * 4, bytes.Length);
        Assert.Equal(BitConverter.SingleToUInt32Bits(network.Parameters[5]), BitConverter.ToUInt32(bytes, 5 * 4));
        Assert.Equal("Checksum: CRC-32 " + Crc32Reference(bytes).ToString("x8"), lines[4]);
    }

    [Fact]
    public void WindowsLineEndingsAndAByteOrderMarkAreAccepted()
    {
        var source = new ReferenceInterpreter(TestSpecs.Dense, seed: 3);
        string text = "\uFEFF" + SaveToText(source).Replace("\n", "\r\n");
        var target = new ReferenceInterpreter(TestSpecs.Dense, seed: 4);

        LoadText(text, target);

        Assert.Equal(Bits(source.Parameters), Bits(target.Parameters));
    }

    [Fact]
    public void ANewerMinorVersionWithUnknownHeaderLinesIsRead()
    {
        var source = new ReferenceInterpreter(TestSpecs.Dense, seed: 3);
        string text = SaveToText(source)
            .Replace("NetCompilerWeights 1.0\n", "NetCompilerWeights 1.7\nTrainedOn: xor, 2000 epochs\n");
        var target = new ReferenceInterpreter(TestSpecs.Dense, seed: 4);

        LoadText(text, target);

        Assert.Equal(Bits(source.Parameters), Bits(target.Parameters));
    }

    [Fact]
    public void SavingTwiceGivesTheSameBytes()
    {
        var network = new ConvSingleNetwork();
        Fill(network.Parameters, seed: 11);
        Assert.Equal(SaveToText(network), SaveToText(network));
    }

    [Fact]
    public void SaveReplacesAnExistingFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("net.ncw");
        File.WriteAllText(path, "an older, longer file " + new string('x', 10000));
        var source = new ReferenceInterpreter(TestSpecs.Dense, seed: 3);

        NetworkWeights.Save(path, source);

        Assert.Equal(SaveToText(source), File.ReadAllText(path, Encoding.UTF8));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    /// <summary>An independent bitwise CRC-32 (zlib), to check the table-driven one.</summary>
    private static uint Crc32Reference(byte[] bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }
}
