using FsCheck.Xunit;

namespace ZarrCache.Tests.Storage;

public class ByteRangeTests
{
    [Theory]
    [InlineData(0, 10, 100, 0, 10)]
    [InlineData(95, 10, 100, 95, 5)]
    [InlineData(100, 10, 100, 100, 0)]
    [InlineData(500, 10, 100, 100, 0)]
    [InlineData(0, 0, 100, 0, 0)]
    public void An_offset_range_is_clamped_to_the_end_as_http_does(long offset, long length, long size, long start, long resolved)
    {
        Assert.Equal((start, resolved), ByteRange.FromOffset(offset, length).Resolve(size));
    }

    [Fact]
    public void An_open_range_runs_to_the_end()
    {
        var range = ByteRange.FromOffset(30);
        Assert.True(range.IsToEnd);
        Assert.Equal((30L, 70L), range.Resolve(100));
        Assert.Equal("bytes=30-", range.ToHttpHeaderValue());
    }

    [Fact]
    public void A_suffix_longer_than_the_value_is_the_whole_value()
    {
        Assert.Equal((90L, 10L), ByteRange.Suffix(10).Resolve(100));
        Assert.Equal((0L, 5L), ByteRange.Suffix(10).Resolve(5));
        Assert.Equal("bytes=-10", ByteRange.Suffix(10).ToHttpHeaderValue());
    }

    [Fact]
    public void Negative_ranges_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ByteRange.FromOffset(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ByteRange.FromOffset(0, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ByteRange.Suffix(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ByteRange.FromOffset(long.MaxValue, 2));
    }

    [Fact]
    public void Slice_shares_the_value_memory()
    {
        var value = new byte[] { 0, 1, 2, 3, 4 };
        var slice = ByteRange.FromOffset(1, 2).Slice(value);
        Assert.Equal(new byte[] { 1, 2 }, slice.ToArray());
        Assert.Equal("bytes=1-2", ByteRange.FromOffset(1, 2).ToHttpHeaderValue());
    }

    [Property]
    public bool A_resolved_range_always_lies_inside_the_value(ushort offset, ushort length, ushort size, bool suffix)
    {
        var range = suffix ? ByteRange.Suffix(length) : ByteRange.FromOffset(offset, length);
        var (start, resolved) = range.Resolve(size);
        return start >= 0 && resolved >= 0 && start + resolved <= size && resolved <= length;
    }
}
