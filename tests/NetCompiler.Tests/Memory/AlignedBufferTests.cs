using System;
using NetCompiler.Tests.Networks;

namespace NetCompiler.Tests.Memory;

/// <summary><see cref="AlignedBuffer{T}"/>, and the alignment of a generated network's parameters and gradients.</summary>
public class AlignedBufferTests
{
    private const int CacheLine = 64;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(101_770)]
    public void FloatBufferStartsOnACacheLineAndIsZeroed(int length)
    {
        for (int attempt = 0; attempt < 8; attempt++)
        {
            var buffer = new AlignedBuffer<float>(length);
            Assert.Equal(length, buffer.Length);
            Assert.Equal(length, buffer.Span.Length);
            Assert.Equal(0, AddressOf(buffer.Span) % CacheLine);
            Assert.True(buffer.Span.IndexOfAnyExcept(0f) < 0);
        }
    }

    [Fact]
    public void DoubleBufferStartsOnACacheLine()
    {
        for (int attempt = 0; attempt < 8; attempt++)
        {
            var buffer = new AlignedBuffer<double>(1000);
            Assert.Equal(0, AddressOf(buffer.Span) % CacheLine);
        }
    }

    [Fact]
    public void OriginIsTheFirstValueOfTheSpan()
    {
        var buffer = new AlignedBuffer<float>(5);
        buffer.Origin = 3f;
        Assert.Equal(3f, buffer.Span[0]);
    }

    [Fact]
    public void OriginStaysTheFirstValueAfterACompactingCollection()
    {
        var buffer = new AlignedBuffer<float>(100);
        long before = AddressOf(buffer.Span);
        for (int i = 0; i < 10_000; i++)
        {
            GC.KeepAlive(new float[i % 64]);
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        buffer.Origin = 5f;
        Assert.Equal(before, AddressOf(buffer.Span));
        Assert.Equal(5f, buffer.Span[0]);
    }

    [Fact]
    public void NegativeLengthIsRejected()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new AlignedBuffer<float>(-1));
        Assert.Equal("length", exception.ParamName);
    }

    [Fact]
    public void GeneratedNetworkKeepsItsParametersAndGradientsOnCacheLines()
    {
        for (int attempt = 0; attempt < 8; attempt++)
        {
            var network = new WideDouble();
            Assert.Equal(0, AddressOf(network.Parameters) % CacheLine);
            Assert.Equal(0, AddressOf(network.Gradients) % CacheLine);
        }
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
