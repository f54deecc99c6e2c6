namespace ZarrCache.Zarr.Codecs;

/// <summary>A codec that serializes an array to bytes (bytes, sharding_indexed).</summary>
internal interface IArrayToBytesCodec : IZarrCodec
{
    /// <summary>The most bytes the encoded form of a chunk can take.</summary>
    long MaxEncodedSize(ChunkRepresentation decoded);

    /// <summary>Decodes to the chunk's little-endian elements in C order.</summary>
    /// <param name="encoded">The encoded chunk.</param>
    /// <param name="decoded">What it decodes to.</param>
    /// <param name="key">The chunk's key, for messages.</param>
    /// <param name="owned">
    /// Whether <paramref name="encoded"/> is a whole array that no one else holds (the fresh output of a bytes-to-bytes
    /// codec), which the codec may then return or change in place instead of copying; never a cached value.
    /// </param>
    byte[] Decode(ReadOnlyMemory<byte> encoded, ChunkRepresentation decoded, string key, bool owned);

    ReadOnlyMemory<byte> Encode(byte[] decoded, ChunkRepresentation representation);

    /// <summary>
    /// The decoder that reads regions of a chunk when this codec is the chain's only one (<paramref name="chain"/>):
    /// by default the chunk is read and decoded whole; a codec that can do better (sharding) says so here.
    /// </summary>
    IPartialDecoder CreatePartialDecoder(CodecChain chain) => new WholeChunkDecoder(chain);
}
