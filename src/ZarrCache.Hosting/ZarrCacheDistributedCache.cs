using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;

namespace ZarrCache.Hosting;

/// <summary>
/// The other direction: a ZarrCache tier (a <see cref="DiskCache"/>, a memory tier, a <see cref="TieredCache"/>) as an
/// <see cref="IDistributedCache"/>, for example the L2 of a HybridCache: a byte-bounded, crash-safe local disk cache with
/// checksummed entries and exact budgets, where HybridCache would otherwise need a server.
/// </summary>
/// <remarks>
/// Keys are any non-empty strings (each becomes one <see cref="StoreKey"/> under <c>distributed/</c>, base64url-encoded).
/// Absolute and sliding expirations are both kept: an entry expires at the earlier of its absolute expiry and its
/// last access plus its sliding window; <see cref="Refresh"/> and a read move the latter on.
/// </remarks>
public sealed class ZarrCacheDistributedCache : IDistributedCache
{
    private const int HeaderSize = 16; // absolute expiry (ticks), sliding window (ticks)
    private readonly IExpiringCache _cache;
    private readonly TimeProvider _time;

    /// <summary>Offers <paramref name="cache"/> as an <see cref="IDistributedCache"/>.</summary>
    /// <param name="cache">The tier; it must store expiries (every ZarrCache tier does).</param>
    /// <param name="timeProvider">The clock for expirations; null for the system clock.</param>
    public ZarrCacheDistributedCache(IExpiringCache cache, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        _cache = cache;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public byte[]? Get(string key) => ReadAsync(key, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => ReadAsync(key, token).AsTask();

    /// <inheritdoc />
    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) =>
        SetAsync(key, value, options).GetAwaiter().GetResult();

    /// <inheritdoc />
    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        var now = _time.GetUtcNow();
        var absolute = options.AbsoluteExpirationRelativeToNow is { } relative ? now + relative : options.AbsoluteExpiration;
        if (absolute <= now)
        {
            throw new ArgumentOutOfRangeException(nameof(options), absolute, $"The absolute expiration of '{key}' must be in the future.");
        }

        var sliding = options.SlidingExpiration ?? TimeSpan.Zero;
        if (sliding < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), sliding, $"The sliding expiration of '{key}' must be positive.");
        }

        var stored = new byte[HeaderSize + value.Length];
        BinaryPrimitives.WriteInt64LittleEndian(stored, absolute?.UtcTicks ?? CacheEntry.NeverExpires);
        BinaryPrimitives.WriteInt64LittleEndian(stored.AsSpan(8), sliding.Ticks);
        value.CopyTo(stored.AsSpan(HeaderSize));
        await StoreAsync(KeyOf(key), stored, now, token).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    /// <inheritdoc />
    public async Task RefreshAsync(string key, CancellationToken token = default) =>
        _ = await ReadAsync(key, token).ConfigureAwait(false);

    /// <inheritdoc />
    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    /// <inheritdoc />
    public Task RemoveAsync(string key, CancellationToken token = default) => _cache.RemoveAsync(KeyOf(key), token).AsTask();

    private async ValueTask<byte[]?> ReadAsync(string key, CancellationToken token)
    {
        var storeKey = KeyOf(key);
        if (await _cache.GetEntryAsync(storeKey, token).ConfigureAwait(false) is not { } entry || entry.Value.Length < HeaderSize)
        {
            return null;
        }

        var now = _time.GetUtcNow();
        if (entry.IsExpiredAt(now.UtcTicks))
        {
            await _cache.RemoveAsync(storeKey, token).ConfigureAwait(false);
            return null;
        }

        var header = entry.Value.Span;
        if (BinaryPrimitives.ReadInt64LittleEndian(header[8..]) > 0)
        {
            // Sliding: the access moves the expiry on (up to the absolute one), as other IDistributedCache implementations do.
            await StoreAsync(storeKey, entry.Value.ToArray(), now, token).ConfigureAwait(false);
        }

        return entry.Value[HeaderSize..].ToArray();
    }

    private ValueTask StoreAsync(StoreKey key, byte[] stored, DateTimeOffset now, CancellationToken token)
    {
        var absolute = BinaryPrimitives.ReadInt64LittleEndian(stored);
        var sliding = BinaryPrimitives.ReadInt64LittleEndian(stored.AsSpan(8));
        var expires = sliding > 0 && sliding < long.MaxValue - now.UtcTicks ? Math.Min(absolute, now.UtcTicks + sliding) : absolute;
        return _cache.SetAsync(key, stored, new CacheEntryOptions { ExpiresAtUtcTicks = expires }, token);
    }

    private static StoreKey KeyOf(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var utf8 = Encoding.UTF8.GetBytes(key);
        return "distributed/" + Base64Url.EncodeToString(utf8);
    }
}
