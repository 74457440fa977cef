using System;
using System.Linq;
using System.Text;
using NetCompiler.Shared;
using static NetCompiler.Tests.Weights.WeightsTestData;

namespace NetCompiler.Tests.Weights;

/// <summary>The shared reader the generator uses: its API, its line numbers, and that no text makes it throw.</summary>
public class WeightsFileReaderTests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xE8B7BE43u)]
    [InlineData("123456789", 0xCBF43926u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void TheChecksumIsZlibCrc32(string text, uint expected)
    {
        Assert.Equal(expected, WeightsChecksum.Compute(Encoding.ASCII.GetBytes(text)));
    }

    /// <summary>The example of docs/weights-format.md, made by Python's struct, base64 and zlib.crc32.</summary>
    private const string DocumentedExample =
        "NetCompilerWeights 1.0\n" +
        "Precision: Single\n" +
        "ParameterCount: 9\n" +
        "Structure: Input(2) Dense(2, Tanh) Dense(1, Sigmoid)\n" +
        "Checksum: CRC-32 7e885de6\n" +
        "Values:\n" +
        "ZmaGQJqZiUAzM8PAAADAwGZmBsCamTlAMzMLQZqZEcHNzIzA\n" +
        "End NetCompilerWeights\n";

    [Fact]
    public void TheDocumentedExampleWrittenByAnotherImplementationReads()
    {
        var spec = new NetworkSpec(TensorShape.Vector(2), [new DenseLayerSpec(2, Activation.Tanh), new DenseLayerSpec(1, Activation.Sigmoid)]);
        float[] expected = [4.2f, 4.3f, -6.1f, -6.0f, -2.1f, 2.9f, 8.7f, -9.1f, -4.4f];

        WeightsReadResult result = WeightsFileReader.Read(DocumentedExample, Precision.Single, spec.ParameterCount, spec.Structure);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(Bits(expected), Bits(result.Contents!.SingleValues));
        Assert.Equal(DocumentedExample, WeightsFileWriter.ToText(spec.Structure, expected));
    }

    [Fact]
    public void ReadGivesTheHeaderAndDoubleValues()
    {
        var values = new double[TestSpecs.Conv.ParameterCount];
        Fill(values, seed: 2);
        string text = WeightsFileWriter.ToText(TestSpecs.Conv.Structure, values);

        WeightsReadResult result = WeightsFileReader.Read(text);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(WeightsErrorKind.None, result.Error);
        Assert.Equal(string.Empty, result.Message);
        WeightsFileContents contents = result.Contents!;
        Assert.Equal(1, contents.MajorVersion);
        Assert.Equal(0, contents.MinorVersion);
        Assert.Equal(Precision.Double, contents.Precision);
        Assert.Equal(TestSpecs.Conv.ParameterCount, contents.ParameterCount);
        Assert.Equal(TestSpecs.Conv.Structure, contents.Structure);
        Assert.Equal(WeightsFileWriter.ComputeChecksum(values, null), contents.Checksum);
        Assert.Null(contents.SingleValues);
        Assert.Equal(Bits(values), Bits(contents.DoubleValues));
    }

    [Fact]
    public void ReadGivesSingleValues()
    {
        var values = new float[TestSpecs.Dense.ParameterCount];
        Fill(values, seed: 2);

        WeightsReadResult result = WeightsFileReader.Read(WeightsFileWriter.ToText(TestSpecs.Dense.Structure, values), Precision.Single, 32, TestSpecs.Dense.Structure);

        Assert.True(result.Succeeded, result.Message);
        Assert.Null(result.Contents!.DoubleValues);
        Assert.Equal(Bits(values), Bits(result.Contents.SingleValues));
    }

    [Fact]
    public void AFileWithoutParametersIsValid()
    {
        string text = WeightsFileWriter.ToText(TestSpecs.PoolOnly.Structure, Array.Empty<float>());
        WeightsReadResult result = WeightsFileReader.Read(text, Precision.Single, 0, TestSpecs.PoolOnly.Structure);
        Assert.True(result.Succeeded, result.Message);
        Assert.Empty(result.Contents!.SingleValues!);
        Assert.Contains("Checksum: CRC-32 00000000\nValues:\nEnd NetCompilerWeights\n", text);
    }

    [Theory]
    [InlineData(null, "NotWeightsFile", 0)]
    [InlineData("", "NotWeightsFile", 0)]
    [InlineData("hello", "NotWeightsFile", 1)]
    [InlineData("NetCompilerWeights 3.1\n", "UnsupportedVersion", 1)]
    [InlineData("NetCompilerWeights 0.9\n", "UnsupportedVersion", 1)]
    [InlineData("NetCompilerWeights 1.0\n", "Truncated", 1)]
    [InlineData("NetCompilerWeights 1.0\nPrecision: Single\nbad line\n", "InvalidHeader", 3)]
    [InlineData("NetCompilerWeights 1.0\nPrecision: Single\nValues:\n", "InvalidHeader", 3)]
    public void ErrorsHaveAKindALineAndAMessage(string? text, string kindName, int line)
    {
        var kind = Enum.Parse<WeightsErrorKind>(kindName);
        WeightsReadResult result = WeightsFileReader.Read(text);
        Assert.Equal(kind, result.Error);
        Assert.Equal(line, result.Line);
        Assert.False(result.Succeeded);
        Assert.Null(result.Contents);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }

    [Fact]
    public void MismatchesAreReportedOnTheirHeaderLine()
    {
        string text = WeightsFileWriter.ToText(TestSpecs.Dense.Structure, new double[32]);
        Assert.Equal((WeightsErrorKind.StructureMismatch, 4), Kind(WeightsFileReader.Read(text, Precision.Double, 32, "Input(3)")));
        Assert.Equal((WeightsErrorKind.PrecisionMismatch, 2), Kind(WeightsFileReader.Read(text, Precision.Single, 32, TestSpecs.Dense.Structure)));
        Assert.Equal((WeightsErrorKind.ParameterCountMismatch, 3), Kind(WeightsFileReader.Read(text, Precision.Double, 33, TestSpecs.Dense.Structure)));
        Assert.Equal((WeightsErrorKind.None, 0), Kind(WeightsFileReader.Read(text, Precision.Double, 32, TestSpecs.Dense.Structure)));

        static (WeightsErrorKind, int) Kind(WeightsReadResult result) => (result.Error, result.Line);
    }

    [Fact]
    public void AHugeClaimedParameterCountDoesNotAllocate()
    {
        string text = "NetCompilerWeights 1.0\nPrecision: Double\nParameterCount: 268435456\nStructure: X\nChecksum: CRC-32 00000000\nValues:\nAAAA\nEnd NetCompilerWeights\n";
        long before = GC.GetAllocatedBytesForCurrentThread();
        WeightsReadResult result = WeightsFileReader.Read(text);
        Assert.Equal(WeightsErrorKind.Truncated, result.Error);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 100_000, "the reader must not trust the header's count before it has seen the data");
    }

    [Fact]
    public void FuzzedFilesNeverThrowAndNeverYieldOtherValues()
    {
        var doubles = new double[TestSpecs.Dense.ParameterCount];
        Fill(doubles, seed: 31);
        var singles = new float[TestSpecs.Conv.ParameterCount];
        Fill(singles, seed: 32);
        string doubleText = WeightsFileWriter.ToText(TestSpecs.Dense.Structure, doubles);
        string singleText = WeightsFileWriter.ToText(TestSpecs.Conv.Structure, singles);
        var random = new Random(12345);
        int failures = 0, successes = 0;

        void Check(string mutated, bool isDouble)
        {
            WeightsReadResult loose = WeightsFileReader.Read(mutated);
            WeightsReadResult strict = isDouble
                ? WeightsFileReader.Read(mutated, Precision.Double, doubles.Length, TestSpecs.Dense.Structure)
                : WeightsFileReader.Read(mutated, Precision.Single, singles.Length, TestSpecs.Conv.Structure);
            foreach (WeightsReadResult result in new[] { loose, strict })
            {
                Assert.NotEqual(WeightsErrorKind.InternalError, result.Error);
                Assert.Equal(result.Succeeded, result.Contents is not null);
                Assert.Equal(result.Succeeded, result.Message.Length == 0);
            }

            if (strict.Succeeded)
            {
                // Whatever the change was, it did not change a single value bit.
                successes++;
                if (isDouble)
                {
                    Assert.Equal(Bits(doubles), Bits(strict.Contents!.DoubleValues));
                }
                else
                {
                    Assert.Equal(Bits(singles), Bits(strict.Contents!.SingleValues));
                }
            }
            else
            {
                failures++;
            }
        }

        const string pool = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\n\r :.-\0\t\uFEFF\uFFFD\u00e9\ud800";
        foreach ((string text, bool isDouble) in new[] { (doubleText, true), (singleText, false) })
        {
            string[] lines = text.Split('\n');

            // Every truncation.
            for (int length = 0; length <= text.Length; length++)
            {
                Check(text[..length], isDouble);
            }

            for (int round = 0; round < 3000; round++)
            {
                string mutated;
                switch (random.Next(7))
                {
                    case 0: // replace one character
                    {
                        int at = random.Next(text.Length);
                        mutated = text[..at] + pool[random.Next(pool.Length)] + text[(at + 1)..];
                        break;
                    }

                    case 1: // delete a range
                    {
                        int at = random.Next(text.Length);
                        int count = random.Next(1, Math.Min(40, text.Length - at) + 1);
                        mutated = text.Remove(at, count);
                        break;
                    }

                    case 2: // insert random characters
                    {
                        int at = random.Next(text.Length + 1);
                        string insert = new string(Enumerable.Range(0, random.Next(1, 6)).Select(_ => pool[random.Next(pool.Length)]).ToArray());
                        mutated = text.Insert(at, insert);
                        break;
                    }

                    case 3: // drop, duplicate or swap lines
                    {
                        var list = lines.ToList();
                        int a = random.Next(list.Count), b = random.Next(list.Count);
                        int op = random.Next(3);
                        if (op == 0)
                        {
                            list.RemoveAt(a);
                        }
                        else if (op == 1)
                        {
                            list.Insert(b, list[a]);
                        }
                        else
                        {
                            (list[a], list[b]) = (list[b], list[a]);
                        }

                        mutated = string.Join('\n', list);
                        break;
                    }

                    case 4: // flip a bit of one character
                    {
                        int at = random.Next(text.Length);
                        mutated = text[..at] + (char)(text[at] ^ (1 << random.Next(16))) + text[(at + 1)..];
                        break;
                    }

                    case 5: // the header, then garbage
                    {
                        int keep = random.Next(text.Length);
                        mutated = text[..keep] + new string(Enumerable.Range(0, random.Next(0, 200)).Select(_ => (char)random.Next(0, 0x10000)).ToArray());
                        break;
                    }

                    default: // pure garbage
                    {
                        mutated = new string(Enumerable.Range(0, random.Next(0, 300)).Select(_ => pool[random.Next(pool.Length)]).ToArray());
                        break;
                    }
                }

                Check(mutated, isDouble);
            }
        }

        // The fuzzer must actually reach both outcomes.
        Assert.True(failures > 5000, $"only {failures} failures");
        Assert.True(successes > 2, $"only {successes} successes");
    }

    [Fact]
    public void CorruptingAnyValueCharacterIsCaught()
    {
        var values = new double[TestSpecs.Dense.ParameterCount];
        Fill(values, seed: 40);
        string text = WeightsFileWriter.ToText(TestSpecs.Dense.Structure, values);
        int start = text.IndexOf("Values:\n", StringComparison.Ordinal) + "Values:\n".Length;
        int end = text.IndexOf("End NetCompilerWeights", StringComparison.Ordinal);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int at = start; at < end; at++)
        {
            if (text[at] == '\n' || text[at] == '=')
            {
                continue;
            }

            char replacement = alphabet[(alphabet.IndexOf(text[at]) + 1 + at % 63) % 64];
            string mutated = text[..at] + replacement + text[(at + 1)..];
            WeightsReadResult result = WeightsFileReader.Read(mutated);
            Assert.False(result.Succeeded, $"a change at offset {at} went unnoticed");
            Assert.True(result.Error is WeightsErrorKind.ChecksumMismatch or WeightsErrorKind.InvalidBase64, result.Message);
        }
    }
}
