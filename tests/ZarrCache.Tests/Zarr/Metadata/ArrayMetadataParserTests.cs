using System.Text.Json;
using ZarrCache.Zarr;
using ZarrCache.Zarr.Metadata;

namespace ZarrCache.Tests.Zarr.Metadata;

public class ArrayMetadataParserTests
{
    private const string V3 = """
        {"zarr_format":3,"node_type":"array","shape":[10,10],"data_type":"float32",
         "chunk_grid":{"name":"regular","configuration":{"chunk_shape":[5,5]}},
         "chunk_key_encoding":{"name":"v2","configuration":{"separator":"/"}},
         "fill_value":"NaN","codecs":[{"name":"transpose","configuration":{"order":[1,0]}},{"name":"bytes","configuration":{"endian":"big"}},{"name":"zstd","configuration":{"level":1}}],
         "dimension_names":["y",null],"attributes":{"units":"K"}}
        """;

    [Fact]
    public void V3_metadata_parses_every_field()
    {
        using var doc = JsonDocument.Parse(V3);
        var m = ArrayMetadataParser.ParseV3(doc.RootElement, "a");

        Assert.Equal(new long[] { 10, 10 }, m.Shape);
        Assert.Equal(new[] { 5, 5 }, m.ChunkShape);
        Assert.Equal("1/2", m.KeyEncoding.Encode([1, 2]));
        Assert.Equal(new[] { "transpose", "bytes", "zstd" }, m.Codecs.All.Select(c => c.Name));
        Assert.Equal(new[] { "y", null }, m.DimensionNames);
        Assert.Equal("K", m.Attributes["units"].GetString());
    }

    [Theory]
    [InlineData("\"chunk_shape\":[5,5]", "\"chunk_shape\":[5]", "chunk_shape")]
    [InlineData("\"name\":\"regular\"", "\"name\":\"rectilinear\"", "rectilinear")]
    [InlineData("\"name\":\"zstd\"", "\"name\":\"mystery\"", "mystery")]
    [InlineData("\"endian\":\"big\"", "\"endian\":\"middle\"", "endian")]
    [InlineData("\"order\":[1,0]", "\"order\":[1,1]", "order")]
    [InlineData("\"shape\":[10,10]", "\"shape\":[10,-1]", "shape")]
    [InlineData("\"chunk_shape\":[5,5]", "\"chunk_shape\":[0,5]", "chunk")]
    [InlineData("\"data_type\":\"float32\"", "\"data_type\":\"string\"", "string")]
    public void Bad_v3_fields_are_refused_naming_them(string from, string to, string named)
    {
        using var doc = JsonDocument.Parse(V3.Replace(from, to, StringComparison.Ordinal));
        var e = Assert.Throws<ZarrFormatException>(() => ArrayMetadataParser.ParseV3(doc.RootElement, "arr"));
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
        Assert.Contains("arr", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chunk_larger_than_a_buffer_can_be_is_refused_before_allocating()
    {
        using var doc = JsonDocument.Parse(V3.Replace("\"chunk_shape\":[5,5]", "\"chunk_shape\":[100000,100000]", StringComparison.Ordinal));
        var e = Assert.Throws<ZarrFormatException>(() => ArrayMetadataParser.ParseV3(doc.RootElement, "arr"));
        Assert.Contains("larger", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void V2_filters_then_compressor_build_a_pipeline()
    {
        using var doc = JsonDocument.Parse("""
            {"zarr_format":2,"shape":[4],"chunks":[4],"dtype":"<f4","fill_value":"NaN","order":"C",
             "filters":[{"id":"fixedscaleoffset","dtype":"<f4","astype":"<i2","scale":10,"offset":1000},{"id":"shuffle","elementsize":2}],
             "compressor":{"id":"zlib","level":1}}
            """);
        var m = ArrayMetadataParser.ParseV2(doc.RootElement, null, "a");

        Assert.Equal(new[] { "numcodecs.fixedscaleoffset", "bytes", "numcodecs.shuffle", "numcodecs.zlib" }, m.Codecs.All.Select(c => c.Name));
        Assert.Equal('.', m.KeyEncoding.Separator);
    }
}
