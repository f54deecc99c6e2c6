namespace ZarrCache.Zarr.Codecs;

/// <summary>What a codec maps to what, which decides where it may stand in a chain.</summary>
internal enum CodecKind
{
    /// <summary>An array to another array (transpose, delta); before the array-to-bytes codec.</summary>
    ArrayToArray,

    /// <summary>An array to bytes (bytes, sharding_indexed); exactly one per chain.</summary>
    ArrayToBytes,

    /// <summary>Bytes to bytes (compressors, checksums, shuffle); after the array-to-bytes codec.</summary>
    BytesToBytes,
}
