namespace ZarrCache.Zarr.Codecs;

/// <summary>A codec that maps bytes to bytes (compressors, checksums, shuffle).</summary>
internal interface IBytesToBytesCodec : IZarrCodec
{
    /// <summary>The most bytes the encoded form of <paramref name="decodedSize"/> bytes can take.</summary>
    long MaxEncodedSize(long decodedSize);

    /// <summary>Decodes; output larger than <paramref name="maxDecodedSize"/> is refused before it is allocated.</summary>
    ReadOnlyMemory<byte> Decode(ReadOnlyMemory<byte> encoded, int maxDecodedSize, string key);

    ReadOnlyMemory<byte> Encode(ReadOnlyMemory<byte> decoded);
}
