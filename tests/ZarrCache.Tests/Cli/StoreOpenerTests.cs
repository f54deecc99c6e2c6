using System.CommandLine;
using ZarrCache.Cli;
using ZarrCache.S3;

namespace ZarrCache.Tests.Cli;

public class StoreOpenerTests
{
    [Fact]
    public void S3_location_with_cli_options_opens_an_S3Store()
    {
        using var store = Assert.IsType<S3Store>(StoreOpener.Open(
            "s3://bucket/data/x.zarr", new StoreOpenArguments { Endpoint = "http://127.0.0.1:9", Anonymous = true, Region = "eu-west-1" }));
        Assert.Equal("bucket", store.Bucket);
        Assert.Equal("data/x.zarr/", store.Prefix.Value);
    }

    [Fact]
    public void Local_and_http_locations_open_their_stores()
    {
        Assert.IsType<FileSystemStore>(StoreOpener.Open(Path.GetTempPath(), new StoreOpenArguments()));
        using var http = Assert.IsType<HttpStore>(StoreOpener.Open("http://127.0.0.1:9/x/", new StoreOpenArguments()));
        Assert.Equal("http://127.0.0.1:9/x/", http.BaseUri.ToString());
    }

    [Fact]
    public void Bad_endpoint_is_named_as_the_option()
    {
        var e = Assert.Throws<ArgumentException>(() => StoreOpener.Open("s3://bucket/x", new StoreOpenArguments { Endpoint = "not a url" }));
        Assert.Contains("--endpoint", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_scheme_is_named()
    {
        var e = Assert.Throws<ArgumentException>(() => StoreOpener.Open("gs://bucket/x", new StoreOpenArguments()));
        Assert.Contains("'gs'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cli_options_are_parsed_into_open_options()
    {
        var options = new StoreCliOptions();
        var command = new RootCommand();
        options.AddTo(command);
        var parsed = command.Parse(["--endpoint", "http://127.0.0.1:9000", "--anonymous", "--s3-region", "eu-west-1"]);
        Assert.Empty(parsed.Errors);
        Assert.Equal(new StoreOpenArguments { Endpoint = "http://127.0.0.1:9000", Anonymous = true, Region = "eu-west-1" }, options.ToOpenOptions(parsed));
    }
}
