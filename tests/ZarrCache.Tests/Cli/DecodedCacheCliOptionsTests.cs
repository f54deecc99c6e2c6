using System.CommandLine;
using ZarrCache.Cli;

namespace ZarrCache.Tests.Cli;

public class DecodedCacheCliOptionsTests
{
    [Fact]
    public void Absent_the_option_gives_a_256MiB_cache()
    {
        var options = Parse([], out var result);

        Assert.Equal(256L << 20, options.ToBytes(result));
        Assert.Equal(256L << 20, options.Create(result)!.MaxSize);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0MiB")]
    public void Zero_turns_the_cache_off(string value)
    {
        var options = Parse(["--decoded-cache", value], out var result);

        Assert.Equal(0, options.ToBytes(result));
        Assert.Null(options.Create(result));
    }

    [Theory]
    [InlineData("1GiB", 1L << 30)]
    [InlineData("500MB", 500_000_000L)]
    [InlineData("4096", 4096L)]
    public void Sizes_are_parsed_as_the_other_size_options_are(string value, long bytes)
    {
        var options = Parse(["--decoded-cache", value], out var result);

        Assert.Equal(bytes, options.ToBytes(result));
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("-1")]
    [InlineData("-256MiB")]
    [InlineData("")]
    public void Bad_or_negative_sizes_are_refused_naming_the_option(string value)
    {
        var options = Parse(["--decoded-cache", value], out var result);

        var e = Assert.Throws<ArgumentException>(() => options.ToBytes(result));

        Assert.StartsWith("--decoded-cache: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    private static DecodedCacheCliOptions Parse(string[] args, out ParseResult result)
    {
        var options = new DecodedCacheCliOptions();
        var command = new RootCommand();
        options.AddTo(command);
        result = command.Parse(args);
        return options;
    }
}
