namespace ZarrCache.Zarr;

/// <summary>The checksum <see cref="ZarrArrayOptions.Checksum"/> adds to each chunk.</summary>
public enum ZarrChecksum
{
    /// <summary>CRC-32C after the data: v3 <c>crc32c</c>, v2 <c>crc32c</c>.</summary>
    Crc32c,

    /// <summary>zlib's Adler-32 before the data, as numcodecs writes it: v3 <c>numcodecs.adler32</c>, v2 <c>adler32</c>.</summary>
    Adler32,

    /// <summary>HDF5's Fletcher-32 after the data (numcodecs 0.12 and later): v3 <c>numcodecs.fletcher32</c>, v2 <c>fletcher32</c>.</summary>
    Fletcher32,
}
