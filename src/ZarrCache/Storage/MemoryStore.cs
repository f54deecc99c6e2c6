using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace ZarrCache;

/// <summary>
/// A thread-safe store held in memory. Values are copied in on write and handed out without copying on read.
/// </summary>
public sealed class MemoryStore : IStore
{
    private readonly ConcurrentDictionary<StoreKey, byte[]> _values = new();

    /// <summary>The number of keys held.</summary>
    public int Count => _values.Count;

    /// <inheritdoc />
    public ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_values.TryGetValue(key, out var value) ? value : (ReadOnlyMemory<byte>?)null);
    }

    /// <inheritdoc />
    public ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_values.TryGetValue(key, out var value) ? range.Slice(value) : (ReadOnlyMemory<byte>?)null);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetRangesAsync(
        StoreKey key, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_values.TryGetValue(key, out var value) ? ByteRanges.SliceAll(value, ranges) : null);
    }

    /// <inheritdoc />
    public ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_values.TryGetValue(key, out var value) ? value.LongLength : null);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoreKey> ListAsync(
        StorePrefix prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var key in _values.Keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (key.IsUnder(prefix))
            {
                yield return key;
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoreEntry> ListDirAsync(
        StorePrefix prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var seenPrefixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in _values.Keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!key.IsUnder(prefix))
            {
                continue;
            }

            var rest = key.Value.AsSpan(prefix.Value.Length);
            var slash = rest.IndexOf('/');
            if (slash < 0)
            {
                yield return new StoreEntry(key.Value, IsPrefix: false);
            }
            else
            {
                var child = string.Concat(prefix.Value, rest[..(slash + 1)]);
                if (seenPrefixes.Add(child))
                {
                    yield return new StoreEntry(child, IsPrefix: true);
                }
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _values[key] = value.ToArray();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DeleteAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _values.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DeletePrefixAsync(StorePrefix prefix, CancellationToken cancellationToken = default)
    {
        foreach (var key in _values.Keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (key.IsUnder(prefix))
            {
                _values.TryRemove(key, out _);
            }
        }

        return ValueTask.CompletedTask;
    }
}
