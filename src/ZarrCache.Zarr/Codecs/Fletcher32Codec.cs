namespace ZarrCache.Zarr.Codecs;

/// <summary>
/// numcodecs <c>fletcher32</c> (numcodecs 0.12 and later): the payload, then the little-endian Fletcher-32 of HDF5 and
/// netCDF (big-endian 16-bit words, an odd last byte taken as the high byte of a word). It takes no configuration.
/// </summary>
internal sealed class Fletcher32Codec() : ChecksumCodec("numcodecs.fletcher32", "fletcher32", atStart: false, defaultAtStart: false)
{
    /// <summary>v3 <c>numcodecs.fletcher32</c>, v2 <c>fletcher32</c>.</summary>
    public static readonly CodecRegistration Registration = CodecRegistration.BytesToBytes(
        v3Names: ["numcodecs.fletcher32"],
        v2Id: "fletcher32",
        create: (_, _) => new Fletcher32Codec());

    // The most words whose sums cannot overflow 32 bits before they are folded (as HDF5's H5_checksum_fletcher32).
    private const int BlockWords = 360;

    /// <summary>
    /// The checksum exactly as numcodecs' <c>_fletcher32</c> (from HDF5's H5checksum.c) computes it, folds and all: the
    /// result is not fully reduced modulo 65535, so a halfword can be 0xffff where a textbook Fletcher-32 has 0.
    /// </summary>
    public static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum1 = 0, sum2 = 0;
        var words = data.Length / 2;
        var i = 0;
        while (words > 0)
        {
            var block = Math.Min(words, BlockWords);
            words -= block;
            for (var end = i + (2 * block); i < end; i += 2)
            {
                sum1 += (uint)((data[i] << 8) | data[i + 1]);
                sum2 += sum1;
            }

            sum1 = (sum1 & 0xffff) + (sum1 >> 16);
            sum2 = (sum2 & 0xffff) + (sum2 >> 16);
        }

        if (data.Length % 2 == 1)
        {
            sum1 += (uint)(data[^1] << 8);
            sum2 += sum1;
            sum1 = (sum1 & 0xffff) + (sum1 >> 16);
            sum2 = (sum2 & 0xffff) + (sum2 >> 16);
        }

        sum1 = (sum1 & 0xffff) + (sum1 >> 16);
        sum2 = (sum2 & 0xffff) + (sum2 >> 16);
        return (sum2 << 16) | sum1;
    }

    protected override uint Compute(ReadOnlySpan<byte> payload) => Checksum(payload);
}
