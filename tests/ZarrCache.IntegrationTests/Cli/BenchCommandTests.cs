using System.CommandLine;
using System.Text.Json;
using ZarrCache.Cli;
using ZarrCache.IntegrationTests.Infrastructure;

namespace ZarrCache.IntegrationTests.Cli;

/// <summary>`zarr-cache bench` against s3rver: the baseline and the cold pass read the same chunks, the warm pass none.</summary>
public sealed class BenchCommandTests
{
    private static async Task<JsonDocument> BenchJsonAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.Build().Parse(["bench", .. args, "--json"]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        Assert.True(code == 0, $"zarr-cache bench {string.Join(' ', args)} failed: {error}");
        return JsonDocument.Parse(output.ToString());
    }

    [Fact]
    public async Task A_scan_over_s3_reads_every_chunk_cold_and_none_warm_and_matches_the_local_bytes()
    {
        var s3 = OriginServers.S3();
        const string Array = "3d.chunked.i2";

        using var local = await BenchJsonAsync(Path.Combine(Fixtures.Root, "v2/data.zarr"), "--array", Array, "--pattern", "scan", "--no-cache");
        using var remote = await BenchJsonAsync(
            $"s3://{s3.Bucket}/v2/data.zarr", "--array", Array, "--endpoint", s3.Endpoint.ToString(), "--anonymous", "--pattern", "scan", "--compare-prefetch");

        var runs = remote.RootElement.GetProperty("runs");
        Assert.Equal(3, runs.GetArrayLength());
        var baseline = runs[0].GetProperty("passes");
        var chunks = remote.RootElement.GetProperty("chunk_count").GetInt64();
        Assert.True(baseline[0].GetProperty("origin_requests").GetInt64() >= chunks);
        Assert.Equal(0, runs[1].GetProperty("passes")[1].GetProperty("origin_requests").GetInt64());
        Assert.Equal(0, runs[2].GetProperty("passes")[1].GetProperty("origin_requests").GetInt64());
        Assert.Equal(
            local.RootElement.GetProperty("runs")[0].GetProperty("passes")[0].GetProperty("bytes_read").GetInt64(),
            baseline[0].GetProperty("bytes_read").GetInt64());
    }
}
