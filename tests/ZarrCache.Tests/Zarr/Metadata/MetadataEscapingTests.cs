using System.Text;
using System.Text.Json;
using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr.Metadata;

/// <summary>Written metadata JSON escapes as zarr-python's json.dumps(ensure_ascii=True): no \u003C for '&lt;', non-ASCII as lower-case \uxxxx.</summary>
public sealed class MetadataEscapingTests
{
    private const string Text = "<b>&'é😀\u0001";

    private static Dictionary<string, JsonElement> Attributes() =>
        new() { ["note"] = JsonSerializer.SerializeToElement(Text), ["<key>"] = JsonSerializer.SerializeToElement(1) };

    [Fact]
    public async Task A_v2_zattrs_string_is_written_as_zarr_python_2_13_writes_it()
    {
        using var temp = new TempDirectory();
        var store = new FileSystemStore(temp.Path);
        await ZarrArray.CreateAsync(store, "a", new ZarrArrayOptions
        {
            ZarrFormat = 2, Shape = [2], ChunkShape = [2], DataType = ZarrDataTypeKind.Int16, Attributes = Attributes(),
        });
        var ours = await File.ReadAllTextAsync(Path.Combine(temp.Path, "a", ".zattrs"));

        var theirsDir = Path.Combine(temp.Path, "py.zarr");
        ExternalTool.RunPython($$"""
            import zarr
            a = zarr.open_array('{{theirsDir}}', mode='w', shape=(2,), dtype='i2')
            a.attrs.update({'note': "<b>&'\u00e9\U0001F600\x01", '<key>': 1})
            """);
        var theirs = await File.ReadAllTextAsync(Path.Combine(theirsDir, ".zattrs"));

        // zarr-python sorts the keys and indents by 4; the escaped text of each line is the same.
        Assert.Equal(Lines(theirs).Order(StringComparer.Ordinal), Lines(ours).Order(StringComparer.Ordinal));
        Assert.Contains("\"<b>&'\\u00e9\\ud83d\\ude00\\u0001\"", ours, StringComparison.Ordinal);
        Assert.Equal(Text, JsonDocument.Parse(ours).RootElement.GetProperty("note").GetString());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Array_and_group_metadata_hold_no_html_escapes_and_only_ascii(int format)
    {
        var store = new MemoryStore();
        await ZarrGroup.CreateAsync(store, "g", format, Attributes());
        await ZarrArray.CreateAsync(store, "g/a", new ZarrArrayOptions
        {
            ZarrFormat = format, Shape = [2], ChunkShape = [2], DataType = ZarrDataTypeKind.Int16, Attributes = Attributes(),
        });

        string[] keys = format == 3 ? ["g/zarr.json", "g/a/zarr.json"] : ["g/.zattrs", "g/a/.zattrs", "g/a/.zarray"];
        foreach (var key in keys)
        {
            var bytes = (await store.GetAsync(key))!.Value.ToArray();
            var raw = Encoding.UTF8.GetString(bytes);
            Assert.DoesNotContain("\\u003C", raw, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("\\u0026", raw, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("\\u0027", raw, StringComparison.OrdinalIgnoreCase);
            Assert.True(bytes.All(b => b < 0x80), $"{key} is not plain ASCII: {raw}");
            JsonDocument.Parse(bytes).Dispose();
        }

        var group = await ZarrGroup.OpenAsync(store, "g");
        var array = await ZarrArray.OpenAsync(store, "g/a");
        Assert.Equal(Text, group.Attributes["note"].GetString());
        Assert.Equal(Text, array.Attributes["note"].GetString());
        Assert.True(array.Attributes.ContainsKey("<key>"));
    }

    private static IEnumerable<string> Lines(string json) =>
        json.Split('\n').Select(l => l.Trim().TrimEnd(',')).Where(l => l.Length > 0);
}
