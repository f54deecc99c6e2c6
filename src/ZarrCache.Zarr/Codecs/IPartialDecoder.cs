namespace ZarrCache.Zarr.Codecs;

/// <summary>
/// Reads a region of one stored chunk without necessarily reading or decoding all of it (zarrs' partial decoders): a
/// plain codec chain reads the chunk whole (<see cref="WholeChunkDecoder"/>); <c>sharding_indexed</c> reads the shard's
/// index and only the inner chunks the region touches, by byte ranges. A codec offers one through
/// <see cref="IArrayToBytesCodec.CreatePartialDecoder"/>; the chain picks it when it is the chain's only codec.
/// </summary>
internal interface IPartialDecoder
{
    /// <summary>The shape of the smallest part the decoder reads alone (an inner chunk of a shard; else the chunk itself).</summary>
    int[] UnitShape(ChunkRepresentation chunk);

    /// <summary>
    /// Writes the region (<paramref name="regionStart"/>, <paramref name="regionCount"/>, in the chunk's coordinates) of
    /// the chunk at <paramref name="key"/> into <paramref name="target"/>; a missing chunk reads as the fill value. Call
    /// it after <see cref="TryDecodeKept"/> failed: kept units that method would have used are not looked up again.
    /// </summary>
    ValueTask DecodeAsync(
        IReadableStore store, IDecodedChunks decoded, StoreKey key, ChunkRepresentation chunk, long[] regionStart, long[] regionCount,
        RegionTarget target, CancellationToken cancellationToken);

    /// <summary>Reads the bytes that <see cref="DecodeAsync"/> would read for the region, without decoding them (prefetching).</summary>
    ValueTask FetchAsync(IReadableStore store, StoreKey key, ChunkRepresentation chunk, long[] regionStart, long[] regionCount, CancellationToken cancellationToken);

    /// <summary>
    /// Places the region from kept decoded units alone, synchronously; false, with nothing written, when a unit it needs
    /// is not kept (a decoder whose units are smaller than the chunk may say false at once and look them up in
    /// <see cref="DecodeAsync"/>).
    /// </summary>
    bool TryDecodeKept(IDecodedChunks decoded, StoreKey key, ChunkRepresentation chunk, long[] regionStart, long[] regionCount, RegionTarget target);
}

/// <summary>The partial decoder of any codec chain: reads the chunk whole, decodes it (or takes it decoded from the cache) and places the region.</summary>
internal sealed class WholeChunkDecoder(CodecChain codecs) : IPartialDecoder
{
    public int[] UnitShape(ChunkRepresentation chunk) => chunk.Shape;

    public ValueTask DecodeAsync(
        IReadableStore store, IDecodedChunks decoded, StoreKey key, ChunkRepresentation chunk, long[] regionStart, long[] regionCount,
        RegionTarget target, CancellationToken cancellationToken) =>
        decoded.PlaceAsync(decoded.Begin(key), -1, codecs, chunk, regionStart, regionCount, target, token => FetchAsync(store, key, token), cancellationToken);

    public async ValueTask FetchAsync(IReadableStore store, StoreKey key, ChunkRepresentation chunk, long[] regionStart, long[] regionCount, CancellationToken cancellationToken) =>
        _ = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);

    public bool TryDecodeKept(IDecodedChunks decoded, StoreKey key, ChunkRepresentation chunk, long[] regionStart, long[] regionCount, RegionTarget target) =>
        decoded.TryPlace(decoded.Begin(key), -1, chunk, regionStart, regionCount, target);

    private static async ValueTask<FetchedChunk> FetchAsync(IReadableStore store, StoreKey key, CancellationToken cancellationToken)
    {
        using var validity = CacheValidity.Track();
        var bytes = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        return new FetchedChunk(bytes, validity.ValidUntilUtcTicks);
    }
}
