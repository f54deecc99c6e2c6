using ZarrCache.Cli.Bench;
using ZarrCache.Zarr;

namespace ZarrCache.Tests.Cli.Bench;

public class AccessPatternTests
{
    private static readonly long[] Shape = [40, 6, 6];
    private static readonly int[] Chunks = [4, 3, 3];

    [Theory]
    [InlineData("scan")]
    [InlineData("timeseries")]
    [InlineData("tiles")]
    [InlineData("random")]
    public void The_same_seed_gives_the_same_selections(string pattern)
    {
        var kind = AccessPattern.Parse(pattern);
        var a = Text(AccessPattern.Generate(kind, Shape, Chunks, 3, 50, 7));
        var b = Text(AccessPattern.Generate(kind, Shape, Chunks, 3, 50, 7));

        Assert.Equal(a, b);
        Assert.NotEmpty(a.SelectMany(x => x));
    }

    [Theory]
    [InlineData("timeseries")]
    [InlineData("tiles")]
    [InlineData("random")]
    public void Another_seed_gives_other_selections(string pattern)
    {
        var kind = AccessPattern.Parse(pattern);
        var a = Text(AccessPattern.Generate(kind, Shape, Chunks, 2, 50, 1));
        var b = Text(AccessPattern.Generate(kind, Shape, Chunks, 2, 50, 2));

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Scan_reads_every_chunk_once_in_c_order_in_contiguous_shares()
    {
        var shares = AccessPattern.Generate(AccessPatternKind.Scan, [5, 4], [2, 3], 2, 1, 0);

        // Grid 3 x 2: chunks (0,0) (0,1) | (1,0) (1,1) (2,0) (2,1), shares of 3 each.
        Assert.Equal(["0:2,0:3", "0:2,3:4", "2:4,0:3"], shares[0].Select(s => s.ToString()));
        Assert.Equal(["2:4,3:4", "4:5,0:3", "4:5,3:4"], shares[1].Select(s => s.ToString()));
    }

    [Fact]
    public void Timeseries_reads_one_element_per_chunk_along_the_first_dimension_in_a_column_of_its_own()
    {
        var shares = AccessPattern.Generate(AccessPatternKind.Timeseries, Shape, Chunks, 3, 1, 11);

        var columnChunks = new HashSet<string>();
        foreach (var share in shares)
        {
            Assert.Equal(10, share.Count);
            var indexes = share.Select(s => s.Dimensions.Select(d => { Assert.True(d.IsIndex); return d.Start!.Value; }).ToArray()).ToArray();
            Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), indexes.Select(x => x[0] / Chunks[0]));
            Assert.Single(indexes.Select(x => x[0] % Chunks[0]).Distinct());
            Assert.Single(indexes.Select(x => $"{x[1]},{x[2]}").Distinct());
            Assert.True(columnChunks.Add($"{indexes[0][1] / Chunks[1]},{indexes[0][2] / Chunks[2]}"), "two readers share a column chunk");
        }
    }

    [Fact]
    public void Timeseries_readers_sharing_a_column_split_its_walk()
    {
        var shares = AccessPattern.Generate(AccessPatternKind.Timeseries, [100], [10], 3, 1, 5);

        var chunks = shares.SelectMany(s => s).Select(s => s.Dimensions[0].Start!.Value / 10).ToArray();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), chunks);
        Assert.All(shares, s => Assert.InRange(s.Count, 3, 4));
    }

    [Fact]
    public void Tiles_send_most_reads_to_a_fifth_of_the_chunks()
    {
        var shares = AccessPattern.Generate(AccessPatternKind.Tiles, [100, 100], [10, 10], 4, 5000, 3);

        var all = shares.SelectMany(s => s).ToArray();
        Assert.Equal(5000, all.Length);
        Assert.All(all, s => Assert.All(s.Dimensions, d => Assert.Equal(0, d.Start!.Value % 10)));
        var hottest = all.GroupBy(s => s.ToString()).Select(g => g.Count()).OrderDescending().Take(20).Sum();
        Assert.InRange(hottest, 0.75 * 5000, 0.85 * 5000);
    }

    [Fact]
    public void Random_regions_are_chunk_sized_and_inside_the_array()
    {
        var shares = AccessPattern.Generate(AccessPatternKind.Random, [50, 7], [8, 10], 3, 300, 9);

        var all = shares.SelectMany(s => s).ToArray();
        Assert.Equal(300, all.Length);
        Assert.All(all, s =>
        {
            Assert.Equal(8, s.Dimensions[0].Stop!.Value - s.Dimensions[0].Start!.Value);
            Assert.InRange(s.Dimensions[0].Stop!.Value, 8, 50);
            Assert.Equal("0:7", s.Dimensions[1].ToString());
        });
        Assert.True(all.Count(s => s.Dimensions[0].Start!.Value % 8 != 0) > 100, "random regions should mostly not be chunk-aligned");
    }

    [Fact]
    public void An_unknown_pattern_is_refused_naming_the_option()
    {
        var e = Assert.Throws<ArgumentException>(() => AccessPattern.Parse("zigzag"));

        Assert.Contains("--pattern", e.Message, StringComparison.Ordinal);
        Assert.Contains("zigzag", e.Message, StringComparison.Ordinal);
        Assert.Equal(AccessPatternKind.Timeseries, AccessPattern.Parse("TimeSeries"));
    }

    [Fact]
    public void A_scan_of_a_huge_array_is_refused_before_allocating()
    {
        var e = Assert.Throws<ArgumentException>(() => AccessPattern.Generate(AccessPatternKind.Scan, [1L << 40, 1L << 20], [1, 1], 1, 1, 0));

        Assert.Contains("--pattern scan", e.Message, StringComparison.Ordinal);
    }

    private static string[][] Text(IReadOnlyList<IReadOnlyList<ArraySelection>> shares) =>
        shares.Select(s => s.Select(x => x.ToString()).ToArray()).ToArray();
}
