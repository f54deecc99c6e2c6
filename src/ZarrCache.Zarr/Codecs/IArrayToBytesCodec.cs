namespace ZarrCache.Zarr.Codecs;

/// <summary>A codec that serializes an array to bytes (bytes, sharding_indexed).</summary>
internal interface IArrayToBytesCodec : IZarrCodec
{
    /// <summary>The most bytes the encoded form of a chunk can take.</summary>
    long MaxEncodedSize(ChunkRepresentation decoded);

    /// <summary>Decodes to the chunk's little-endian elements in C order.</summary>
    byte[] Decode(ReadOnlyMemory<byte> encoded, ChunkRepresentation decoded, string key);

    ReadOnlyMemory<byte> Encode(byte[] decoded, ChunkRepresentation representation);
}
