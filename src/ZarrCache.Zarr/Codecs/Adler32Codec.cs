namespace ZarrCache.Zarr.Codecs;

/// <summary>
/// numcodecs <c>adler32</c>: the little-endian Adler-32 (zlib's) of the payload, before it by default (numcodecs 0.11
/// knows no other place; later versions take <c>location: "end"</c>).
/// </summary>
internal sealed class Adler32Codec(bool atStart) : ChecksumCodec("numcodecs.adler32", "adler32", atStart, defaultAtStart: true)
{
    /// <summary>v3 <c>numcodecs.adler32</c>, v2 <c>adler32</c>; <c>location</c> <c>"start"</c> (the default) or <c>"end"</c>.</summary>
    public static readonly CodecRegistration Registration = CodecRegistration.BytesToBytes(
        v3Names: ["numcodecs.adler32"],
        v2Id: "adler32",
        create: (cfg, _) => new Adler32Codec(LocationAtStart(cfg, "start")));

    private const uint Modulus = 65521;

    // The most bytes whose sums cannot overflow 32 bits before they are reduced (zlib's NMAX).
    private const int Block = 5552;

    /// <summary>Adler-32 as zlib computes it (<c>zlib.adler32</c>, which numcodecs calls).</summary>
    public static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint a = 1, b = 0;
        while (!data.IsEmpty)
        {
            var block = data[..Math.Min(Block, data.Length)];
            foreach (var x in block)
            {
                a += x;
                b += a;
            }

            a %= Modulus;
            b %= Modulus;
            data = data[block.Length..];
        }

        return (b << 16) | a;
    }

    protected override uint Compute(ReadOnlySpan<byte> payload) => Checksum(payload);
}
