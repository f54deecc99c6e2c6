namespace ZarrCache;

/// <summary>Helpers for stores that serve ranges from a whole value they already hold.</summary>
public static class ByteRanges
{
    /// <summary>Slices each range out of one whole value; the results share the value's memory.</summary>
    /// <param name="value">The whole value.</param>
    /// <param name="ranges">The ranges.</param>
    /// <returns>One slice per range.</returns>
    public static IReadOnlyList<ReadOnlyMemory<byte>> SliceAll(ReadOnlyMemory<byte> value, IReadOnlyList<ByteRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var results = new ReadOnlyMemory<byte>[ranges.Count];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = ranges[i].Slice(value);
        }

        return results;
    }

    /// <summary>Reads several ranges one by one through <see cref="IReadableStore.GetRangeAsync"/>.</summary>
    /// <param name="store">The store.</param>
    /// <param name="key">The key.</param>
    /// <param name="ranges">The ranges.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>One result per range, or <see langword="null"/> when the key is missing.</returns>
    public static async ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetEachAsync(
        IReadableStore store, StoreKey key, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(ranges);
        var results = new ReadOnlyMemory<byte>[ranges.Count];
        for (var i = 0; i < results.Length; i++)
        {
            var part = await store.GetRangeAsync(key, ranges[i], cancellationToken).ConfigureAwait(false);
            if (part is null)
            {
                return null;
            }

            results[i] = part.Value;
        }

        return results;
    }

    /// <summary>
    /// Reads several ranges at once, one <see cref="IReadableStore.GetRangeAsync"/> each, unmerged and unbounded. A
    /// remote origin does better with a <see cref="RangeReader"/> (merged ranges, bounded concurrency, checked answers).
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="key">The key.</param>
    /// <param name="ranges">The ranges.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>One result per range, in order, or <see langword="null"/> when the key is missing.</returns>
    public static async ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetConcurrentlyAsync(
        IReadableStore store, StoreKey key, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(ranges);
        var tasks = new Task<ReadOnlyMemory<byte>?>[ranges.Count];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = store.GetRangeAsync(key, ranges[i], cancellationToken).AsTask();
        }

        var results = await Task.WhenAll(tasks).ConfigureAwait(false);
        var list = new ReadOnlyMemory<byte>[results.Length];
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i] is not { } bytes)
            {
                return null;
            }

            list[i] = bytes;
        }

        return list;
    }
}
