using System.CommandLine;
using System.Text.Json;
using ZarrCache.Cli;
using ZarrCache.IntegrationTests.Infrastructure;
using ZarrCache.Zarr;

namespace ZarrCache.IntegrationTests.Zarr;

/// <summary>
/// Consolidated metadata over nginx (an origin that cannot list): opening a node costs one request, counted in
/// nginx's own log; without it, listing says so in one line.
/// </summary>
public sealed class ConsolidatedOverHttpTests
{
    // A v3 array document as zarr-python 3 writes it (ArrayV3Metadata.to_dict).
    private const string Int16Array = """
        {"shape": [4], "data_type": "int16", "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [4]}},
         "chunk_key_encoding": {"name": "default", "configuration": {"separator": "/"}}, "fill_value": 0,
         "codecs": [{"name": "bytes", "configuration": {"endian": "little"}}], "attributes": {"units": "K"},
         "zarr_format": 3, "node_type": "array", "storage_transformers": []}
        """;

    private const string EmptyGroup = """
        {"attributes": {"description": "nested"}, "zarr_format": 3, "consolidated_metadata": {"kind": "inline", "must_understand": false, "metadata": {}}, "node_type": "group"}
        """;

    private static bool IsMetadata(LogLine line) =>
        line.Url.EndsWith("/.zmetadata", StringComparison.Ordinal) || line.Url.EndsWith("/.zarray", StringComparison.Ordinal)
        || line.Url.EndsWith("/.zattrs", StringComparison.Ordinal) || line.Url.EndsWith("/.zgroup", StringComparison.Ordinal)
        || line.Url.EndsWith("/zarr.json", StringComparison.Ordinal);

    private static (HttpServer Server, string Dir, Uri Url) Scratch()
    {
        var server = OriginServers.Http();
        var name = Guid.NewGuid().ToString("N");
        var dir = Path.Combine(server.Root, "scratch", name);
        return (server, dir, new Uri(server.BaseUri, "scratch/" + name + "/"));
    }

    private static (HttpServer Server, Uri Url) PythonHierarchy(bool consolidate)
    {
        var (server, dir, url) = Scratch();
        ZarrPythonReference.Hierarchy("make", dir);
        if (consolidate)
        {
            ZarrPythonReference.Hierarchy("consolidate", dir);
        }

        return (server, url);
    }

