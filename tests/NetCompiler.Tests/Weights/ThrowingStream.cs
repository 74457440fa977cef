using System;
using System.IO;

namespace NetCompiler.Tests.Weights;

/// <summary>
/// Passes writes to an inner stream until <c>limit</c> bytes have gone through, then writes
/// what still fits and throws an <see cref="IOException"/>, as a full disk would.
/// </summary>
internal sealed class ThrowingStream(Stream inner, long limit) : Stream
{
    public long Written { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        long room = limit - Written;
        if (buffer.Length > room)
        {
            inner.Write(buffer[..(int)room]);
            Written = limit;
            throw new IOException("Simulated failure: no space left on device.");
        }

        inner.Write(buffer);
        Written += buffer.Length;
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
