namespace ZarrCache.Zarr.Codecs;

/// <summary><c>crc32c</c>: appends the little-endian CRC-32C of the bytes; decoding verifies it (a mismatch names the key).</summary>
internal sealed class Crc32cCodec() : ChecksumCodec("crc32c", "crc32c", atStart: false, defaultAtStart: false)
{
    /// <summary>v3 <c>crc32c</c> or <c>numcodecs.crc32c</c>, v2 <c>crc32c</c>; only the checksum at the end is supported.</summary>
    public static readonly CodecRegistration Registration = CodecRegistration.BytesToBytes(
        v3Names: ["crc32c", "numcodecs.crc32c"],
        v2Id: "crc32c",
        create: (cfg, _) => cfg.Has("location") && cfg.GetString("location") != "end"
            ? throw cfg.Error("location", "only \"end\" is supported")
            : new Crc32cCodec());

    protected override uint Compute(ReadOnlySpan<byte> payload) => Crc32C.Compute(payload);
}
