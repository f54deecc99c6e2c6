using ZarrCache.Zarr;
using ZarrCache.Zarr.Codecs;

namespace ZarrCache.Tests.Zarr.Codecs;

public class Lz4CodecTests
{
    [Fact]
    public void A_size_prefix_larger_than_the_chunk_is_refused_before_allocating()
    {
        var frame = new byte[] { 0, 0, 0, 0x40, 1, 2, 3 }; // claims 1 GiB
        var e = Assert.Throws<ZarrFormatException>(() => new Lz4Codec(1).Decode(frame, 4096, "k/0"));
        Assert.Contains("k/0", e.Message, StringComparison.Ordinal);
        Assert.Contains("4096", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_block_is_refused()
    {
        var encoded = new Lz4Codec(1).Encode(Enumerable.Range(0, 1000).Select(i => (byte)(i % 7)).ToArray()).ToArray();
        Assert.Throws<ZarrFormatException>(() => new Lz4Codec(1).Decode(encoded.AsMemory(0, encoded.Length - 3), 1000, "k").ToArray());
    }
}
