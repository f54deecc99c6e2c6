using ZarrCache.S3;

namespace ZarrCache.Tests.S3;

public class S3LocationTests
{
    [Theory]
    [InlineData("s3://bucket", "bucket", "")]
    [InlineData("s3://bucket/", "bucket", "")]
    [InlineData("s3://my-bucket.data/a/b.zarr", "my-bucket.data", "a/b.zarr/")]
    [InlineData("S3://bucket/a/b/", "bucket", "a/b/")]
    [InlineData("s3://bucket/my%20group/x", "bucket", "my group/x/")]
    public void Bucket_and_prefix_are_parsed(string text, string bucket, string prefix)
    {
        var location = S3Location.Parse(text);
        Assert.Equal(bucket, location.Bucket);
        Assert.Equal(prefix, location.Prefix.Value);
    }

    [Theory]
    [InlineData("http://bucket/x")]
    [InlineData("s3://")]
    [InlineData("s3://ab")]
    [InlineData("s3://Upper/x")]
    [InlineData("s3://bucket/a/../b")]
    public void Bad_locations_are_refused_with_the_location_quoted(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => S3Location.Parse(text));
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
    }
}
