using System.Buffers;

namespace ZarrCache.Zarr;

/// <summary>
/// A typed read result whose elements live in an array rented from <see cref="ArrayPool{T}.Shared"/>
/// (<see cref="ZarrArray.ReadPooledAsync{T}"/>): <see cref="Dispose"/> hands the array back, so a loop of reads reuses
/// memory instead of allocating a new large array per read. Use it in a <c>using</c>; once disposed, its elements
/// must not be touched (<see cref="Memory"/> and <see cref="Span"/> then throw, but a <see cref="Memory{T}"/> or span
/// taken before would see the next reader's data).
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class PooledArrayData<T> : IMemoryOwner<T>
    where T : unmanaged
{
    private readonly int _length;
    private T[]? _array;

    internal PooledArrayData(T[] array, int length, IReadOnlyList<long> shape)
    {
        _array = array;
        _length = length;
        Shape = shape;
    }

    /// <summary>The elements in C order (exactly <see cref="Length"/> of them; the rented array may be longer).</summary>
    /// <exception cref="ObjectDisposedException">The result was disposed.</exception>
    public Memory<T> Memory => new(Array(), 0, _length);

    /// <summary>The elements in C order.</summary>
    /// <exception cref="ObjectDisposedException">The result was disposed.</exception>
    public Span<T> Span => new(Array(), 0, _length);

    /// <summary>The shape (dimensions selected by an index dropped).</summary>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>The number of elements.</summary>
    public int Length => _length;

    /// <summary>Hands the array back to the pool; calling it again does nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _array, null) is { } array)
        {
            ArrayPool<T>.Shared.Return(array);
        }
    }

    /// <summary>Rents an array for <paramref name="length"/> elements (not cleared: the read writes every one).</summary>
    internal static T[] Rent(int length) => ArrayPool<T>.Shared.Rent(length);

    /// <summary>Hands back an array <see cref="Rent"/> gave when the read that was to fill it failed.</summary>
    internal static void Return(T[] array) => ArrayPool<T>.Shared.Return(array);

    private T[] Array() => _array ?? throw new ObjectDisposedException(nameof(PooledArrayData<T>), "The read result was disposed: its array went back to the pool.");
}
