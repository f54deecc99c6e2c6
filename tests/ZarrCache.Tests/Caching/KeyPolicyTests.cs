namespace ZarrCache.Tests.Caching;

public class KeyPolicyTests
{
    [Theory]
    [InlineData("temp/c/0/1/2", KeyKind.Chunk)]
    [InlineData("temp/c", KeyKind.Chunk)]
    [InlineData("temp/0.1.2", KeyKind.Chunk)]
    [InlineData("temp/0/1/2", KeyKind.Chunk)]
    [InlineData("0", KeyKind.Chunk)]
    [InlineData("temp/.zarray", KeyKind.ArrayMetadata)]
    [InlineData(".zattrs", KeyKind.Attributes)]
    [InlineData("g/.zgroup", KeyKind.GroupMetadata)]
    [InlineData("g/zarr.json", KeyKind.NodeMetadata)]
    [InlineData(".zmetadata", KeyKind.ConsolidatedMetadata)]
    [InlineData("temp/README.txt", KeyKind.Other)]
    [InlineData("temp/0..1", KeyKind.Other)]
    [InlineData("temp/1.", KeyKind.Other)]
    [InlineData("temp/x1", KeyKind.Other)]
    public void Keys_are_classified_by_their_last_segment(string key, KeyKind expected)
    {
        Assert.Equal(expected, KeyPolicy.Classify(key));
    }

    [Theory]
    [InlineData("a/c/0", true)]
    [InlineData("a/.zarray", true)]
    [InlineData("a/.zattrs", true)]
    [InlineData("a/zarr.json", true)]
    [InlineData(".zmetadata", true)]
    [InlineData("a/.zgroup", false)]
    [InlineData("a/notes.txt", true)]
    public void The_default_caches_chunks_and_metadata_but_skips_zgroup(string key, bool cached)
    {
        Assert.Equal(cached, KeyPolicy.Default.ShouldCache(key));
    }

    [Fact]
    public void By_default_missing_chunks_and_missing_metadata_are_remembered()
    {
        Assert.True(KeyPolicy.Default.ShouldCacheMissing("a/c/0/0"));
        Assert.True(KeyPolicy.Default.ShouldCacheMissing("a/zarr.json"));
        Assert.True(KeyPolicy.Default.ShouldCacheMissing("a/.zattrs"));
        Assert.False((KeyPolicy.Default with { CacheMissingMetadata = false }).ShouldCacheMissing("a/.zarray"));
    }

    [Fact]
    public void Each_kind_can_be_switched_and_a_predicate_narrows_further()
    {
        var policy = KeyPolicy.Default with
        {
            CacheChunks = false,
            CacheGroupMetadata = true,
            CacheMissingMetadata = false,
            CacheMissingChunks = false,
            Predicate = (key, kind) => kind != KeyKind.Attributes,
        };

        Assert.False(policy.ShouldCache("a/c/0"));
        Assert.True(policy.ShouldCache("a/.zgroup"));
        Assert.False(policy.ShouldCache("a/.zattrs"));
        Assert.False(policy.ShouldCacheMissing("a/zarr.json"));
        Assert.False(policy.ShouldCacheMissing("a/.zattrs"));
        Assert.False(policy.ShouldCacheMissing("a/c/0"));
    }
}
