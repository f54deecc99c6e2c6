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
    public async Task Table_shows_sharded_arrays_and_string_arrays()
    {
        var (code, output, error) = await CliRunner.RunAsync("info", ZarritaComparison.Root("v3"));

        Assert.True(code == 0, error);
        Assert.Contains("2d.chunked.compressed.sharded.i2", output, StringComparison.Ordinal);
        Assert.Contains("[2, 2] inner [1, 1]", output, StringComparison.Ordinal);
        Assert.Contains("4 shards", output, StringComparison.Ordinal);
        Assert.Contains("string", output, StringComparison.Ordinal);
        Assert.DoesNotContain("refused", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_shows_refused_arrays()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(Path.Combine(temp.Path, ".zgroup"), """{"zarr_format":2}""");
        Directory.CreateDirectory(Path.Combine(temp.Path, "pickled"));
        File.WriteAllText(Path.Combine(temp.Path, "pickled", ".zarray"), """{"zarr_format":2,"shape":[2],"chunks":[2],"dtype":"|O","fill_value":null,"order":"C","compressor":null,"filters":[{"id":"pickle"}]}""");

        var (code, output, error) = await CliRunner.RunAsync("info", temp.Path);

        Assert.True(code == 0, error);
        Assert.Contains("pickled", output, StringComparison.Ordinal);
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

    [Fact]
    public async Task The_chunk_count_of_a_grid_past_two_to_the_64_is_exact_in_the_table_and_the_json()
    {
        // 2^62 x 2^62 chunks of one element: 2^124 chunks, which a 64-bit product wraps to 0.
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(temp.Path, "zarr.json"), """
            {"zarr_format": 3, "node_type": "array", "shape": [4611686018427387904, 4611686018427387904], "data_type": "uint8",
             "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [1, 1]}},
             "chunk_key_encoding": {"name": "default", "configuration": {"separator": "/"}},
             "fill_value": 0, "codecs": [{"name": "bytes"}]}
            """);
        const string exact = "21267647932558653966460912964485513216"; // 2^124

        var table = await CliRunner.RunAsync("info", temp.Path);
        var json = await CliRunner.RunAsync("info", temp.Path, "--json");

        Assert.True(table.ExitCode == 0, table.Error);
        Assert.Contains(exact + " chunks", table.Output, StringComparison.Ordinal);
        Assert.True(json.ExitCode == 0, json.Error);
        using var doc = JsonDocument.Parse(json.Output);
        var count = Assert.Single(doc.RootElement.GetProperty("nodes").EnumerateArray()).GetProperty("chunk_count");
        Assert.Equal(exact, count.GetRawText());
    }

    [Fact]
    public async Task The_chunk_count_of_a_partial_grid_rounds_up_without_overflow()
    {
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(temp.Path, "zarr.json"), """
            {"zarr_format": 3, "node_type": "array", "shape": [9223372036854775807], "data_type": "uint8",
             "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [1000]}},
             "chunk_key_encoding": {"name": "default", "configuration": {"separator": "/"}},
             "fill_value": 0, "codecs": [{"name": "bytes"}]}
            """);

        var array = await ZarrCache.Zarr.ZarrArray.OpenAsync(new FileSystemStore(temp.Path));

        Assert.Equal(9223372036854776L, array.ChunkCount); // ceil((2^63 - 1) / 1000)
        Assert.Equal(new System.Numerics.BigInteger(9223372036854776L), array.ExactChunkCount);
    }
}
