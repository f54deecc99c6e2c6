using Amazon.Runtime;
using ZarrCache.S3;

namespace ZarrCache.Tests.S3;

public class S3StoreOptionsTests
{
    [Fact]
    public void Custom_endpoint_uses_path_style_and_checksums_only_when_required()
    {
        var config = new S3StoreOptions { Endpoint = new Uri("http://127.0.0.1:9000"), Region = "eu-west-1" }.ToAmazonS3Config();
        Assert.True(config.ForcePathStyle);
        Assert.StartsWith("http://127.0.0.1:9000", config.ServiceURL, StringComparison.Ordinal);
        Assert.Equal("eu-west-1", config.AuthenticationRegion);
        Assert.Equal(RequestChecksumCalculation.WHEN_REQUIRED, config.RequestChecksumCalculation);
        Assert.Equal(ResponseChecksumValidation.WHEN_REQUIRED, config.ResponseChecksumValidation);
        Assert.Equal(0, config.MaxErrorRetry);
    }

    [Fact]
    public void Aws_endpoint_uses_the_region_and_virtual_hosts()
    {
        var config = new S3StoreOptions { Region = "eu-central-1", UseEnvironmentEndpoint = false }.ToAmazonS3Config();
        Assert.False(config.ForcePathStyle);
        Assert.Equal("eu-central-1", config.RegionEndpoint.SystemName);
    }

    [Fact]
    public void Connection_limit_reaches_the_client()
    {
        var config = new S3StoreOptions { MaxConnectionsPerServer = 7, Endpoint = new Uri("http://127.0.0.1:1") }.ToAmazonS3Config();
        Assert.Equal(7, config.MaxConnectionsPerServer);
    }

    [Theory]
    [InlineData("Region")]
    [InlineData("Endpoint")]
    [InlineData("ListPageSize")]
    [InlineData("MaxConnectionsPerServer")]
    [InlineData("Anonymous")]
    public void Bad_values_are_refused_by_name(string field)
    {
        var options = field switch
        {
            "Region" => new S3StoreOptions { Region = "eu west 1" },
            "Endpoint" => new S3StoreOptions { Endpoint = new Uri("ftp://x/") },
            "ListPageSize" => new S3StoreOptions { ListPageSize = 1001 },
            "MaxConnectionsPerServer" => new S3StoreOptions { MaxConnectionsPerServer = 0 },
            _ => new S3StoreOptions { Anonymous = true, Credentials = new BasicAWSCredentials("a", "b") },
        };
        var e = Assert.ThrowsAny<ArgumentException>(options.Validate);
        Assert.Equal(field, e.ParamName);
    }
}
