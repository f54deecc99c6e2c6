using ZarrCache.Cli;

namespace ZarrCache.Tests.Cli;

public class SizesTests
{
    [Theory]
    [InlineData("4096", 4096L)]
    [InlineData("64KiB", 65536L)]
    [InlineData("256MiB", 268435456L)]
    [InlineData("10GiB", 10737418240L)]
    [InlineData("1.5MiB", 1572864L)]
    [InlineData("2MB", 2000000L)]
    [InlineData("100B", 100L)]
    public void Sizes_parse_with_binary_and_decimal_units(string text, long bytes)
    {
        Assert.Equal(bytes, Sizes.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("-1MiB")]
    [InlineData("1ZiB")]
    public void A_bad_size_is_rejected_with_the_text_quoted(string text)
    {
        var e = Assert.Throws<FormatException>(() => Sizes.Parse(text));
        Assert.Contains($"'{text}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sizes_format_with_binary_units()
    {
        Assert.Equal("512 B", Sizes.Format(512));
        Assert.Equal("16.0 MiB", Sizes.Format(16L << 20));
    }
}
