using System.Collections.Concurrent;

namespace ZarrCache.Tests.TestSupport;

/// <summary>
/// An in-memory <see cref="IVersionedStore"/> that counts its requests by kind: plain reads, versioned reads,
/// conditional reads and how many of those answered "not modified". It can fail every request, or hold them at a gate.
/// </summary>
internal sealed class FakeVersionedStore : IReadableStore, IVersionedStore
{
    private readonly ConcurrentDictionary<string, StoreValue> _values = new();
    private int _version;
    private int _plainReads;
    private int _versionedReads;
    private int _conditionalReads;
    private int _notModified;
    private long _bytesSent;

    /// <summary>When set, every request throws this.</summary>
    public Exception? Failure { get; set; }

    /// <summary>When set, every request waits for it before answering.</summary>
    public Task? Gate { get; set; }

    public int PlainReads => Volatile.Read(ref _plainReads);

    public int VersionedReads => Volatile.Read(ref _versionedReads);

    public int ConditionalReads => Volatile.Read(ref _conditionalReads);

    public int NotModified => Volatile.Read(ref _notModified);

    /// <summary>Bytes of values sent (a 304 sends none).</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Sets a value under a new ETag.</summary>
    public void Put(string key, byte[] value) =>
        _values[key] = new StoreValue(value, $"\"v{Interlocked.Increment(ref _version)}\"");

    public void Delete(string key) => _values.TryRemove(key, out _);

    public async ValueTask<StoreValue?> GetWithVersionAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _versionedReads);
        return Send(key);
    }

    public async ValueTask<ConditionalGetResult> GetIfNoneMatchAsync(StoreKey key, string etag, CancellationToken cancellationToken = default)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _conditionalReads);
        if (!_values.TryGetValue(key.Value, out var current))
        {
            return ConditionalGetResult.Missing;
        }

        if (current.ETag == etag)
        {
            Interlocked.Increment(ref _notModified);
            return ConditionalGetResult.NotModified;
        }

        return ConditionalGetResult.Modified(Send(key)!.Value);
    }

    public async ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _plainReads);
        return Send(key)?.Bytes;
    }

    public async ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken = default) =>
        await GetAsync(key, cancellationToken).ConfigureAwait(false) is { } value ? range.Slice(value) : null;

    public async ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetRangesAsync(StoreKey key, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken = default) =>
        await GetAsync(key, cancellationToken).ConfigureAwait(false) is { } value ? ranges.Select(r => r.Slice(value)).ToList() : null;

    public ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        new(_values.TryGetValue(key.Value, out var value) ? value.Bytes.Length : null);

    private async ValueTask EnterAsync(CancellationToken cancellationToken)
    {
        if (Gate is { } gate)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (Failure is { } failure)
        {
            throw failure;
        }
    }

    private StoreValue? Send(StoreKey key)
    {
        if (!_values.TryGetValue(key.Value, out var value))
        {
            return null;
        }

        Interlocked.Add(ref _bytesSent, value.Bytes.Length);
        return value;
    }
}
