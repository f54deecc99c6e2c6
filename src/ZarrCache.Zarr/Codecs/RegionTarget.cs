namespace ZarrCache.Zarr.Codecs;

/// <summary>Where the decoded elements of a chunk region go: a C-order buffer of <see cref="Shape"/>, the region's corner at <see cref="Start"/>.</summary>
/// <param name="Buffer">The buffer (little-endian elements in C order).</param>
/// <param name="Shape">The buffer's shape.</param>
/// <param name="Start">Where the region's first element goes.</param>
internal readonly record struct RegionTarget(Memory<byte> Buffer, long[] Shape, long[] Start)
{
    /// <summary>The target of a part of the region that starts <paramref name="offset"/> elements after the region's corner.</summary>
    public RegionTarget Shifted(long[] offset)
    {
        var start = new long[Start.Length];
        for (var d = 0; d < start.Length; d++)
        {
            start[d] = Start[d] + offset[d];
        }

        return this with { Start = start };
    }
}

/// <summary>A chunk's (or an inner chunk's) encoded bytes as read, null when missing, and until when a value derived from them may be kept.</summary>
/// <param name="Bytes">The encoded bytes; null when the chunk does not exist (it reads as the fill value).</param>
/// <param name="ValidUntilUtcTicks">The earliest expiry of the cached copies they came from (<see cref="CacheValidity"/>); <see cref="long.MaxValue"/> for none.</param>
internal readonly record struct FetchedChunk(ReadOnlyMemory<byte>? Bytes, long ValidUntilUtcTicks);

/// <summary>What a decoded copy of a chunk read after <see cref="IDecodedChunks.Begin"/> is checked against: its key and the key's versions then.</summary>
/// <param name="Key">The chunk's (shard's) store key.</param>
/// <param name="Version">The versions of the key (in the store beneath and in the decoded cache) before its bytes were read.</param>
internal readonly record struct DecodeTicket(StoreKey Key, string Version);
