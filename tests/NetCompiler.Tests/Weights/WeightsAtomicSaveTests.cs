using System;
using System.IO;
using System.Linq;
using static NetCompiler.Tests.Weights.WeightsTestData;

namespace NetCompiler.Tests.Weights;

/// <summary>Saving to a path either replaces the file completely or leaves it exactly as it was.</summary>
public class WeightsAtomicSaveTests
{
    public static TheoryData<long> FailurePoints => new() { 0, 1, 50, 200, 500 };

    [Theory]
    [MemberData(nameof(FailurePoints))]
    public void AnInterruptedSaveKeepsThePreviousFileAndLeavesNoTemporaryFile(long failAfterBytes)
    {
        using var folder = new TempFolder();
        string path = folder.File("model.ncw");
        var previous = new ReferenceInterpreter(TestSpecs.Dense, seed: 1);
        NetworkWeights.Save(path, previous);
        byte[] before = File.ReadAllBytes(path);
        Assert.True(before.Length > 500, "the failure points must fall inside the file");

        var next = new ReferenceInterpreter(TestSpecs.Dense, seed: 2);
        ThrowingStream? wrapper = null;
        var exception = Assert.Throws<IOException>(() =>
            NetworkWeights.Save(path, next, file => wrapper = new ThrowingStream(file, failAfterBytes)));

        Assert.Contains("Simulated failure", exception.Message);
        Assert.NotNull(wrapper);
        Assert.Equal(failAfterBytes, wrapper.Written);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["model.ncw"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));

        // And the previous weights still load.
        var check = new ReferenceInterpreter(TestSpecs.Dense, seed: 3);
        NetworkWeights.Load(path, check);
        Assert.Equal(Bits(previous.Parameters), Bits(check.Parameters));
    }

    [Fact]
    public void AnInterruptedFirstSaveLeavesNoFileAtAll()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.ncw");
        var network = new ConvSingleNetwork();
        Fill(network.Parameters, seed: 1);

        Assert.Throws<IOException>(() => NetworkWeights.Save(path, network, file => new ThrowingStream(file, 100)));

        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void ANonFiniteParameterIsRefusedBeforeAnythingIsWritten()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.ncw");
        var network = new DenseSingleNetwork();
        Fill(network.Parameters, seed: 1);
        NetworkWeights.Save(path, network);
        byte[] before = File.ReadAllBytes(path);

        network.Parameters[9] = float.NaN;
        var exception = Assert.Throws<ArgumentException>(() => NetworkWeights.Save(path, network));
        using var stream = new MemoryStream();
        Assert.Throws<ArgumentException>(() => NetworkWeights.Save(stream, network));

        Assert.Equal("network", exception.ParamName);
        Assert.Contains("Parameter 9", exception.Message);
        Assert.Contains("NaN", exception.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(folder.Path));
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void SavingIntoAMissingFolderFailsWithoutLeavingAnything()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "missing", "model.ncw");
        Assert.Throws<DirectoryNotFoundException>(() => NetworkWeights.Save(path, new ReferenceInterpreter(TestSpecs.Dense)));
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void AnUnwritableStreamIsAnArgumentError()
    {
        using var stream = new MemoryStream(new byte[10], writable: false);
        Assert.Equal("stream", Assert.Throws<ArgumentException>(() => NetworkWeights.Save(stream, new ReferenceInterpreter(TestSpecs.Dense))).ParamName);
    }
}
