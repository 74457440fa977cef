using System;

namespace NetCompiler.Tests.Memory;

/// <summary><see cref="NativeScratch{T}"/>: the native memory of scratch buffers too large for the stack.</summary>
public class NativeScratchTests
{
    private const int CacheLine = 64;

    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(16_385)]
    [InlineData(1_000_003)]
    public void FloatScratchStartsOnACacheLineAndHoldsEveryValue(int length)
    {
        for (int attempt = 0; attempt < 8; attempt++)
        {
            using var scratch = new NativeScratch<float>(length);
            Span<float> span = scratch.Span;
            Assert.Equal(length, span.Length);
            Assert.Equal(0, AddressOf(span) % CacheLine);
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = i + attempt;
            }

            for (int i = 0; i < span.Length; i++)
            {
                Assert.Equal((float)(i + attempt), scratch.Span[i]);
            }
        }
    }

    [Fact]
    public void DoubleAndIntegerScratchStartOnACacheLine()
    {
        for (int attempt = 0; attempt < 8; attempt++)
        {
            using var doubles = new NativeScratch<double>(1000 + attempt);
            using var offsets = new NativeScratch<int>(999 + attempt);
            Assert.Equal(1000 + attempt, doubles.Span.Length);
            Assert.Equal(999 + attempt, offsets.Span.Length);
            Assert.Equal(0, AddressOf(doubles.Span) % CacheLine);
            Assert.Equal(0, AddressOf(offsets.Span) % CacheLine);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void ZeroOrNegativeLengthIsRejected(int length)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new NativeScratch<float>(length).Dispose());
        Assert.Equal("length", exception.ParamName);
    }

    [Fact]
    public void DisposingTwiceIsSafeAndLeavesAnEmptySpan()
    {
        var scratch = new NativeScratch<float>(100_000);
        scratch.Span.Fill(1f);
        scratch.Dispose();
        Assert.True(scratch.Span.IsEmpty);
        scratch.Dispose();
        Assert.True(scratch.Span.IsEmpty);
    }

    [Fact]
    public void DefaultIsEmptyAndDisposable()
    {
        NativeScratch<double> scratch = default;
        Assert.True(scratch.Span.IsEmpty);
        scratch.Dispose();
    }

    [Fact]
    public void TakingAndFreeingAllocatesNothingOnTheManagedHeap()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            using var scratch = new NativeScratch<float>(1 << 20);
            scratch.Span[^1] = i;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static unsafe long AddressOf<T>(Span<T> span)
        where T : unmanaged
    {
        fixed (T* first = span)
        {
            return (long)first;
        }
    }
}
