using ZarrCache.IntegrationTests.Infrastructure;
using ZarrCache.Tests.TestSupport;

namespace ZarrCache.IntegrationTests.Gateway;

/// <summary>
/// Real clients in other languages read through `zarr-cache serve` over an origin in s3rver: zarr-python 2.13 (FSStore
/// over HTTP, fsspec + aiohttp) and zarrita.js (FetchStore). They read what they read from the fixture folder itself,
/// and a second client's full read makes no request to s3rver (counted in s3rver's own log).
/// </summary>
public sealed class GatewayClientsTests
{
    // Prints the array's shape, dtype and the SHA-256 of its values in C order; argv: store URL or folder, array path.
    private const string ZarrPythonRead = """
        import hashlib, sys
        import numpy as np
        import zarr
        from zarr.storage import FSStore
        a = zarr.open_array(FSStore(sys.argv[1]), path=sys.argv[2], mode="r")
        v = np.ascontiguousarray(a[...])
        print(a.shape, a.dtype, hashlib.sha256(v.tobytes()).hexdigest())
        """;

    // The same read over the gateway's S3 API with boto3 (signing with the credentials the gateway checks): zarr 2.13
    // takes any MutableMapping as a store, and Debian has no s3fs; argv: endpoint, bucket, prefix, array path, key, secret.
    private const string ZarrPythonReadOverS3 = """
        import hashlib, sys
        from collections.abc import MutableMapping
        import boto3, botocore.config, botocore.exceptions
        import numpy as np
        import zarr

        class Boto3Map(MutableMapping):
            def __init__(self, client, bucket, prefix):
                self.c, self.b, self.p = client, bucket, prefix
            def __getitem__(self, key):
                try:
                    return self.c.get_object(Bucket=self.b, Key=self.p + key)["Body"].read()
                except self.c.exceptions.NoSuchKey:
                    raise KeyError(key)
            def __contains__(self, key):
                try:
                    self.c.head_object(Bucket=self.b, Key=self.p + key)
                    return True
                except botocore.exceptions.ClientError:
                    return False
            def __iter__(self):
                for page in self.c.get_paginator("list_objects_v2").paginate(Bucket=self.b, Prefix=self.p):
                    for o in page.get("Contents", []):
                        yield o["Key"][len(self.p):]
            def __len__(self):
                return sum(1 for _ in self)
            def __setitem__(self, key, value):
                raise NotImplementedError
            def __delitem__(self, key):
                raise NotImplementedError

        client = boto3.client("s3", endpoint_url=sys.argv[1], aws_access_key_id=sys.argv[5], aws_secret_access_key=sys.argv[6],
                              region_name="us-east-1", config=botocore.config.Config(s3={"addressing_style": "path"}))
        a = zarr.open_array(Boto3Map(client, sys.argv[2], sys.argv[3]), path=sys.argv[4], mode="r")
        v = np.ascontiguousarray(a[...])
        print(a.shape, a.dtype, hashlib.sha256(v.tobytes()).hexdigest())
        """;

    private static string Python(string script, params string[] args)
    {
        var (code, output) = ExternalTool.Run(ExternalTool.SystemPython, ["-c", script, .. args], null);
        Assert.True(code == 0, $"python failed: {output}");
        return output;
    }

    /// <summary>Reads twice: both reads give <paramref name="expected"/>; the first reaches s3rver, the second does not.</summary>
    private static async Task ReadTwiceAsync(S3Server s3, string expected, Func<string> read)
    {
        var mark = s3.Log.Mark();
        var first = read();
        var firstLines = ArrayRequests(await s3.Log.LinesSince(mark, l => ArrayRequests(l).Count > 0));

        mark = s3.Log.Mark();
        var second = read();
        var secondLines = ArrayRequests(await s3.Log.LinesSince(mark));

        Assert.Equal(expected, first);
        Assert.Equal(expected, second);
        Assert.NotEmpty(firstLines);
        Assert.Empty(secondLines);
    }

    private static string DataRoot(Uri gateway) => new Uri(gateway, "v2/data.zarr").ToString();

    private static string LocalRoot => Path.Combine(Fixtures.Root, "v2", "data.zarr");

