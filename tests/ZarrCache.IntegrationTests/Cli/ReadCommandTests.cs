using System.CommandLine;
using ZarrCache.Cli;
using ZarrCache.IntegrationTests.Infrastructure;

namespace ZarrCache.IntegrationTests.Cli;

/// <summary>`zarr-cache read` against s3rver and nginx prints the same SHA-256 as the local read of the same data.</summary>
public sealed class ReadCommandTests
{
    private static async Task<string> Sha256Async(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.Build().Parse(["read", .. args, "--format", "sha256"]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        Assert.True(code == 0, $"zarr-cache read {string.Join(' ', args)} failed: {error}");
        var line = output.ToString().Trim();
        Assert.Matches("^[0-9a-f]{64}$", line);
        return line;
    }

    [Theory]
    [InlineData("v2/data.zarr", "3d.chunked.i2")]
    [InlineData("v2/data.zarr", "1d.contiguous.blosc.i2")]
    [InlineData("v3/data.zarr", "2d.chunked.compressed.sharded.i2")]
    [InlineData("v3/data.zarr", "3d.chunked.mixed.compressed.sharded.i2")]
    public async Task S3_http_and_local_reads_print_the_same_sha256(string hierarchy, string array)
    {
        var s3 = OriginServers.S3();
        var http = OriginServers.Http();

        var local = await Sha256Async(Path.Combine(Fixtures.Root, hierarchy), "--array", array);
        var fromS3 = await Sha256Async($"s3://{s3.Bucket}/{hierarchy}", "--array", array, "--endpoint", s3.Endpoint.ToString(), "--anonymous");
        var fromHttp = await Sha256Async(new Uri(http.Zarrita, hierarchy + "/").ToString(), "--array", array);
        var fromS3WithRegion = await Sha256Async($"s3://{s3.Bucket}/{hierarchy}", "--array", array, "--endpoint", s3.Endpoint.ToString(), "--anonymous", "--s3-region", "eu-west-1", "--no-cache");

        Assert.Equal(local, fromS3);
        Assert.Equal(local, fromHttp);
        Assert.Equal(local, fromS3WithRegion);
    }
}
