using Amazon.Runtime;
using Amazon.S3;
using ZarrCache.IntegrationTests.Infrastructure;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.IntegrationTests.DocSnippets;

/// <summary>The code of docs/serve.md: the AWS SDK for .NET reads a chunk from the gateway's S3 API with the gateway's
/// access key, the gateway serving a folder that holds era5.zarr/t2m (Zarr v2, written with the library).</summary>
public sealed class ServeSnippets : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("zarrcache-serve-snippets-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task The_AWS_SDK_reads_a_chunk_from_the_gateway_with_its_access_key()
    {
        var t2m = await ZarrArray.CreateAsync(new FileSystemStore(_folder.FullName), "era5.zarr/t2m", new ZarrArrayOptions
        {
            ZarrFormat = 2,
            Shape = [2, 4, 4],
            ChunkShape = [1, 4, 4],
            DataType = ZarrDataTypeKind.Float32,
        });
        await t2m.WriteAsync<float>(null, Enumerable.Range(0, 32).Select(i => (float)i).ToArray());
        const string secret = "team-reader-secret-0123456789";
        await using var gateway = await GatewayProcess.StartAsync(
            ["serve", _folder.FullName, "--listen", "127.0.0.1:0", "--s3-listen", "127.0.0.1:0", "--bucket", "era5"],
            new Dictionary<string, string?>
            {
                ["ZARRCACHE_GATEWAY_ACCESS_KEY_ID"] = "team-reader",
                ["ZARRCACHE_GATEWAY_SECRET_ACCESS_KEY"] = secret,
            });
        var gatewayS3 = gateway.S3!.ToString();

        // begin-snippet: aws-sdk-client
        using var s3 = new AmazonS3Client(new BasicAWSCredentials("team-reader", secret),
            new AmazonS3Config { ServiceURL = gatewayS3, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });   // e.g. "http://gateway:9000"
        using var chunk = await s3.GetObjectAsync("era5", "era5.zarr/t2m/0.0.0");
        // end-snippet

        using var body = new MemoryStream();
        await chunk.ResponseStream.CopyToAsync(body);
        var expected = await new FileSystemStore(_folder.FullName).GetAsync("era5.zarr/t2m/0.0.0");
        Assert.Equal(expected!.Value.ToArray(), body.ToArray());
    }
}
