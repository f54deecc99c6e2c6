namespace ZarrCache.Tests.Storage;

public class StoreLocationTests
{
    [Theory]
    [InlineData("data/my.zarr")]
    [InlineData("/tmp/x.zarr")]
    [InlineData("./rel")]
    public void Plain_paths_are_local_folders(string text)
    {
        var location = StoreLocation.Parse(text);
        Assert.True(location.IsLocal);
        Assert.Equal("file", location.Scheme);
        Assert.Equal(Path.GetFullPath(text), location.LocalPath);
    }

    [Fact]
    public void File_urls_are_local_folders()
    {
        var location = StoreLocation.Parse("file:///tmp/a%20b.zarr");
        Assert.True(location.IsLocal);
        Assert.Equal("/tmp/a b.zarr", location.LocalPath);
        Assert.IsType<FileSystemStore>(location.OpenLocalOrHttp());
    }

    [Theory]
    [InlineData("http://example.org/data/", "http")]
    [InlineData("HTTPS://example.org/data", "https")]
    public void Http_urls_open_an_HttpStore(string text, string scheme)
    {
        var location = StoreLocation.Parse(text);
        Assert.True(location.IsHttp);
        Assert.Equal(scheme, location.Scheme);
        var store = Assert.IsType<HttpStore>(location.OpenLocalOrHttp());
        Assert.EndsWith("/data/", store.BaseUri.AbsolutePath, StringComparison.Ordinal);
        store.Dispose();
    }

    [Fact]
    public void S3_urls_are_recognised_but_opened_elsewhere()
    {
        var location = StoreLocation.Parse("s3://bucket/prefix");
        Assert.True(location.IsS3);
        var e = Assert.Throws<NotSupportedException>(() => location.OpenLocalOrHttp());
        Assert.Contains("ZarrCache.S3", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gs://bucket/x", "gs")]
    [InlineData("ftp://host/x", "ftp")]
    [InlineData("az:container/x", "az")]
    public void Unknown_schemes_are_refused_by_name(string text, string scheme)
    {
        var e = Assert.Throws<ArgumentException>(() => StoreLocation.Parse(text));
        Assert.Contains($"'{scheme}'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("http://")]
    [InlineData("s3://")]
    public void Empty_or_hostless_locations_are_refused(string text)
    {
        Assert.ThrowsAny<ArgumentException>(() => StoreLocation.Parse(text));
    }
}