    /// <summary>Writes a v3 hierarchy by hand: root group (consolidated_metadata as given), temp, grp, grp/vals.</summary>
    private static (HttpServer Server, Uri Url) V3Hierarchy(string consolidatedMetadata)
    {
        var (server, dir, url) = Scratch();
        void Write(string key, string text) => WriteBytes(key, System.Text.Encoding.UTF8.GetBytes(text));
        void WriteBytes(string key, byte[] bytes)
        {
            var path = Path.Combine(dir, key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }

        Write("zarr.json", $$"""{"attributes": {"title": "v3"}, "zarr_format": 3, "consolidated_metadata": {{consolidatedMetadata}}, "node_type": "group"}""");
        Write("temp/zarr.json", Int16Array);
        Write("grp/zarr.json", EmptyGroup.Replace("{\"kind\": \"inline\", \"must_understand\": false, \"metadata\": {}}", "null", StringComparison.Ordinal));
        Write("grp/vals/zarr.json", Int16Array);
        WriteBytes("temp/c/0", [1, 0, 2, 0, 3, 0, 4, 0]);
        WriteBytes("grp/vals/c/0", [10, 0, 20, 0, 30, 0, 40, 0]);
        return (server, url);
    }

    private static string ZarrPython3Consolidated() =>
        $$$"""{"kind": "inline", "must_understand": false, "metadata": {"grp": {{{EmptyGroup}}}, "temp": {{{Int16Array}}}, "grp/vals": {{{Int16Array}}}}}""";

    private static async Task<(int Code, string Output, string Error)> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Opening_an_array_of_a_v2_hierarchy_consolidated_by_zarr_python_costs_one_request_to_zmetadata()
    {
        var (server, url) = PythonHierarchy(consolidate: true);
        using var store = new HttpStore(url);

        var mark = server.Log.Mark();
        var array = await ZarrArray.OpenAsync(store, "a b/values");
        var lines = await server.Log.LinesSince(mark, l => l.Count >= 1);

        var line = Assert.Single(lines);
        Assert.EndsWith("/.zmetadata", line.Url, StringComparison.Ordinal);
        Assert.Equal(200, line.Status);
        Assert.Equal(new[] { 0.5, 1.0, 1.5, 2.0, 2.5 }, (await array.ReadAsync<double>()).Data);
    }

    [Fact]
    public async Task Read_command_over_http_asks_for_zmetadata_only_of_the_metadata()
    {
        var (server, url) = PythonHierarchy(consolidate: true);

        var mark = server.Log.Mark();
        var (code, output, error) = await CliAsync("read", url.ToString(), "--array", "temp", "--region", "1,0:3", "--no-cache");
        var lines = await server.Log.LinesSince(mark, l => l.Count >= 2);

        Assert.True(code == 0, error);
        Assert.Contains("[6,7,8]", output, StringComparison.Ordinal);
        var metadata = Assert.Single(lines, IsMetadata);
        Assert.EndsWith("/.zmetadata", metadata.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Status == 404);
    }

    [Fact]
    public async Task Opening_an_array_of_a_v3_hierarchy_with_consolidated_metadata_costs_one_request_to_the_root_zarr_json()
    {
        var (server, url) = V3Hierarchy(ZarrPython3Consolidated());
        using var store = new HttpStore(url);

        var mark = server.Log.Mark();
        var root = await ZarrGroup.OpenAsync(store, "", 3);
        var array = await (await root.OpenGroupAsync("grp")).OpenArrayAsync("vals");
        var members = await root.ListMembersAsync();
        var lines = await server.Log.LinesSince(mark, l => l.Count >= 1);

        var line = Assert.Single(lines);
        Assert.Equal("/" + url.AbsolutePath.Trim('/') + "/zarr.json", line.Url);
        Assert.Equal(200, line.Status);
        Assert.True(root.IsConsolidated);
        Assert.Equal(new[] { "grp", "temp" }, members.Select(m => m.Name));
        Assert.Equal("K", array.Attributes["units"].GetString());
        Assert.Equal(new short[] { 10, 20, 30, 40 }, (await array.ReadAsync<short>()).Data);
    }

    [Fact]
    public async Task A_v3_hierarchy_whose_consolidated_metadata_is_null_opens_node_by_node_and_says_it_cannot_list()
    {
        var (server, url) = V3Hierarchy("null");
        using var store = new HttpStore(url);

        var root = await ZarrGroup.OpenAsync(store, "", 3);
        var mark = server.Log.Mark();
        var array = await root.OpenArrayAsync("temp");
        var lines = await server.Log.LinesSince(mark, l => l.Count >= 1);

        Assert.False(root.IsConsolidated);
        Assert.EndsWith("/temp/zarr.json", Assert.Single(lines).Url, StringComparison.Ordinal);
        Assert.Equal(new short[] { 1, 2, 3, 4 }, (await array.ReadAsync<short>()).Data);
        var e = await Assert.ThrowsAsync<ZarrListingException>(() => root.ListMembersAsync());
        Assert.Contains("consolidate", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_over_http_lists_the_whole_hierarchy_from_consolidated_metadata()
    {
        var (_, url) = PythonHierarchy(consolidate: true);

        var (code, output, error) = await CliAsync("info", url.ToString(), "--json");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var nodes = doc.RootElement.GetProperty("nodes").EnumerateArray().ToArray();
        Assert.Equal(new[] { "", "a b", "a b/values", "g", "temp" }, nodes.Select(n => n.GetProperty("path").GetString()));
        Assert.Equal(new long[] { 4, 6 }, nodes[4].GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal("a nested group", nodes[1].GetProperty("attributes").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Info_over_http_without_consolidated_metadata_says_in_one_line_that_listing_is_not_possible()
    {
        var (_, url) = PythonHierarchy(consolidate: false);

        var (code, _, error) = await CliAsync("info", url.ToString());

        Assert.NotEqual(0, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("cannot list", line, StringComparison.Ordinal);
        Assert.Contains("consolidate", line, StringComparison.Ordinal);
    }
}
