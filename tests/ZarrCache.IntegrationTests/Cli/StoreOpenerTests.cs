using System.Security.Cryptography;
using ZarrCache.Cli;
using ZarrCache.IntegrationTests.Infrastructure;

namespace ZarrCache.IntegrationTests.Cli;

/// <summary>
/// The CLI's StoreOpener against the real servers: an s3:// location (with --endpoint and --anonymous), an http://
/// location and the local folder give the same bytes for every key of a fixture array (what `zarr-cache read` relies on).
/// </summary>
public sealed class StoreOpenerTests
{
    [Fact]
    public async Task S3_http_and_local_locations_give_the_same_sha256()
    {
        var s3 = OriginServers.S3();
        var http = OriginServers.Http();
        var keys = Fixtures.KeysUnder(Fixtures.ChunkedArray).Select(k => k["v2/data.zarr/".Length..]).ToList();
        var locations = new[]
        {
            ($"s3://{s3.Bucket}/v2/data.zarr", new StoreOpenArguments { Endpoint = s3.Endpoint.ToString(), Anonymous = true }),
            (new Uri(http.Zarrita, "v2/data.zarr/").ToString(), new StoreOpenArguments()),
            (Path.Combine(Fixtures.Root, "v2", "data.zarr"), new StoreOpenArguments()),
        };
        var digests = new List<string>();
        foreach (var (location, options) in locations)
        {
            var store = StoreOpener.Open(location, options);
            try
            {
                using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                foreach (var key in keys)
                {
                    var value = await store.GetAsync(key);
                    Assert.True(value.HasValue, $"{location}: {key}");
                    sha.AppendData(value.Value.Span);
                }

                digests.Add(Convert.ToHexString(sha.GetHashAndReset()));
            }
            finally
            {
                (store as IDisposable)?.Dispose();
            }
        }

        Assert.Equal(3, digests.Count);
        Assert.Single(digests.Distinct());
    }
}
