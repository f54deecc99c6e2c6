using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ZarrCache.Zarr.Codecs;

namespace ZarrCache.Zarr;

/// <summary>
/// Decoded chunks kept in memory under one exact byte budget, shared by any number of arrays (zarrs' decoded chunk
/// caches are the model): a warm read copies elements out of it instead of decoding the chunk again. Eviction is the
/// memory tier's scan-resistant S3-FIFO (<see cref="S3FifoMemoryCache"/>, the same implementation), so one pass over
/// more data than the budget does not flush the chunks read again and again.
/// </summary>
/// <remarks>
/// <para>Give it to arrays with <see cref="ZarrArrayOptions.ChunkCache"/>. Entries are keyed by the array (its store,
/// path and metadata) and the chunk; for a sharded array the inner chunks are the units kept.</para>
/// <list type="bullet">
/// <item>Concurrent reads of one chunk decode it once; the others await that decode.</item>
/// <item>A missing chunk is kept as "fill" (charged <see cref="FillEntrySize"/> bytes), not as a buffer of fill values.</item>
/// <item>A decoded chunk is never staler than the encoded bytes beneath it: writes through <see cref="ZarrArray"/> drop
/// it; over an <see cref="ICachingStore"/> (a <see cref="CachedStore"/>), a write, delete or invalidation of the chunk's
/// key there drops it too (the key's version, <see cref="ICachingStore.VersionOf"/>, is part of the entry's key), and it
/// expires when the cached copy it was decoded from expires (TTL, a missing mark's expiry; see <see cref="CacheValidity"/>).
/// Over a store that caches nothing, only writes through a <see cref="ZarrArray"/> opened with the same cache are seen.</item>
/// <item>It pays for repeated reads of the same chunks; one pass over data larger than the budget gains nothing from it.</item>
/// </list>
/// </remarks>
public sealed class DecodedChunkCache
{
    /// <summary>What a "fill" entry (a missing chunk) is charged against the budget, in bytes.</summary>
    public const int FillEntrySize = 64;

    private const int WriteStripes = 64;
    private static readonly byte[] FillMarker = new byte[FillEntrySize];
    private static readonly ConditionalWeakTable<object, StrongBox<long>> StoreIds = new();
    private static long s_nextStoreId;
    private readonly S3FifoMemoryCache _chunks;
    private readonly ConcurrentDictionary<string, Task<DecodedUnit>> _decoding = new();
    private readonly ConcurrentDictionary<string, long> _arrays = new();
    private readonly long[] _writeVersions = new long[WriteStripes];
    private long _nextArrayId;
    private long _coalesced;
    private long _expired;
    private long _hits;
    private long _misses;
    private long _bytesServed;

