using System.CommandLine;
using System.Text.RegularExpressions;
using ZarrCache.Cli;
using ZarrCache.IntegrationTests.Infrastructure;

namespace ZarrCache.IntegrationTests.Cli;

/// <summary>
/// `zarr-cache warm` over s3rver, counted in s3rver's own request log: a region warmed into a disk cache is read by a
/// later `read --disk-cache` (a new process's cache, as each CLI run is) with no request to s3rver.
/// </summary>
public sealed partial class WarmCommandTests : IDisposable
{
    private const string Array = "3d.chunked.i2";
    private const string Region = "0:2,:,1:3";

    private readonly string _cacheDir = Directory.CreateTempSubdirectory("zarrcache-warm-s3-").FullName;

    public void Dispose() => Directory.Delete(_cacheDir, recursive: true);

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [GeneratedRegex(@"^warmed +(\d+)$", RegexOptions.Multiline)]
    private static partial Regex WarmedLine();

    private static bool IsMetadata(string url) =>
        url.EndsWith("zarr.json", StringComparison.Ordinal) || url.EndsWith(".zarray", StringComparison.Ordinal)
        || url.EndsWith(".zattrs", StringComparison.Ordinal) || url.EndsWith(".zgroup", StringComparison.Ordinal);

    [Theory]
    [InlineData("v3/data.zarr")]
    [InlineData("v2/data.zarr")] // v2 probes zarr.json (and .zattrs) first: their 404s are remembered on disk too
    public async Task A_region_warmed_from_s3rver_is_read_later_with_no_request_to_s3rver(string hierarchy)
    {
        var s3 = OriginServers.S3();
        var location = $"s3://{s3.Bucket}/{hierarchy}";
        string[] s3Options = ["--endpoint", s3.Endpoint.ToString(), "--anonymous"];
        var ownUrls = $"/{s3.Bucket}/{hierarchy}/{Array}/";
        var local = await RunAsync("read", Path.Combine(Fixtures.Root, hierarchy), "--array", Array, "--region", Region, "--format", "sha256", "--no-cache");
        Assert.True(local.Code == 0, local.Error);

        var mark = s3.Log.Mark();
        var warm = await RunAsync(["warm", location, "--array", Array, "--region", Region, "--disk-cache", _cacheDir, .. s3Options]);
        Assert.True(warm.Code == 0, warm.Error);
        var warmed = int.Parse(WarmedLine().Match(warm.Output.Replace("\r", string.Empty, StringComparison.Ordinal)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(warmed > 0, warm.Output);
        var warmLines = await s3.Log.LinesSince(mark, l => l.Count(x => x.Method == "GET" && x.Status == 200 && x.Url.Contains(ownUrls, StringComparison.Ordinal) && !IsMetadata(x.Url)) >= warmed);
        var chunkGets = warmLines.Count(x => x.Method == "GET" && x.Status == 200 && x.Url.Contains(ownUrls, StringComparison.Ordinal) && !IsMetadata(x.Url));
        Assert.Equal(warmed, chunkGets);

        mark = s3.Log.Mark();
        var read = await RunAsync(["read", location, "--array", Array, "--region", Region, "--format", "sha256", "--disk-cache", _cacheDir, .. s3Options]);
        var readLines = (await s3.Log.LinesSince(mark)).Where(x => x.Url.Contains(ownUrls, StringComparison.Ordinal)).ToList();

        Assert.True(read.Code == 0, read.Error);
        Assert.Equal(local.Output, read.Output);
        Assert.Empty(readLines);
    }
}
