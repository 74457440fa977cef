using System.Collections.Generic;
using System.Linq;

namespace NetCompiler.Tests.Widths;

/// <summary>
/// A network of small dense layers (written out, wide ones with rows of four to eight inputs too, and a softmax
/// over any number of outputs) trains to the same bits whatever the width of <c>Vector&lt;T&gt;</c>: a child
/// process run at 128 and at 512 bits (<c>DOTNET_MaxVectorTBitWidth</c>; 512 takes effect only
/// with AVX-512) prints the same <see cref="TrainingFingerprint"/> as this process, one example at a
/// time, in batches (whose blocks of lanes are as wide as <c>Vector&lt;T&gt;</c>) and by <c>Infer</c>.
/// Every sum adds in one order at every width, and the activations compute each lane alone. Not the
/// networks with large layers, whose kernels add a row's products in their vectors' own tree. (A softmax
/// over five or more outputs adds its exponentials in <see cref="SoftmaxTree"/>'s tree at every width.)
/// Whether the CPU fuses multiply-adds does change the bits; the child inherits this process's
/// instruction sets (CI runs these tests again without AVX2 and without AVX).
/// </summary>
public class VectorWidthTests
{
    private static readonly string[] SmallNetworks =
    [
        "LinearSingle", "LinearDouble", "SoftmaxClassifierSingle", "SoftmaxClassifierDouble", "FourLayerSingle",
        "FourLayerDouble", "SoftmaxSquaredErrorSingle", "SoftmaxSquaredErrorDouble", "EightInputRowsSingle",
        "FourInputRowsDouble", "FourInputPairsSingle", "VectorInputSingle", "VectorInputDouble", "OneInputColumnSingle",
        "TwoInputColumnsSingle", "ThreeInputColumnsSingle", "IdentityColumnsSingle", "ReluColumnsSingle",
        "FoldedRowsSingle", "WideRowSumsSingle", "WideRowPairsSingle", "WideRowSumsDouble", "WideColumnsSingle",
        "WideReluColumnsSingle", "WideAfterNarrowSingle", "TailFoldedRowsSingle", "NineInputRowsSingle", "FifteenInputRowsSingle",
        "TwentyInputRowsSingle", "ThirtyOneInputRowsSingle", "SeventeenInputRowsSingle", "TwentyFourInputRowsSingle",
        "WideLinearHeadSingle", "WideLinearHeadDouble", "TenClassHeadSingle", "TenClassFoldedSingle", "SixWaySoftmaxSingle",
        "FiveWaySoftmaxSingle", "ThirteenWaySoftmaxSingle", "SixteenWaySoftmaxSingle", "SeventeenWaySoftmaxSingle",
        "TwentySixWaySoftmaxSingle", "HundredWaySoftmaxSingle", "SixWaySoftmaxDouble", "TwentyOneWaySoftmaxDouble",
        "FoldedRowsDouble", "SixteenFoldedRowsDouble", "ThirtyOneFoldedRowsDouble",
    ];

    [Theory]
    [InlineData(128)]
    [InlineData(512)]
    public void SmallNetworksTrainToTheSameBitsAtAnotherWidth(int bits)
    {
        var child = new TestProcess(TrainingFingerprint.Command, new Dictionary<string, string> { ["DOTNET_MaxVectorTBitWidth"] = bits.ToString() });
        Assert.True(child.ExitCode == 0, "the child process failed: " + child.Error);
        Dictionary<string, string> here = Small(TrainingFingerprint.Lines());
        Dictionary<string, string> there = Small(child.Lines);
        Assert.Equal(SmallNetworks.Length, here.Count);
        Assert.Equal(here, there);
    }

    private static Dictionary<string, string> Small(IEnumerable<string> lines) =>
        lines.Select(line => line.Split(' ')).Where(fields => SmallNetworks.Contains(fields[0])).ToDictionary(fields => fields[0], fields => fields[1]);
}
