namespace ZarrCache.Tests.Storage.Remote;

public class ContentRangeTests
{
    [Theory]
    [InlineData("bytes 0-9/100", 0, 9, 100L)]
    [InlineData("bytes 90-99/100", 90, 99, 100L)]
    [InlineData("bytes 5-5/*", 5, 5, null)]
    public void Valid_headers_parse(string header, long start, long end, long? total)
    {
        Assert.True(ContentRange.TryParse(header, out var s, out var e, out var t));
        Assert.Equal((start, end, total), (s, e, t));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("bytes */100")]
    [InlineData("bytes 9-0/100")]
    [InlineData("bytes 0-100/100")]
    [InlineData("items 0-1/2")]
    [InlineData("bytes -1-5/10")]
    public void Malformed_or_inconsistent_headers_are_refused(string? header)
    {
        Assert.False(ContentRange.TryParse(header, out _, out _, out _));
    }

    [Fact]
    public void A_suffix_answered_from_the_start_does_not_match()
    {
        // s3rver answers "bytes=-5" of a 309-byte value with "bytes 0-5/309".
        Assert.False(ContentRange.Matches(ByteRange.Suffix(5), 0, 5, 309));
        Assert.True(ContentRange.Matches(ByteRange.Suffix(5), 304, 308, 309));
        Assert.True(ContentRange.Matches(ByteRange.FromOffset(300, 100), 300, 308, 309));
    }
}
