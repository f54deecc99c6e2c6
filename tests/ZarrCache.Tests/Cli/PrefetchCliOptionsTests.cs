using System.CommandLine;
using ZarrCache.Cli;

namespace ZarrCache.Tests.Cli;

public class PrefetchCliOptionsTests
{
    [Theory]
    [InlineData]
    [InlineData("--prefetch", "0")]
    public void Absent_or_zero_prefetch_is_off(params string[] args)
    {
        Assert.Null(Parse(args, out var result).ToConfig(result));
    }

    [Fact]
    public void The_options_map_onto_the_prefetch_config()
    {
        var config = Parse(["--prefetch", "3", "--prefetch-strategy", "neighbors", "--prefetch-concurrency", "2"], out var result).ToConfig(result)!;

        Assert.Equal(3, config.NeighborChunks);
        Assert.Equal(PrefetchStrategy.Neighbors, config.Strategy);
        Assert.Equal(2, config.MaxConcurrency);
    }

    [Fact]
    public void Required_settings_default_to_the_configs_neighbor_count()
    {
        var config = Parse([], out var result).ToConfig(result, required: true)!;

        Assert.Equal(new PrefetchConfig().NeighborChunks, config.NeighborChunks);
        Assert.Equal(PrefetchStrategy.Walk, config.Strategy);
    }

    [Theory]
    [InlineData("--prefetch", new[] { "--prefetch", "-1" })]
    [InlineData("--prefetch", new[] { "--prefetch", "5000" })]
    [InlineData("--prefetch-concurrency", new[] { "--prefetch", "2", "--prefetch-concurrency", "0" })]
    [InlineData("--prefetch-strategy", new[] { "--prefetch", "2", "--prefetch-strategy", "zigzag" })]
    [InlineData("--prefetch-strategy", new[] { "--prefetch-strategy", "walk" })]
    [InlineData("--prefetch-concurrency", new[] { "--prefetch-concurrency", "3" })]
    public void Bad_values_are_refused_naming_the_option(string option, string[] args)
    {
        var options = Parse(args, out var result);

        var e = Assert.Throws<ArgumentException>(() => options.ToConfig(result));

        Assert.StartsWith(option, e.Message, StringComparison.Ordinal);
    }

    private static PrefetchCliOptions Parse(string[] args, out ParseResult result)
    {
        var options = new PrefetchCliOptions();
        var command = new RootCommand();
        options.AddTo(command);
        result = command.Parse(args);
        Assert.Empty(result.Errors);
        return options;
    }
}
