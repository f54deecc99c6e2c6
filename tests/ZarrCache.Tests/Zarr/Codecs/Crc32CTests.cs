using System.Text;
using ZarrCache.Zarr.Codecs;

namespace ZarrCache.Tests.Zarr.Codecs;

public class Crc32CTests
{
    [Theory]
    [InlineData("123456789", 0xE3069283u)]
    [InlineData("", 0u)]
    [InlineData("a", 0xC1D04330u)]
    public void Matches_the_standard_check_values(string text, uint expected)
    {
        Assert.Equal(expected, Crc32C.Compute(Encoding.ASCII.GetBytes(text)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(63)]
    [InlineData(200_003)]
    public void The_hardware_path_matches_the_table_driven_reference_at_every_length(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        for (var start = 0; start < Math.Min(length, 9); start++)
        {
            Assert.Equal(Crc32C.ComputeReference(data.AsSpan(start)), Crc32C.Compute(data.AsSpan(start)));
        }

        Assert.Equal(Crc32C.ComputeReference(data), Crc32C.Compute(data));
    }
}
