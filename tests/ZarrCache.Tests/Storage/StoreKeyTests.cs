using FsCheck.Xunit;

namespace ZarrCache.Tests.Storage;

public class StoreKeyTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("temperature/c/0/1")]
    [InlineData("group/array/.zarray")]
    [InlineData("a.b/c..d/...")]
    public void Valid_keys_keep_their_text(string text)
    {
        StoreKey key = text;
        Assert.Equal(text, key.Value);
        Assert.Equal(text, key.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("/abs")]
    [InlineData("a//b")]
    [InlineData("a/")]
    [InlineData("./a")]
    [InlineData("a/./b")]
    [InlineData("a/../b")]
    [InlineData("..")]
    [InlineData("a\\b")]
    [InlineData("a\0b")]
    public void Invalid_keys_are_rejected_with_the_key_quoted(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => new StoreKey(text));
        Assert.Contains($"'{text.Replace("\0", "\\0", StringComparison.Ordinal)}'", e.Message, StringComparison.Ordinal);
        Assert.False(StoreKey.TryCreate(text, out _));
    }

    [Fact]
    public void Name_is_the_last_segment()
    {
        Assert.Equal("1", new StoreKey("a/c/0/1").Name);
        Assert.Equal(".zarray", new StoreKey(".zarray").Name);
    }

    [Fact]
    public void Keys_compare_ordinally_and_hash_alike()
    {
        StoreKey a = "a/b";
        StoreKey b = new("a/b");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(new StoreKey("A") < new StoreKey("a"));
    }

    [Property]
    public bool Any_text_is_either_rejected_or_a_key_that_cannot_leave_its_store(string? text)
    {
        if (!StoreKey.TryCreate(text, out var key))
        {
            return text is null || Throws(text);
        }

        var segments = key.Value.Split('/');
        return key.Value == text
            && !key.Value.StartsWith('/')
            && segments.All(s => s.Length > 0 && s != "." && s != "..")
            && !key.Value.Contains('\\', StringComparison.Ordinal)
            && !key.Value.Contains('\0', StringComparison.Ordinal);
    }

    private static bool Throws(string text)
    {
        try
        {
            _ = new StoreKey(text);
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
