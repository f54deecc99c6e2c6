using System.Text;
using ZarrCache.Zarr;

namespace ZarrCache.Tests.Zarr.Codecs;

/// <summary>
/// The numcodecs filters and the refused native codecs through <see cref="ZarrArray"/>: errors name the array or the
/// chunk key, and a v3 array with <c>numcodecs.packbits</c> reads back what it wrote.
/// </summary>
public class NumcodecsFilterArrayTests
{
    private const string V3Packbits = """
        {"zarr_format":3,"node_type":"array","shape":[13],"data_type":"bool",
         "chunk_grid":{"name":"regular","configuration":{"chunk_shape":[5]}},
         "chunk_key_encoding":{"name":"default","configuration":{"separator":"/"}},
         "fill_value":false,"codecs":[{"name":"numcodecs.packbits"},{"name":"bytes"},{"name":"zstd","configuration":{"level":1}}]}
        """;

    [Theory]
    [InlineData("""{"zarr_format":2,"shape":[4],"chunks":[4],"dtype":"<f8","fill_value":0,"order":"C","compressor":{"id":"zfpy","mode":4},"filters":null}""", "zfpy")]
    [InlineData("""{"zarr_format":2,"shape":[4],"chunks":[4],"dtype":"<f8","fill_value":0,"order":"C","compressor":null,"filters":[{"id":"pcodec"}]}""", "pcodec")]
    public async Task V2_array_with_a_codec_needing_a_native_library_is_refused_naming_the_array_and_the_codec(string zarray, string codec)
    {
        var store = new MemoryStore();
        await store.SetAsync("data/temp/.zarray", Encoding.UTF8.GetBytes(zarray));

        var e = await Assert.ThrowsAsync<ZarrFormatException>(() => ZarrArray.OpenAsync(store, "data/temp"));

        Assert.Contains("data/temp", e.Message, StringComparison.Ordinal);
        Assert.Contains($"codec '{codec}' needs the native library", e.Message, StringComparison.Ordinal);
        Assert.Contains("ZarrCache does not ship", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("numcodecs.zfpy")]
    [InlineData("numcodecs.pcodec")]
    public async Task V3_array_with_a_codec_needing_a_native_library_is_refused_naming_the_array_and_the_codec(string codec)
    {
        var store = new MemoryStore();
        var json = V3Packbits.Replace("\"data_type\":\"bool\"", "\"data_type\":\"float64\"", StringComparison.Ordinal)
            .Replace("\"fill_value\":false", "\"fill_value\":0", StringComparison.Ordinal)
            .Replace("{\"name\":\"numcodecs.packbits\"},{\"name\":\"bytes\"}", $"{{\"name\":\"{codec}\"}}", StringComparison.Ordinal);
        await store.SetAsync("data/temp/zarr.json", Encoding.UTF8.GetBytes(json));

        var e = await Assert.ThrowsAsync<ZarrFormatException>(() => ZarrArray.OpenAsync(store, "data/temp"));

        Assert.Contains("data/temp", e.Message, StringComparison.Ordinal);
        Assert.Contains($"codec '{codec}' needs the native library", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task V3_packbits_array_reads_back_what_it_wrote_across_a_ragged_edge_chunk()
    {
        var store = new MemoryStore();
        await store.SetAsync("bits/zarr.json", Encoding.UTF8.GetBytes(V3Packbits));
        var array = await ZarrArray.OpenAsync(store, "bits");
        var values = Enumerable.Range(0, 13).Select(i => i % 3 != 1).ToArray();

        await array.WriteAsync<bool>(null, values);

        Assert.Equal(values, (await (await ZarrArray.OpenAsync(store, "bits")).ReadAsync<bool>()).Data);
    }

    [Fact]
    public async Task Packbits_chunk_with_a_wrong_padding_byte_is_an_error_naming_the_chunk_key()
    {
        var store = new MemoryStore();
        await store.SetAsync("flags/.zarray", Encoding.UTF8.GetBytes(
            """{"zarr_format":2,"shape":[13],"chunks":[13],"dtype":"|b1","fill_value":false,"order":"C","compressor":null,"filters":[{"id":"packbits"}]}"""));
        await store.SetAsync("flags/0", new byte[] { 5, 0xFF, 0xF8 });
        var array = await ZarrArray.OpenAsync(store, "flags");

        var e = await Assert.ThrowsAsync<ZarrFormatException>(() => array.ReadAsync<bool>());

        Assert.Contains("flags/0", e.Message, StringComparison.Ordinal);
        Assert.Contains("padding byte 5", e.Message, StringComparison.Ordinal);
    }
}
