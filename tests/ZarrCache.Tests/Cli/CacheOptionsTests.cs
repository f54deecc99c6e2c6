using System.CommandLine;
using ZarrCache.Cli;
using ZarrCache.Redis;

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

    [Fact]
    public void Disk_cache_flags_map_onto_the_cache_config()
    {
        var options = new CacheOptions();
        var command = new RootCommand();
        options.AddTo(command);
        var result = command.Parse(["--disk-cache", "/tmp/zc", "--disk-size", "10GiB", "--ttl", "10m", "--compress", "zstd", "--memory", "64MiB"]);

        var config = options.ToConfig(result)!;

        Assert.Equal("/tmp/zc", config.DiskCacheDir);
        Assert.Equal(10L << 30, config.MaxDiskSize);
        Assert.Equal(TimeSpan.FromMinutes(10), config.Ttl);
        Assert.True(config.EnableCompression);
        Assert.Equal(CompressionCodec.Zstd, config.CompressionCodec);
        Assert.Equal(64L << 20, config.MaxMemorySize);
        config.Validate();
    }

    [Theory]
    [InlineData("--disk-size", "1GiB")]
    [InlineData("--compress", "lz4")]
    public void Disk_flags_without_a_disk_cache_are_refused_naming_them(string option, string value)
    {
        var options = new CacheOptions();
        var command = new RootCommand();
        options.AddTo(command);

        var e = Assert.Throws<ArgumentException>(() => options.ToConfig(command.Parse([option, value])));
        Assert.Contains(option, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("10m", 600)]
    [InlineData("2h", 7200)]
    [InlineData("1d", 86400)]
    [InlineData("1.5h", 5400)]
    [InlineData("00:10:00", 600)]
    [InlineData("1.00:00:00", 86400)]
    public void Durations_parse_with_suffixes_and_timespan_text(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Durations.Parse(text));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("0s")]
    [InlineData("-5m")]
    [InlineData("10")]
    public void Bad_durations_are_refused_naming_the_text(string text)
    {
        var e = Assert.Throws<FormatException>(() => Durations.Parse(text));
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_store_location_gets_its_own_redis_key_prefix_so_two_origins_never_share_values()
    {
        static string PrefixOf(params string[] args)
        {
            var options = new CacheOptions();
            var command = new RootCommand();
            command.Arguments.Add(new Argument<string>("store"));
            options.AddTo(command);
            new StoreCliOptions().AddTo(command);
            var result = command.Parse([.. args, "--redis", "127.0.0.1:6379"]);
            return Assert.IsType<RedisTierOptions>(options.ToConfig(result)!.SharedTier).KeyPrefix;
        }

        var bucketA = PrefixOf("s3://bucket-a/data.zarr");
        Assert.Matches("^zarrcache:[0-9a-f]{16}:$", bucketA);
        Assert.Equal(bucketA, PrefixOf("s3://bucket-a/data.zarr/"));
        Assert.NotEqual(bucketA, PrefixOf("s3://bucket-b/data.zarr"));
        Assert.NotEqual(bucketA, PrefixOf("s3://bucket-a/data.zarr", "--endpoint", "http://127.0.0.1:9000"));
        Assert.NotEqual(PrefixOf("/data/one.zarr"), PrefixOf("/data/two.zarr"));
        Assert.Equal(PrefixOf(Path.GetTempPath()), PrefixOf(Path.GetRelativePath(Environment.CurrentDirectory, Path.GetTempPath())));
    }
}
