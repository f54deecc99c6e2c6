namespace ZarrCache;

/// <summary>
/// A store that values can be read from: whole values, byte ranges of them, and their sizes.
/// A missing key is a normal result (<see langword="null"/>), never an exception.
/// </summary>
public interface IReadableStore
{
    /// <summary>Reads a whole value.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The value, or <see langword="null"/> when the key is missing.</returns>
    ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default);

    /// <summary>Reads one byte range of a value, clamped to its end as HTTP does.</summary>
    /// <param name="key">The key.</param>
    /// <param name="range">The range.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The bytes, or <see langword="null"/> when the key is missing.</returns>
    ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken = default);

    /// <summary>Reads several byte ranges of one value in one call.</summary>
    /// <param name="key">The key.</param>
    /// <param name="ranges">The ranges, in the order the results come back.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One result per range, or <see langword="null"/> when the key is missing.</returns>
    ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetRangesAsync(
        StoreKey key, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken = default);

    /// <summary>The size of a value in bytes.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The size, or <see langword="null"/> when the key is missing.</returns>
    ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken = default);
}
