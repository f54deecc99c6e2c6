using ZarrCache.S3;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Storage;

/// <summary>Opening stores, groups and arrays from a location in one line (<see cref="ZarrStore"/>, <c>ZarrArray.OpenAsync(location, ...)</c>).</summary>
public sealed class ZarrStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "zarrcache-open-" + Guid.NewGuid().ToString("N"));

    public ZarrStoreTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_path_opens_a_cached_folder_store_with_the_given_cache()
    {
        var config = new CacheConfig { MaxMemorySize = 1 << 20 };
        var store = Assert.IsType<WritableCachedStore>(ZarrStore.Open(_folder, new StoreOpenOptions { Cache = config }));
        Assert.IsType<FileSystemStore>(store.Store);
        Assert.Equal(1 << 20, store.Config.MaxMemorySize);
    }

    [Fact]
    public void A_file_url_and_an_http_url_open_their_origins()
    {
        Assert.IsType<FileSystemStore>(ZarrStore.OpenOrigin(new Uri(_folder).AbsoluteUri));
        using var http = Assert.IsType<HttpStore>(ZarrStore.OpenOrigin("http://127.0.0.1:9/x.zarr/"));
        Assert.Equal("http://127.0.0.1:9/x.zarr/", http.BaseUri.ToString());
    }

    [Fact]
    public void An_s3_url_without_UseS3_is_refused_naming_UseS3()
    {
        var e = Assert.Throws<ArgumentException>(() => ZarrStore.Open("s3://bucket/data.zarr"));
        Assert.Contains("s3://bucket/data.zarr", e.Message, StringComparison.Ordinal);
        Assert.Contains("UseS3()", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseS3_opens_the_bucket_and_prefix_with_its_S3_options()
    {
        var options = new StoreOpenOptions().UseS3(new S3StoreOptions { Endpoint = new Uri("http://127.0.0.1:9"), Anonymous = true, Region = "eu-west-1" });
        var cached = ZarrStore.Open("s3://bucket/data/x.zarr", options);
        using var s3 = Assert.IsType<S3Store>(cached.Store);
        Assert.Equal("bucket", s3.Bucket);
        Assert.Equal("data/x.zarr/", s3.Prefix.Value);
    }

    [Fact]
    public void UseS3_with_a_bad_region_names_the_field()
    {
        var e = Assert.Throws<ArgumentException>(() => new StoreOpenOptions().UseS3(new S3StoreOptions { Region = "bad region" }));
        Assert.Contains("S3StoreOptions.Region 'bad region'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_opener_of_a_scheme_replaces_the_first()
    {
        var options = new StoreOpenOptions().UseS3(new S3StoreOptions { Region = "eu-west-1" }).UseS3(new S3StoreOptions { Region = "us-west-2" });
        var opener = Assert.IsType<S3StoreOpener>(Assert.Single(options.Openers));
        Assert.Equal("us-west-2", opener.Options.Region);
    }

    [Fact]
    public void A_missing_folder_is_named_unless_allowed()
    {
        var missing = Path.Combine(_folder, "nowhere");
        var e = Assert.Throws<ArgumentException>(() => ZarrStore.Open(missing));
        Assert.Contains($"'{missing}' does not exist", e.Message, StringComparison.Ordinal);
        Assert.IsType<WritableCachedStore>(ZarrStore.Open(missing, new StoreOpenOptions { AllowMissingFolder = true }));
    }

    [Fact]
    public async Task An_array_and_a_group_open_from_a_location_in_one_call_and_read_through_the_cache()
    {
        await ZarrGroup.CreateAsync(new FileSystemStore(_folder));
        var written = await ZarrArray.CreateAsync(new FileSystemStore(_folder), "temperature",
            new ZarrArrayOptions { Shape = [4], ChunkShape = [2], DataType = ZarrDataTypeKind.Int32 });
        await written.WriteAsync<int>(null, new[] { 1, 2, 3, 4 });

        var array = await ZarrArray.OpenAsync(_folder, "temperature", new StoreOpenOptions());
        var read = await array.ReadAsync<int>(ArraySelection.Parse("1:3"));
        var group = await ZarrGroup.OpenAsync(new Uri(_folder).AbsoluteUri, "", null);

        Assert.Equal([2, 3], read.Data);
        Assert.IsAssignableFrom<CachedStore>(array.Store);
        Assert.IsAssignableFrom<CachedStore>(group.Store);
    }
}
