using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetCompiler;

/// <summary>
/// A working buffer too large for the stack, for one call of a generated method: native memory on a
/// 64-byte (cache-line) boundary, outside the managed heap, so taking it allocates nothing the
/// garbage collector sees, on the first call of a thread as on every other. The values start
/// undefined; <see cref="Dispose"/> frees them (in a <c>using</c>, when the call is done).
/// Public only because generated code lives in the user's assembly; not meant to be used directly.
/// A copy shares the memory, so only one copy may be disposed; after that none may be used.
/// </summary>
/// <typeparam name="T">The type of the values (float, double, or the offsets of a pooling scan).</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public unsafe ref struct NativeScratch<T>
    where T : unmanaged
{
    private const int Alignment = 64;

    private T* _first;
    private readonly int _length;

    /// <summary>Room for <paramref name="length"/> values, not initialised.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is zero or negative.</exception>
    /// <exception cref="OutOfMemoryException">The memory cannot be had.</exception>
    public NativeScratch(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        nuint bytes = checked((nuint)length * (nuint)sizeof(T));
        _first = (T*)NativeMemory.AlignedAlloc(bytes, Alignment);
        _length = length;
    }

    /// <summary>All the values, the first on a 64-byte boundary; empty once disposed.</summary>
    public readonly Span<T> Span
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _first == null ? default : new Span<T>(_first, _length);
    }

    /// <summary>Frees the memory. Calling it again does nothing.</summary>
    public void Dispose()
    {
        if (_first != null)
        {
            NativeMemory.AlignedFree(_first);
            _first = null;
        }
    }
}
