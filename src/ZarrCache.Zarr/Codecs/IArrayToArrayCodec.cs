namespace ZarrCache.Zarr.Codecs;

/// <summary>A codec that maps an array to another array (transpose, delta, fixedscaleoffset).</summary>
internal interface IArrayToArrayCodec : IZarrCodec
{
    ChunkRepresentation EncodedRepresentation(ChunkRepresentation decoded);

    byte[] Decode(byte[] encoded, ChunkRepresentation decoded, string key);

    byte[] Encode(byte[] decoded, ChunkRepresentation representation);
}
