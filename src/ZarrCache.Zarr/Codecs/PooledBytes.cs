using System.Buffers;

namespace ZarrCache.Zarr.Codecs;

/// <summary>
/// Decoded bytes that may sit in an array rented from <see cref="ArrayPool{T}.Shared"/> (<see cref="Rented"/>), which
/// <see cref="Dispose"/> returns; dispose once. Without a rental the bytes are a slice of the input or a new array.
/// </summary>
internal readonly struct PooledBytes(ReadOnlyMemory<byte> memory, byte[]? rented) : IDisposable
{
    /// <summary>The decoded bytes.</summary>
    public ReadOnlyMemory<byte> Memory { get; } = memory;

    /// <summary>The rented array under <see cref="Memory"/>, or null when nothing was rented.</summary>
    public byte[]? Rented { get; } = rented;

    /// <summary>Rents <paramref name="size"/> bytes and has <paramref name="codec"/> decode into exactly them; the rental goes back on failure.</summary>
    public static PooledBytes DecodeInto(IBytesToBytesCodec codec, ReadOnlyMemory<byte> encoded, int size, string key)
    {
        if (size == 0)
        {
            codec.DecodeInto(encoded, [], key);
            return new PooledBytes(ReadOnlyMemory<byte>.Empty, null);
        }

        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            codec.DecodeInto(encoded, rented.AsSpan(0, size), key);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(rented);
            throw;
        }

        return new PooledBytes(rented.AsMemory(0, size), rented);
    }

    /// <summary>Returns the rental, if any.</summary>
    public void Dispose()
    {
        if (Rented is not null)
        {
            ArrayPool<byte>.Shared.Return(Rented);
        }
    }
}
