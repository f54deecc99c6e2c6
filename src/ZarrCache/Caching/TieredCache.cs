namespace ZarrCache;

/// <summary>
/// Memory over disk: a lookup tries the memory tier, then the disk tier; a disk hit is promoted to memory. Values
/// are written to both tiers (<see cref="DiskWriteMode.WriteThrough"/>) or demoted to disk when memory evicts them
/// (<see cref="DiskWriteMode.OnEviction"/>). Expiries travel with the entries between tiers.
/// </summary>
/// <remarks>
/// A memory hit completes synchronously and allocates nothing (as the memory tier does). Copies between the tiers
/// (promotion, demotion) never bring back a value that a completed <see cref="SetAsync(StoreKey, ReadOnlyMemory{byte}, CacheEntryOptions, CancellationToken)"/>,
/// <see cref="RemoveAsync"/>, <see cref="RemovePrefixAsync"/> or <see cref="ClearAsync"/> replaced or removed: a copy
/// of a value read before such a call began is made only if the call has not begun, and the call waits for copies in
/// progress before it touches the tier they write to. <see cref="Stats"/> counts
/// lookups of this cache (hits in either tier, misses in both) and adds up the tiers' inserts, evictions, entries and
/// bytes (an entry held by both tiers counts in each); <see cref="MemoryStats"/> and <see cref="DiskStats"/> give
/// each tier's own figures.
/// </remarks>
public sealed class TieredCache : IPersistentCache, IMemoryBudget
{
    private readonly IExpiringCache _memory;
    private readonly IExpiringCache _disk;
    private readonly long _memoryMaxEntry;
    private readonly WriteFence _fence = new();

    /// <summary>The fence's versions taken before this thread's memory insert, for the demotions it causes.</summary>
    [ThreadStatic]
    private static long[]? t_versionsBeforeInsert;

    [ThreadStatic]
    private static TieredCache? t_inserting;
    private readonly TieredCounters _counters = new();

    /// <summary>Layers <paramref name="memory"/> over <paramref name="disk"/>.</summary>
    /// <param name="memory">The upper tier; must store expiries (<see cref="IExpiringCache"/>), and with
    /// <see cref="DiskWriteMode.OnEviction"/> must report evictions (as <see cref="LruMemoryCache"/> and <see cref="S3FifoMemoryCache"/> do).</param>
    /// <param name="disk">The lower tier; must store expiries.</param>
    /// <param name="options">The options; null for the defaults.</param>
    /// <exception cref="ArgumentException">A tier cannot be used as asked.</exception>
    public TieredCache(ICache memory, ICache disk, TieredCacheOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(disk);
        Options = options ?? new TieredCacheOptions();
        _memory = memory as IExpiringCache
            ?? throw new ArgumentException($"The memory tier ({memory.GetType().Name}) does not store expiries (IExpiringCache).", nameof(memory));
        _disk = disk as IExpiringCache
            ?? throw new ArgumentException($"The disk tier ({disk.GetType().Name}) does not store expiries (IExpiringCache).", nameof(disk));
        _memoryMaxEntry = memory is IMemoryBudget budget ? budget.MaxEntrySize : memory.MaxSize;
        if (Options.DiskWrites == DiskWriteMode.OnEviction)
        {
            var source = memory as IEvictionSource
                ?? throw new ArgumentException($"Demotion on eviction needs a memory tier that reports evictions; {memory.GetType().Name} does not.", nameof(memory));
            source.EntryEvicted += Demote;
        }
    }

    /// <summary>The memory tier.</summary>
    public ICache Memory => _memory;

    /// <summary>The disk tier.</summary>
    public ICache Disk => _disk;

    /// <inheritdoc />
    /// <remarks>Whether either tier persists (an <see cref="IPersistentCache"/> that says so): the lower one, or an upper
    /// one that is itself tiered over a disk (memory → disk → a shared tier).</remarks>
    public bool IsPersistent =>
        _disk is IPersistentCache { IsPersistent: true } || _memory is IPersistentCache { IsPersistent: true };

    /// <inheritdoc />
    /// <remarks>The memory tier's budget (through an upper tier that is itself tiered, its memory's).</remarks>
    public long MemoryMaxSize => _memory is IMemoryBudget budget ? budget.MemoryMaxSize : _memory.MaxSize;

