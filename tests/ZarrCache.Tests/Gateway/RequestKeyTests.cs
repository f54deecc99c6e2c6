using ZarrCache.Gateway.Http;

namespace ZarrCache.Tests.Gateway;

public sealed class RequestKeyTests
{
    [Theory]
    [InlineData("group/array/c/0/1", "group/array/c/0/1")]
    [InlineData("a%20b/.zarray", "a b/.zarray")]
    [InlineData("caf%C3%A9/zarr.json", "café/zarr.json")]
    [InlineData("x/..y", "x/..y")]
    public void A_percent_encoded_path_is_decoded_into_its_key(string encoded, string key)
    {
        Assert.True(RequestKey.TryParse(encoded, 1024, out var parsed, out var problem), problem);
        Assert.Equal(key, parsed.Value);
    }

    [Theory]
    [InlineData("a/../b")]
    [InlineData("a/%2e%2e/b")]
    [InlineData("a/%2E%2E")]
    [InlineData("%2Fetc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("a%5Cb")]
    [InlineData("a%00b")]
    [InlineData("a//b")]
    [InlineData("")]
    [InlineData("a/./b")]
    public void A_key_that_could_leave_the_origin_is_refused_by_the_store_key_rules(string encoded)
    {
        Assert.False(RequestKey.TryParse(encoded, 1024, out _, out var problem));
        Assert.StartsWith("key refused: Invalid store key", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_longer_than_the_limit_is_refused_before_it_is_decoded()
    {
        Assert.False(RequestKey.TryParse(new string('a', 11), 10, out _, out var problem));
        Assert.Equal("key refused: it is longer than 10 characters.", problem);
        Assert.False(RequestKey.TryParse(string.Concat(Enumerable.Repeat("%41", 40)), 10, out _, out _));
        Assert.True(RequestKey.TryParse(new string('a', 10), 10, out _, out _));
    }
}
