namespace ZarrCache.Zarr.Codecs;

/// <summary>
/// Where the decoded units of an array's chunks (whole chunks, or the inner chunks of shards) come from: a
/// <see cref="DecodedChunkCache"/> keeps them for later reads, <see cref="NoDecodedChunks"/> decodes every read afresh
/// and straight into the reader's buffer.
/// </summary>
internal interface IDecodedChunks
{
    /// <summary>Whether decoded units are kept at all (else <see cref="TryPlace"/> never succeeds and need not be tried).</summary>
    bool KeepsChunks { get; }

    /// <summary>Takes the key's versions, before its bytes are read: a decoded copy kept later is tied to them.</summary>
    DecodeTicket Begin(StoreKey key);

    /// <summary>Places a region of a kept decoded unit into <paramref name="target"/>; false when none is kept (or no longer current).</summary>
    bool TryPlace(in DecodeTicket ticket, int unit, ChunkRepresentation representation, long[] regionStart, long[] regionCount, RegionTarget target);

    /// <summary>
    /// Fetches a unit's bytes, decodes them and places the region into <paramref name="target"/>; a cache keeps the
    /// decoded unit, and concurrent callers for one unit fetch and decode it once.
    /// </summary>
    ValueTask PlaceAsync(
        DecodeTicket ticket, int unit, CodecChain codecs, ChunkRepresentation representation, long[] regionStart, long[] regionCount,
        RegionTarget target, Func<CancellationToken, ValueTask<FetchedChunk>> fetch, CancellationToken cancellationToken);

    /// <summary>Begins a write of the key's bytes: decoded copies of it stop being served (now and after <see cref="EndWrite"/>).</summary>
    void BeginWrite(StoreKey key);

    /// <summary>Ends a write that <see cref="BeginWrite"/> began.</summary>
    void EndWrite(StoreKey key);
}

/// <summary>No decoded-chunk cache: every read decodes, straight into the reader's buffer when the layouts match.</summary>
internal sealed class NoDecodedChunks : IDecodedChunks
{
    public static readonly NoDecodedChunks Instance = new();

    private NoDecodedChunks()
    {
    }

    public bool KeepsChunks => false;

    public DecodeTicket Begin(StoreKey key) => new(key, string.Empty);

    public bool TryPlace(in DecodeTicket ticket, int unit, ChunkRepresentation representation, long[] regionStart, long[] regionCount, RegionTarget target) => false;

    public async ValueTask PlaceAsync(
        DecodeTicket ticket, int unit, CodecChain codecs, ChunkRepresentation representation, long[] regionStart, long[] regionCount,
        RegionTarget target, Func<CancellationToken, ValueTask<FetchedChunk>> fetch, CancellationToken cancellationToken)
    {
        var fetched = await fetch(cancellationToken).ConfigureAwait(false);
        if (fetched.Bytes is { } bytes)
        {
            ChunkPlacement.DecodeAndPlace(codecs, bytes, representation, regionStart, regionCount, target, ChunkPlacement.UnitName(ticket.Key, unit));
        }
        else
        {
            ChunkPlacement.Fill(representation, regionCount, target);
        }
    }

    public void BeginWrite(StoreKey key)
    {
    }

    public void EndWrite(StoreKey key)
    {
    }
}
