using ZarrCache.Zarr;

namespace ZarrCache.Tests.Zarr;

public class ArraySelectionTests
{
    [Fact]
    public void Parses_indexes_slices_and_open_ends_like_numpy()
    {
        var (start, count, kept) = ArraySelection.Parse("0:10, 5, :, -3:").Resolve([20, 8, 4, 6]);

        Assert.Equal(new long[] { 0, 5, 0, 3 }, start);
        Assert.Equal(new long[] { 10, 1, 4, 3 }, count);
        Assert.Equal(new[] { true, false, true, true }, kept);
    }

    [Fact]
    public void Omitted_trailing_dimensions_mean_all_and_slices_clamp()
    {
        var (start, count, _) = ArraySelection.Parse("5:100").Resolve([8, 3]);
        Assert.Equal(new long[] { 5, 0 }, start);
        Assert.Equal(new long[] { 3, 3 }, count);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("1:2:3:4")]
    [InlineData("1:2:0")]
    [InlineData("..., 1, ...")]
    [InlineData("1,,2")]
    [InlineData("1.5")]
    public void Bad_text_is_refused(string text)
    {
        Assert.Throws<ArgumentException>(() => ArraySelection.Parse(text));
    }

    [Fact]
    public void Indexes_outside_the_dimension_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ArraySelection.Parse("-9").Resolve([8]));
    }
}