    private static List<LogLine> ArrayRequests(IReadOnlyList<LogLine> lines) =>
        lines.Where(l => l.Url.Contains("/v2/data.zarr/3d.chunked.i2", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Zarr_python_over_http_reads_what_the_origin_holds_and_a_second_client_makes_no_origin_request()
    {
        var s3 = OriginServers.S3();
        await using var gateway = await GatewayProcess.OverS3rverAsync([]);
        var expected = Python(ZarrPythonRead, LocalRoot, "3d.chunked.i2");

        await ReadTwiceAsync(s3, expected, () => Python(ZarrPythonRead, DataRoot(gateway.Http), "3d.chunked.i2"));
    }

    [Fact]
    public async Task Zarr_python_over_the_s3_api_with_boto3_signing_reads_what_the_origin_holds_and_a_second_read_makes_no_origin_request()
    {
        var s3 = OriginServers.S3();
        const string Key = "reader", Secret = "boto3-secret-0123456789";
        await using var gateway = await GatewayProcess.OverS3rverAsync(
            ["--s3-listen", "127.0.0.1:0", "--bucket", "data"],
            new Dictionary<string, string?> { ["ZARRCACHE_GATEWAY_ACCESS_KEY_ID"] = Key, ["ZARRCACHE_GATEWAY_SECRET_ACCESS_KEY"] = Secret });
        var expected = Python(ZarrPythonRead, LocalRoot, "3d.chunked.i2");
        string[] args = [gateway.S3!.ToString(), "data", "v2/data.zarr/", "3d.chunked.i2", Key, Secret];

        await ReadTwiceAsync(s3, expected, () => Python(ZarrPythonReadOverS3, args));
        var (code, output) = ExternalTool.Run("/usr/bin/python3", ["-c", ZarrPythonReadOverS3, .. args[..5], Secret + "x"], null);
        Assert.NotEqual(0, code);
        Assert.Contains("AccessDenied", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gateway_restarted_over_a_warm_disk_tier_serves_every_key_with_no_origin_request()
    {
        var s3 = OriginServers.S3();
        var disk = Directory.CreateTempSubdirectory("zarrcache-serve-disk-");
        try
        {
            var keys = Fixtures.KeysUnder("v2/data.zarr/3d.chunked.i2");
            await using (var first = await GatewayProcess.OverS3rverAsync(["--disk-cache", disk.FullName]))
            {
                using var http = new HttpClient { BaseAddress = first.Http };
                foreach (var key in keys)
                {
                    Assert.Equal(Fixtures.Bytes(key), await http.GetByteArrayAsync(key));
                }
            }

            await using var second = await GatewayProcess.OverS3rverAsync(["--disk-cache", disk.FullName]);
            using var client = new HttpClient { BaseAddress = second.Http };
            var mark = s3.Log.Mark();
            foreach (var key in keys)
            {
                Assert.Equal(Fixtures.Bytes(key), await client.GetByteArrayAsync(key));
            }

            Assert.Empty(await s3.Log.LinesSince(mark));
        }
        finally
        {
            disk.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_gateway_with_trace_records_each_request_to_its_cache_and_the_trace_is_complete_after_ctrl_c()
    {
        var keys = Fixtures.KeysUnder("v2/data.zarr/3d.chunked.i2");
        var folder = Directory.CreateTempSubdirectory("zarrcache-serve-trace-");
        var path = Path.Combine(folder.FullName, "serve.zct");
        await using var gateway = await GatewayProcess.OverS3rverAsync(["--trace", path]);
        using (var http = new HttpClient { BaseAddress = gateway.Http })
        {
            for (var pass = 0; pass < 2; pass++)
            {
                foreach (var key in keys)
                {
                    Assert.Equal(Fixtures.Bytes(key), await http.GetByteArrayAsync(key));
                }
            }
        }

        Assert.Equal(0, await gateway.InterruptAsync());
        var records = TraceRecords.Of(path);
        folder.Delete(recursive: true);

        // One miss then one memory hit per key, in that order, each with the key's size.
        Assert.Equal(keys.Count * 2, records.Count);
        Assert.Equal(keys.Count, records.Count(r => r.Outcome == AccessOutcome.Miss));
        Assert.Equal(keys.Count, records.Count(r => r.Outcome == AccessOutcome.Hit && r.Tier == AccessTier.Memory));
        Assert.All(records.Take(keys.Count), r => Assert.Equal(AccessOutcome.Miss, r.Outcome));
    }

    [Fact]
    public async Task A_second_gateway_on_the_same_redis_serves_the_first_ones_keys_with_no_origin_request()
    {
        var s3 = OriginServers.S3();
        var redis = RedisServers.Shared();
        var keys = Fixtures.KeysUnder("v2/data.zarr/3d.chunked.i2");

        // Both gateways run at once, each with its own memory tier and no disk tier: only Redis is shared.
        await using var first = await GatewayProcess.OverS3rverAsync(["--redis", redis]);
        await using var second = await GatewayProcess.OverS3rverAsync(["--redis", redis]);
        using (var http = new HttpClient { BaseAddress = first.Http })
        {
            foreach (var key in keys)
            {
                Assert.Equal(Fixtures.Bytes(key), await http.GetByteArrayAsync(key));
            }
        }

        using var client = new HttpClient { BaseAddress = second.Http };
        var mark = s3.Log.Mark();
        foreach (var key in keys)
        {
            Assert.Equal(Fixtures.Bytes(key), await client.GetByteArrayAsync(key));
        }

        Assert.Empty(await s3.Log.LinesSince(mark));
    }

    [Fact]
    public async Task Zarrita_over_http_reads_the_values_of_the_origin_folder_and_a_second_read_makes_no_origin_request()
    {
        var s3 = OriginServers.S3();
        await using var gateway = await GatewayProcess.OverS3rverAsync([]);
        var expected = ExternalTool.ReadWithZarrita(LocalRoot, "3d.chunked.i2");

        await ReadTwiceAsync(s3, expected, () => ExternalTool.ReadWithZarrita(DataRoot(gateway.Http), "3d.chunked.i2"));
    }

    [Fact]
    public async Task Zarr_python_and_zarrita_share_one_cache_so_the_second_client_makes_no_origin_request()
    {
        var s3 = OriginServers.S3();
        await using var gateway = await GatewayProcess.OverS3rverAsync([]);
        Assert.Equal(ExternalTool.ReadWithZarrita(LocalRoot, "3d.chunked.i2"), ExternalTool.ReadWithZarrita(DataRoot(gateway.Http), "3d.chunked.i2"));

        var mark = s3.Log.Mark();
        var python = Python(ZarrPythonRead, DataRoot(gateway.Http), "3d.chunked.i2");
        var lines = ArrayRequests(await s3.Log.LinesSince(mark));

        Assert.Equal(Python(ZarrPythonRead, LocalRoot, "3d.chunked.i2"), python);
        // zarr-python asks for keys zarrita did not (.zattrs): those may reach the origin once; no chunk and no .zarray does.
        Assert.DoesNotContain(lines, l => !l.Url.EndsWith("/.zattrs", StringComparison.Ordinal) && !l.Url.EndsWith("/.zgroup", StringComparison.Ordinal));
    }
}