    /// <summary>Creates a cache that holds at most <paramref name="maxSizeBytes"/> bytes of decoded chunks.</summary>
    /// <param name="maxSizeBytes">The byte budget; positive.</param>
    /// <param name="name">Its name on the <c>ZarrCache</c> meter's instruments (tag <c>zarrcache.cache</c>); null for <c>decoded-chunks</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxSizeBytes"/> is zero or negative.</exception>
    public DecodedChunkCache(long maxSizeBytes, string? name = null)
    {
        Name = name ?? "decoded-chunks";
        if (maxSizeBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSizeBytes), maxSizeBytes, $"maxSizeBytes: the decoded-chunk cache's budget must be positive, not {maxSizeBytes}.");
        }

        _chunks = new S3FifoMemoryCache(maxSizeBytes);
        ZarrDiagnostics.Register(this);
    }

    /// <summary>Its name on the <c>ZarrCache</c> meter's instruments (tag <c>zarrcache.cache</c>).</summary>
    public string Name { get; }

    /// <summary>The byte budget.</summary>
    public long MaxSize => _chunks.MaxSize;

    /// <summary>The bytes held: decoded chunks' bytes plus <see cref="FillEntrySize"/> per fill entry; never above <see cref="MaxSize"/>.</summary>
    public long Size => _chunks.Size;

    /// <summary>The number of entries held.</summary>
    public int Count => _chunks.Count;

    /// <summary>
    /// Hits (a unit's part of a read copied from a kept decoded unit) and misses (a unit fetched and decoded, or awaited
    /// while another read decoded it; a kept unit no longer current counts as a miss), bytes served from kept units,
    /// inserts, rejections (units larger than the budget), evictions, entries, bytes held, coalesced waits (misses that
    /// awaited another read's decode) and expired entries.
    /// </summary>
    public CacheStats Stats => _chunks.Stats with
    {
        Hits = Interlocked.Read(ref _hits),
        Misses = Interlocked.Read(ref _misses),
        BytesServed = Interlocked.Read(ref _bytesServed),
        CoalescedWaits = Interlocked.Read(ref _coalesced),
        ExpiredEntries = Interlocked.Read(ref _expired),
    };

    /// <summary>Drops every decoded chunk.</summary>
    public void Clear() => _chunks.ClearAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Binds the cache to one array: its entries are keyed by the store, the path and the metadata's fingerprint.</summary>
    internal IDecodedChunks Bind(IReadableStore store, string path, string fingerprint)
    {
        var storeId = StoreIds.GetValue(store, _ => new StrongBox<long>(Interlocked.Increment(ref s_nextStoreId))).Value;
        // Every id is taken once from the counter (two arrays counted at once can never share one).
        var arrayId = _arrays.GetOrAdd($"{storeId}\n{path}\n{fingerprint}", _ => Interlocked.Increment(ref _nextArrayId));
        return new Binding(this, arrayId.ToString(System.Globalization.CultureInfo.InvariantCulture), store as ICachingStore);
    }

    private ref long WriteVersion(StoreKey key) => ref _writeVersions[(key.GetHashCode() & int.MaxValue) % WriteStripes];

    /// <summary>A decoded unit: its elements, or "fill" (null) for a missing one.</summary>
    private sealed record DecodedUnit(byte[]? Bytes);

    private sealed class Binding(DecodedChunkCache cache, string arrayId, ICachingStore? store) : IDecodedChunks
    {
        private readonly TimeProvider _time = store?.TimeProvider ?? TimeProvider.System;

        public bool KeepsChunks => true;

        public DecodeTicket Begin(StoreKey key)
        {
            var storeVersion = store?.VersionOf(key) ?? 0;
            var writeVersion = Volatile.Read(ref cache.WriteVersion(key));
            return new DecodeTicket(key, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{arrayId}:{key.Value}@{storeVersion}.{writeVersion}"));
        }

        public bool TryPlace(in DecodeTicket ticket, int unit, ChunkRepresentation representation, long[] regionStart, long[] regionCount, RegionTarget target)
        {
            var key = UnitKey(ticket, unit);
            if (!cache._chunks.TryGetEntry(key, out var entry))
            {
                return false;
            }

            if (entry.IsExpiredAt(_time.GetUtcNow().UtcTicks))
            {
                Interlocked.Increment(ref cache._expired);
                cache._chunks.Remove(key);
                return false;
            }

            if (IsFill(entry.Value))
            {
                ChunkPlacement.Fill(representation, regionCount, target);
            }
            else
            {
                ChunkPlacement.Copy(entry.Value.Span, representation, regionStart, regionCount, target);
            }

            Interlocked.Increment(ref cache._hits);
            Interlocked.Add(ref cache._bytesServed, regionCount.Aggregate((long)representation.DataType.Size, (a, b) => a * b));
            return true;
        }

        public async ValueTask PlaceAsync(
            DecodeTicket ticket, int unit, CodecChain codecs, ChunkRepresentation representation, long[] regionStart, long[] regionCount,
            RegionTarget target, Func<CancellationToken, ValueTask<FetchedChunk>> fetch, CancellationToken cancellationToken)
        {
            var key = UnitKey(ticket, unit);
            Interlocked.Increment(ref cache._misses);
            while (true)
            {
                if (cache._decoding.TryGetValue(key.Value, out var running))
                {
                    if (running.IsCompleted)
                    {
                        // Finished, its entry not yet removed: its chunk may have expired or its failure passed since.
                        cache._decoding.TryRemove(new KeyValuePair<string, Task<DecodedUnit>>(key.Value, running));
                        continue;
                    }

                    DecodedUnit shared;
                    try
                    {
                        Interlocked.Increment(ref cache._coalesced);
                        shared = await running.WaitAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        continue; // the decoding reader was cancelled: decode here instead
                    }

                    Place(shared.Bytes, representation, regionStart, regionCount, target);
                    return;
                }

                var decode = new TaskCompletionSource<DecodedUnit>(TaskCreationOptions.RunContinuationsAsynchronously);
                if (!cache._decoding.TryAdd(key.Value, decode.Task))
                {
                    continue;
                }

                DecodedUnit decoded;
                try
                {
                    var fetched = await fetch(cancellationToken).ConfigureAwait(false);
                    decoded = new DecodedUnit(fetched.Bytes is { } bytes
                        ? ChunkPlacement.Decode(codecs, bytes, representation, ChunkPlacement.UnitName(ticket.Key, unit))
                        : null);
                    Keep(key, decoded, fetched.ValidUntilUtcTicks);
                }
                catch (OperationCanceledException)
                {
                    decode.SetCanceled(CancellationToken.None);
                    throw;
                }
                catch (Exception e)
                {
                    decode.SetException(e);
                    _ = decode.Task.Exception; // observed here; waiters get it too
                    throw;
                }
                finally
                {
                    cache._decoding.TryRemove(new KeyValuePair<string, Task<DecodedUnit>>(key.Value, decode.Task));
                }

                decode.SetResult(decoded); // after the removal: a later reader finds the kept chunk, never a finished decode
                Place(decoded.Bytes, representation, regionStart, regionCount, target);
                return;
            }
        }

        public void BeginWrite(StoreKey key) => Interlocked.Increment(ref cache.WriteVersion(key));

        public void EndWrite(StoreKey key) => Interlocked.Increment(ref cache.WriteVersion(key));

        private static StoreKey UnitKey(in DecodeTicket ticket, int unit) =>
            new(unit < 0 ? ticket.Version : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ticket.Version}#{unit}"));

        private static bool IsFill(ReadOnlyMemory<byte> value) =>
            System.Runtime.InteropServices.MemoryMarshal.TryGetArray(value, out var segment) && ReferenceEquals(segment.Array, FillMarker);

        private static void Place(byte[]? decoded, ChunkRepresentation representation, long[] regionStart, long[] regionCount, RegionTarget target)
        {
            if (decoded is null)
            {
                ChunkPlacement.Fill(representation, regionCount, target);
            }
            else
            {
                ChunkPlacement.Copy(decoded, representation, regionStart, regionCount, target);
            }
        }

        private void Keep(StoreKey key, DecodedUnit decoded, long validUntilUtcTicks)
        {
            if (validUntilUtcTicks != long.MaxValue && _time.GetUtcNow().UtcTicks >= validUntilUtcTicks)
            {
                return; // decoded from a copy that is already expired (or was never kept): nothing to keep
            }

            var expires = validUntilUtcTicks == long.MaxValue ? CacheEntry.NeverExpires : validUntilUtcTicks;
            cache._chunks.SetWithoutCopy(key, decoded.Bytes ?? FillMarker, new CacheEntryOptions { ExpiresAtUtcTicks = expires });
        }
    }
}
