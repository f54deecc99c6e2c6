using Amazon.Runtime;
using ZarrCache.IntegrationTests.Infrastructure;
using ZarrCache.S3;

namespace ZarrCache.IntegrationTests.S3;

/// <summary>
/// Failures of the AWS SDK itself (no request sent) end as the store's errors naming the key, never as a bare
/// AmazonClientException. The CLI's error matrix covers the SDK's own credential chain with the AWS variables cleared
/// (ErrorMatrixTests, "read s3 without credentials"); here credentials that cannot be resolved fail the same way in-process.
/// </summary>
public sealed class S3ClientFailureTests
{
    private sealed class UnresolvableCredentials(string message) : AWSCredentials
    {
        public override ImmutableCredentials GetCredentials() => throw new AmazonClientException(message);
    }

    private static S3Store Store(AWSCredentials credentials) =>
        new(OriginServers.S3().Bucket, "v2/data.zarr/", new S3StoreOptions { Endpoint = OriginServers.S3().Endpoint, Credentials = credentials });

    [Fact]
    public async Task Credentials_that_cannot_be_resolved_raise_MissingCredentialsException_naming_the_key()
    {
        using var store = Store(new UnresolvableCredentials("Failed to resolve AWS credentials. The credential providers used to search for credentials returned errors."));

        var e = await Assert.ThrowsAsync<MissingCredentialsException>(async () => await store.GetAsync("3d.chunked.i2/.zarray"));

        Assert.Equal("3d.chunked.i2/.zarray", e.Key);
        Assert.Contains("AWS_ACCESS_KEY_ID", e.Message, StringComparison.Ordinal);
        Assert.IsType<AmazonClientException>(e.InnerException);
    }

    [Fact]
    public async Task Another_client_failure_raises_a_StoreException_naming_the_key()
    {
        using var store = Store(new UnresolvableCredentials("The signer could not sign the request."));

        var e = await Assert.ThrowsAsync<StoreException>(async () => await store.GetSizeAsync("3d.chunked.i2/.zarray"));

        Assert.IsNotType<MissingCredentialsException>(e);
        Assert.Equal("3d.chunked.i2/.zarray", e.Key);
        Assert.Contains("The signer could not sign the request.", e.Message, StringComparison.Ordinal);
    }
}
