using System.Text.Json;
using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Cli.Commands;

public class InfoCommandTests
{
    [Fact]
    public async Task Json_lists_the_consolidated_tree_with_shapes_types_codecs_and_chunk_counts()
    {
        var (code, output, error) = await CliRunner.RunAsync("info", Path.Combine(ZarritaComparison.Root("v3"), "consolidated"), "--json");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var nodes = doc.RootElement.GetProperty("nodes").EnumerateArray().ToArray();
        Assert.Equal(new[] { "", "1d.chunked.i2", "2d.contiguous.i2", "nested", "nested/1d.i2" }, nodes.Select(n => n.GetProperty("path").GetString()));
        Assert.True(nodes[0].GetProperty("consolidated").GetBoolean());
        Assert.Equal(42, nodes[0].GetProperty("attributes").GetProperty("answer").GetInt32());
        var array = nodes[1];
        Assert.Equal("int16", array.GetProperty("dtype").GetString());
        Assert.Equal(2, array.GetProperty("chunk_count").GetInt64());
        Assert.Equal(new long[] { 4 }, array.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal("bytes", array.GetProperty("codecs")[0].GetString());
    }

    [Fact]
    public async Task Table_shows_sharded_arrays_and_refused_ones()
    {
        var (code, output, error) = await CliRunner.RunAsync("info", ZarritaComparison.Root("v3"));

        Assert.True(code == 0, error);
        Assert.Contains("2d.chunked.compressed.sharded.i2", output, StringComparison.Ordinal);
        Assert.Contains("[2, 2] inner [1, 1]", output, StringComparison.Ordinal);
        Assert.Contains("4 shards", output, StringComparison.Ordinal);
        Assert.Contains("refused", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Array_option_shows_one_v2_array()
    {
        var (code, output, error) = await CliRunner.RunAsync("info", ZarritaComparison.Root("v2"), "--array", "1d.contiguous.zstd.i2", "--json");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var node = Assert.Single(doc.RootElement.GetProperty("nodes").EnumerateArray());
        Assert.Equal(2, node.GetProperty("zarr_format").GetInt32());
        Assert.Equal("zstd", node.GetProperty("codecs")[1].GetString());
    }
}
