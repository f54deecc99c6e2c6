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
}
