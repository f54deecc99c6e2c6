namespace ZarrCache.Tests.Storage;

public class StorePrefixTests
{
    [Theory]
    [InlineData("")]
    [InlineData("a/")]
    [InlineData("group/array/")]
    public void Valid_prefixes_are_empty_or_end_with_a_slash(string text)
    {
        Assert.Equal(text, new StorePrefix(text).Value);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("/")]
    [InlineData("/a/")]
    [InlineData("a//")]
    [InlineData("../")]
    [InlineData("a/../")]
    [InlineData("a\\b/")]
    public void Invalid_prefixes_are_rejected_with_the_prefix_quoted(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => new StorePrefix(text));
        Assert.Contains($"'{text}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPath_adds_the_trailing_slash()
    {
        Assert.Equal("a/b/", StorePrefix.FromPath("a/b").Value);
        Assert.True(StorePrefix.FromPath("").IsRoot);
        Assert.True(new StoreKey("a/b/c").IsUnder(StorePrefix.FromPath("a/b")));
        Assert.False(new StoreKey("a/bc").IsUnder(StorePrefix.FromPath("a/b")));
    }
}
