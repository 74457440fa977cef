using System;
using System.IO;
using System.Linq;
using System.Text;
using NetCompiler.Shared;
using static NetCompiler.Tests.Weights.WeightsTestData;

namespace NetCompiler.Tests.Weights;

/// <summary>
/// Every way a weights file can be wrong: Load throws InvalidDataException saying which, and the
/// network keeps every parameter bit it had.
/// </summary>
public class WeightsRejectionTests
{
    /// <summary>A valid Double file for <see cref="TestSpecs.Dense"/> (32 values, 5 base64 lines).</summary>
    private static readonly string ValidText = MakeValidText();

    private static string MakeValidText()
    {
        var source = new ReferenceInterpreter(TestSpecs.Dense, seed: 21);
        Fill(source.Parameters, seed: 21);
        return SaveToText(source);
    }

    private static string[] ValidLines => ValidText.Split('\n');

    private static string Join(string[] lines) => string.Join('\n', lines);

    /// <summary>Loads into an interpreter, and asserts the failure and that nothing changed.</summary>
    private static string Reject(string text, params string[] expectedFragments) =>
        Reject(text, new ReferenceInterpreter(TestSpecs.Dense, seed: 99), expectedFragments);

    private static string Reject(string text, ReferenceInterpreter target, params string[] expectedFragments)
    {
        long[] before = Bits(target.Parameters);
        var exception = Assert.Throws<InvalidDataException>(() => LoadText(text, target));
        foreach (string fragment in expectedFragments)
        {
            Assert.Contains(fragment, exception.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, Bits(target.Parameters));
        return exception.Message;
    }

    private static string RejectSingle<TNetwork>(string text, TNetwork target, params string[] expectedFragments)
        where TNetwork : ArrayNetwork<float>, INetwork
    {
        uint[] before = Bits(target.Parameters);
        var exception = Assert.Throws<InvalidDataException>(() => LoadText(text, target));
        foreach (string fragment in expectedFragments)
        {
            Assert.Contains(fragment, exception.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, Bits(target.Parameters));
        return exception.Message;
    }

    [Fact]
    public void TheValidTextLoads()
    {
        var target = new ReferenceInterpreter(TestSpecs.Dense, seed: 99);
        LoadText(ValidText, target);
        Assert.Equal(6 + 5 + 2, ValidLines.Length); // header, 5 base64 lines, end marker, empty after the final newline
    }

    [Fact]
    public void AnEmptyFileIsRejected() => Reject(string.Empty, "empty");

    [Fact]
    public void AnotherFormatIsRejected()
    {
        string[] lines = ValidLines;
        lines[0] = "{\"weights\": [1, 2, 3]}";
        Reject(Join(lines), "not a NetCompiler weights file", "{\"weights\": [1, 2, 3]}", "NetCompilerWeights 1.0");
    }

    [Fact]
    public void ANewerMajorVersionIsRejected()
    {
        string[] lines = ValidLines;
        lines[0] = "NetCompilerWeights 2.0";
        Reject(Join(lines), "version 2.0", "newer", "update NetCompiler");
    }

    [Fact]
    public void AMalformedVersionIsRejected()
    {
        string[] lines = ValidLines;
        lines[0] = "NetCompilerWeights one";
        Reject(Join(lines), "version 'one'", "major.minor");
    }

    [Fact]
    public void AnotherStructureIsRejectedNamingBoth()
    {
        // Same parameter count and precision; only the activation differs.
        var target = new ReferenceInterpreter(TestSpecs.DenseReLU, seed: 3);
        Reject(ValidText, target, "structure", "'Input(2) Dense(6, Tanh) Dense(2, Softmax)'", "'Input(2) Dense(6, ReLU) Dense(2, Softmax)'");
    }

    [Fact]
    public void AnotherStructureIsRejectedForGeneratedNetworksToo()
    {
        var source = new DenseSingleNetwork();
        Fill(source.Parameters, seed: 2);
        RejectSingle(SaveToText(source), new ConvSingleNetwork(), "structure", TestSpecs.Dense.Structure, TestSpecs.Conv.Structure);
    }

    [Fact]
    public void ASingleFileIsRejectedByADoubleNetwork()
    {
        var source = new DenseSingleNetwork();
        Fill(source.Parameters, seed: 2);
        Reject(SaveToText(source), "precision Single", "precision is Double");
    }

    [Fact]
    public void ADoubleFileIsRejectedByASingleNetwork()
    {
        var target = new DenseSingleNetwork();
        Fill(target.Parameters, seed: 4);
        RejectSingle(ValidText, target, "precision Double", "precision is Single");
    }

    [Fact]
    public void AnotherParameterCountIsRejectedNamingBoth()
    {
        string text = ValidText.Replace("ParameterCount: 32\n", "ParameterCount: 31\n");
        Reject(text, "31 parameters", "network has 32");
    }

    [Fact]
    public void AFileCutShortIsRejectedAsTruncated()
    {
        Reject(ValidText[..(ValidText.Length / 2)], "truncated", "end marker");
    }

    [Fact]
    public void EveryPrefixOfTheFileIsRejected()
    {
        var target = new ReferenceInterpreter(TestSpecs.Dense, seed: 99);
        long[] before = Bits(target.Parameters);
        string complete = ValidText.TrimEnd('\n');
        for (int length = 0; length < complete.Length; length++)
        {
            string prefix = ValidText[..length];
            var exception = Assert.Throws<InvalidDataException>(() => LoadText(prefix, target));
            Assert.False(string.IsNullOrWhiteSpace(exception.Message));
            Assert.Equal(before, Bits(target.Parameters));
        }

        // Without its final newline the file is still whole.
        LoadText(complete, target);
    }

    [Fact]
    public void AFileCutShortInsideItsEndMarkerIsTruncated()
    {
        Reject(ValidText[..^5], "truncated");
    }

    [Fact]
    public void AMissingValuesLineIsRejectedAsTruncated()
    {
        var lines = ValidLines.ToList();
        lines.RemoveAt(7);
        Reject(string.Join('\n', lines), "truncated", "base64 characters", "32 Double parameters need 344");
    }

    [Fact]
    public void MoreValuesThanTheParameterCountAreRejected()
    {
        var values = new double[33];
        Fill(values, seed: 1);
        string text = WeightsFileWriter.ToText(TestSpecs.Dense.Structure, values).Replace("ParameterCount: 33\n", "ParameterCount: 32\n");
        Reject(text, "more values than its parameter count");
    }

    [Fact]
    public void BadBase64IsRejectedNamingTheLine()
    {
        string[] lines = ValidLines;
        lines[7] = lines[7][..10] + "*" + lines[7][11..];
        Reject(Join(lines), "Line 8", "'*'", "column 11", "not a base64 character");
    }

    [Fact]
    public void MisplacedPaddingIsRejected()
    {
        string[] lines = ValidLines;
        lines[7] = lines[7][..10] + "=" + lines[7][11..];
        Reject(Join(lines), "base64", "padding");
    }

    [Fact]
    public void AChangedValueIsRejectedByTheChecksum()
    {
        string[] lines = ValidLines;
        char original = lines[8][20];
        lines[8] = lines[8][..20] + (original == 'A' ? 'B' : 'A') + lines[8][21..];
        Reject(Join(lines), "corrupt", "checksum");
    }

    [Fact]
    public void AChangedChecksumIsRejected()
    {
        string[] lines = ValidLines;
        string digits = lines[4]["Checksum: CRC-32 ".Length..];
        lines[4] = "Checksum: CRC-32 " + (digits == "00000000" ? "00000001" : "00000000");
        string message = Reject(Join(lines), "checksum");
        Assert.Contains(digits, message);
    }

    [Fact]
    public void SwappedValueLinesAreRejectedByTheChecksum()
    {
        string[] lines = ValidLines;
        (lines[6], lines[7]) = (lines[7], lines[6]);
        Reject(Join(lines), "checksum");
    }

    [Fact]
    public void NaNIsRejected()
    {
        var values = new double[32];
        Fill(values, seed: 3);
        values[17] = double.NaN;
        Reject(WeightsFileWriter.ToText(TestSpecs.Dense.Structure, values), "Parameter 17", "NaN", "finite");
    }

    [Fact]
    public void InfinityIsRejectedInSingleFiles()
    {
        var values = new float[32];
        Fill(values, seed: 3);
        values[30] = float.NegativeInfinity;
        RejectSingle(WeightsFileWriter.ToText(TestSpecs.Dense.Structure, values), new DenseSingleNetwork(), "Parameter 30", "-Infinity", "finite");
    }

    [Fact]
    public void ContentAfterTheEndMarkerIsRejected()
    {
        Reject(ValidText + "\nmore text\n", "follows the end marker");
    }

    [Theory]
    [InlineData("Precision: Double\n", "Precision: Quad\n", "precision 'Quad'")]
    [InlineData("Precision: Double\n", "", "no 'Precision:' line")]
    [InlineData("ParameterCount: 32\n", "ParameterCount: -32\n", "parameter count '-32'")]
    [InlineData("ParameterCount: 32\n", "ParameterCount: 99999999999\n", "parameter count")]
    [InlineData("Precision: Double\n", "Precision: Double\nPrecision: Double\n", "two 'Precision' lines")]
    [InlineData("Values:\n", "Values\n", "not a header line")]
    [InlineData("Checksum: CRC-32 ", "Checksum: MD5 ", "checksum 'MD5")]
    public void ABadHeaderIsRejected(string find, string replacement, string fragment)
    {
        Assert.Contains(find, ValidText);
        Reject(ValidText.Replace(find, replacement), fragment);
    }

    [Fact]
    public void AFileOfRandomBytesIsRejected()
    {
        var bytes = new byte[1000];
        new Random(5).NextBytes(bytes);
        var target = new ReferenceInterpreter(TestSpecs.Dense, seed: 99);
        long[] before = Bits(target.Parameters);
        using var stream = new MemoryStream(bytes);
        var exception = Assert.Throws<InvalidDataException>(() => NetworkWeights.Load(stream, target));
        Assert.Contains("not a NetCompiler weights file", exception.Message);
        Assert.Equal(before, Bits(target.Parameters));
    }

    [Fact]
    public void LoadingFromAPathNamesThePath()
    {
        using var folder = new TempFolder();
        string path = folder.File("broken.ncw");
        File.WriteAllText(path, ValidText[..100]);
        var target = new ReferenceInterpreter(TestSpecs.Dense, seed: 99);
        long[] before = Bits(target.Parameters);

        var exception = Assert.Throws<InvalidDataException>(() => NetworkWeights.Load(path, target));

        Assert.Contains(path, exception.Message);
        Assert.Contains("truncated", exception.Message);
        Assert.Equal(before, Bits(target.Parameters));
    }

    [Fact]
    public void AMissingFileThrowsFileNotFound()
    {
        using var folder = new TempFolder();
        var target = new DenseSingleNetwork();
        Assert.Throws<FileNotFoundException>(() => NetworkWeights.Load(folder.File("none.ncw"), target));
    }

    [Fact]
    public void NullArgumentsAreNamed()
    {
        var interpreter = new ReferenceInterpreter(TestSpecs.Dense);
        var network = new DenseSingleNetwork();
        using var stream = new MemoryStream();

        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => NetworkWeights.Save((string)null!, interpreter)).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => NetworkWeights.Save((Stream)null!, interpreter)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => NetworkWeights.Load((string)null!, interpreter)).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => NetworkWeights.Load((Stream)null!, interpreter)).ParamName);
        Assert.Equal("interpreter", Assert.Throws<ArgumentNullException>(() => NetworkWeights.Save("x.ncw", (ReferenceInterpreter)null!)).ParamName);
        Assert.Equal("interpreter", Assert.Throws<ArgumentNullException>(() => NetworkWeights.Save(stream, (ReferenceInterpreter)null!)).ParamName);
        Assert.Equal("interpreter", Assert.Throws<ArgumentNullException>(() => NetworkWeights.Load("x.ncw", (ReferenceInterpreter)null!)).ParamName);
        Assert.Equal("interpreter", Assert.Throws<ArgumentNullException>(() => NetworkWeights.Load(stream, (ReferenceInterpreter)null!)).ParamName);

        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => NetworkWeights.Save((string)null!, network)).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => NetworkWeights.Save((Stream)null!, network)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => NetworkWeights.Load((string)null!, network)).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => NetworkWeights.Load((Stream)null!, network)).ParamName);
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => NetworkWeights.Save("x.ncw", (DenseSingleNetwork)null!)).ParamName);
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => NetworkWeights.Save(stream, (DenseSingleNetwork)null!)).ParamName);
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => NetworkWeights.Load("x.ncw", (DenseSingleNetwork)null!)).ParamName);
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => NetworkWeights.Load(stream, (DenseSingleNetwork)null!)).ParamName);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void APrecisionWeightsFilesCannotHoldIsAnArgumentError()
    {
        var network = new DenseHalfNetwork();
        using var stream = new MemoryStream();
        Assert.Equal("network", Assert.Throws<ArgumentException>(() => NetworkWeights.Save(stream, network)).ParamName);
        stream.Position = 0;
        Assert.Equal("network", Assert.Throws<ArgumentException>(() => NetworkWeights.Load(new MemoryStream(Encoding.UTF8.GetBytes(ValidText)), network)).ParamName);
    }

    [Fact]
    public void ANetworkWhoseParametersDisagreeWithItsSpecIsAnArgumentError()
    {
        var network = new ShortSingleNetwork();
        using var stream = new MemoryStream();
        var exception = Assert.Throws<ArgumentException>(() => NetworkWeights.Save(stream, network));
        Assert.Equal("network", exception.ParamName);
        Assert.Contains("31 parameters", exception.Message);
    }
}