    /// <inheritdoc />
    /// <remarks>The memory tier's largest entry.</remarks>
    public long MaxEntrySize => _memoryMaxEntry;

    /// <summary>The options.</summary>
    public TieredCacheOptions Options { get; }

    /// <summary>The memory tier's own statistics.</summary>
    public CacheStats MemoryStats => _memory.Stats;

    /// <summary>The disk tier's own statistics (with its corrupt entries).</summary>
    public CacheStats DiskStats => _disk.Stats;

    /// <summary>Disk hits copied into memory.</summary>
    public long Promotions => _counters.Promotions;

    /// <summary>Memory evictions written to disk (<see cref="DiskWriteMode.OnEviction"/>).</summary>
    public long Demotions => _counters.Demotions;

    /// <inheritdoc />
    public long Size => _memory.Size + _disk.Size;

    /// <inheritdoc />
    public long MaxSize => _memory.MaxSize + _disk.MaxSize;

    /// <inheritdoc />
    public CacheStats Stats => _counters.Combine(_memory.Stats, _disk.Stats);

    /// <inheritdoc />
    public ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        var lookup = GetEntryAsync(key, cancellationToken);
        return lookup.IsCompletedSuccessfully ? new(lookup.Result?.Value) : ValueOfAsync(lookup);
    }

    /// <inheritdoc />
    public ValueTask<CacheEntry?> GetEntryAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        var lookup = _memory.GetEntryAsync(key, cancellationToken);
        if (!lookup.IsCompletedSuccessfully)
        {
            return GetSlowAsync(key, lookup, cancellationToken);
        }

        if (lookup.Result is { } hit)
        {
            _counters.MemoryHit(hit.Value.Length);
            return new(hit);
        }

        return GetFromDiskAsync(key, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        SetAsync(key, value, CacheEntryOptions.None, cancellationToken);

    /// <inheritdoc />
    public async ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CacheEntryOptions options, CancellationToken cancellationToken = default)
    {
        // Promotions and demotions of an older value finish before the tiers change, and none starts meanwhile. The
        // older value leaves memory inside that window, so no later eviction can demote it over the new disk copy.
        await _fence.BeginWriteAsync(key).ConfigureAwait(false);
        try
        {
            await _memory.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
            if (Options.DiskWrites == DiskWriteMode.WriteThrough || value.Length > _memoryMaxEntry)
            {
                await _disk.SetAsync(key, value, options, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // The disk copy (if any) is superseded; the new value reaches disk when memory evicts it.
                await _disk.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _fence.EndWrite(key);
        }

        // Outside the window, so that the entries this insert evicts are demoted (a demotion within a write of its
        // stripe is skipped). A promotion from now on reads the new disk copy, or none.
        await SetInMemoryAsync(key, value, options, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RemoveAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        await _fence.BeginWriteAsync(key).ConfigureAwait(false);
        try
        {
            await _memory.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
            await _disk.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _fence.EndWrite(key);
        }
    }

    /// <inheritdoc />
    public async ValueTask RemovePrefixAsync(StorePrefix prefix, CancellationToken cancellationToken = default)
    {
        await _fence.BeginWriteAllAsync().ConfigureAwait(false);
        try
        {
            await _memory.RemovePrefixAsync(prefix, cancellationToken).ConfigureAwait(false);
            await _disk.RemovePrefixAsync(prefix, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _fence.EndWriteAll();
        }
    }

    /// <inheritdoc />
    public async ValueTask ClearAsync(CancellationToken cancellationToken = default)
    {
        await _fence.BeginWriteAllAsync().ConfigureAwait(false);
        try
        {
            await _memory.ClearAsync(cancellationToken).ConfigureAwait(false);
            await _disk.ClearAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _fence.EndWriteAll();
        }
    }

    /// <summary>
    /// Drops a key from the upper tier only, the lower one keeping its entry (for a shared lower tier that another
    /// process already updated). Fenced as a write: a promotion of a value read from the lower tier before this call
    /// does not bring the dropped value back.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the key is gone from the upper tier.</returns>
    public async ValueTask RemoveFromUpperAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        await _fence.BeginWriteAsync(key).ConfigureAwait(false);
        try
        {
            await _memory.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _fence.EndWrite(key);
        }
    }

    /// <summary>Drops every key under a prefix (the root prefix: everything) from the upper tier only, as <see cref="RemoveFromUpperAsync"/> does one key.</summary>
    /// <param name="prefix">The prefix.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the keys are gone from the upper tier.</returns>
    public async ValueTask RemovePrefixFromUpperAsync(StorePrefix prefix, CancellationToken cancellationToken = default)
    {
        await _fence.BeginWriteAllAsync().ConfigureAwait(false);
        try
        {
            if (prefix.IsRoot)
            {
                await _memory.ClearAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _memory.RemovePrefixAsync(prefix, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _fence.EndWriteAll();
        }
    }

    private static async ValueTask<ReadOnlyMemory<byte>?> ValueOfAsync(ValueTask<CacheEntry?> lookup) =>
        (await lookup.ConfigureAwait(false))?.Value;

    private async ValueTask<CacheEntry?> GetSlowAsync(StoreKey key, ValueTask<CacheEntry?> memoryLookup, CancellationToken cancellationToken)
    {
        if (await memoryLookup.ConfigureAwait(false) is { } hit)
        {
            _counters.MemoryHit(hit.Value.Length);
            return hit;
        }

        return await GetFromDiskAsync(key, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<CacheEntry?> GetFromDiskAsync(StoreKey key, CancellationToken cancellationToken)
    {
        var version = _fence.VersionOf(key); // Before the disk read: a promotion of what it finds must not outlive a write.
        if (await _disk.GetEntryAsync(key, cancellationToken).ConfigureAwait(false) is not { } entry)
        {
            _counters.Miss();
            return null;
        }

        _counters.DiskHit(entry.Value.Length);
        if (Options.PromoteOnDiskHit && _fence.TryEnter(key, version))
        {
            try
            {
                // Promotion must not demote the value straight back: with OnEviction the disk already holds it.
                await SetInMemoryAsync(key, entry.Value, CacheEntryOptions.Of(entry), cancellationToken).ConfigureAwait(false);
                _counters.Promoted();
            }
            finally
            {
                _fence.Exit(key);
            }
        }

        return entry;
    }

    /// <summary>
    /// Inserts into memory; with demotion on, first notes the fence's versions, so that an entry this insert evicts is
    /// demoted only if no write of its key began since (the memory tiers report evictions on the inserting thread).
    /// </summary>
    private ValueTask SetInMemoryAsync(StoreKey key, ReadOnlyMemory<byte> value, CacheEntryOptions options, CancellationToken cancellationToken)
    {
        if (Options.DiskWrites != DiskWriteMode.OnEviction)
        {
            return _memory.SetAsync(key, value, options, cancellationToken);
        }

        _fence.CopyVersionsTo(t_versionsBeforeInsert ??= new long[WriteFence.StripeCount]);
        t_inserting = this;
        try
        {
            return _memory.SetAsync(key, value, options, cancellationToken);
        }
        finally
        {
            t_inserting = null;
        }
    }

    private void Demote(object? sender, CacheEntryEvictedEventArgs e)
    {
        // Eviction by this cache's own insert on this thread: the versions from before it. Otherwise (an insert into the
        // memory tier from outside) the version now, which leaves a window of one eviction's duration.
        var version = ReferenceEquals(t_inserting, this)
            ? WriteFence.VersionOf(e.Key, t_versionsBeforeInsert)
            : _fence.VersionOf(e.Key);
        var entered = _fence.TryEnter(e.Key, version);
        try
        {
            // A demotion that races a write of its key is skipped, and the disk copy (maybe older still) dropped.
            var write = entered
                ? _disk.SetAsync(e.Key, e.Entry.Value, CacheEntryOptions.Of(e.Entry), CancellationToken.None)
                : _disk.RemoveAsync(e.Key, CancellationToken.None);
            if (!write.IsCompletedSuccessfully)
            {
                write.AsTask().GetAwaiter().GetResult();
            }

            if (entered)
            {
                _counters.Demoted();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A failed demotion loses a cached copy, never data: the origin still has it.
        }
        finally
        {
            if (entered)
            {
                _fence.Exit(e.Key);
            }
        }
    }
}
