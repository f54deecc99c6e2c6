using ZarrCache.Zarr;
using ZarrCache.Zarr.Codecs.Blosc;

namespace ZarrCache.Tests.Zarr.Codecs.Blosc;

public class BloscHeaderTests
{
    [Fact]
    public void Read_gives_the_fields_of_a_c_blosc_header()
    {
        // numcodecs-fixture blosc codec.08 encoded.07: blosclz, bit shuffle, typesize 8, 8000 bytes in one block.
        byte[] frame = [0x02, 0x01, 0x04, 0x08, 0x40, 0x1f, 0, 0, 0x40, 0x1f, 0, 0, 0x0c, 0x10, 0, 0];

        var header = BloscHeader.Read(frame);

        Assert.Equal(new BloscHeader(2, 1, 0x04, 8, 8000, 8000, 4108), header);
        Assert.Equal(BloscShuffle.BitShuffle, header.Shuffle);
        Assert.Equal(0, header.CompressorFormat);
        Assert.False(header.IsMemcpyed);
        Assert.False(header.DontSplit);
        Assert.Equal(1, header.BlockCount);
    }

    [Fact]
    public void Write_then_read_gives_the_same_header()
    {
        var header = new BloscHeader(2, 1, 0x31, 4, 1_000_003, 65_536, 12_345);
        var bytes = new byte[16];

        header.Write(bytes);

        Assert.Equal(header, BloscHeader.Read(bytes));
        Assert.Equal(16, header.BlockCount);
        Assert.Equal(1, header.CompressorFormat);
        Assert.True(header.DontSplit);
        Assert.Equal(BloscShuffle.Shuffle, header.Shuffle);
    }

    [Fact]
    public void Read_refuses_fewer_than_16_bytes()
    {
        _ = Assert.Throws<ZarrFormatException>(() => BloscHeader.Read(new byte[15]));
    }
}
