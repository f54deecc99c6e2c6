using ZarrCache.Cli;

namespace ZarrCache.Tests.Cli;

public class CacheOptionsTests
{
    [Theory]
    [InlineData("256MiB", 256L << 20)]
    [InlineData("1GiB", 1L << 30)]
    [InlineData("500MB", 500_000_000L)]
    [InlineData("64KiB", 65536L)]
    [InlineData("1024", 1024L)]
    public void Sizes_parse_with_binary_and_decimal_units(string text, long expected)
    {
        Assert.Equal(expected, CacheOptions.ParseSize(text));
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("-1MiB")]
    public void Bad_sizes_are_refused_naming_the_text(string text)
    {
        var e = Assert.Throws<FormatException>(() => CacheOptions.ParseSize(text));
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
    }
}
