using System.Text;
using System.Text.Json;
using ZarrCache.Zarr;
using ZarrCache.Zarr.Codecs;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr.Codecs;

/// <summary>
/// <see cref="CodecRegistry"/>: every registered name builds its codec through <see cref="CodecFactory"/>, which reads
/// back what it writes (the same name in the same format, the same codec in the other); names are claimed once;
/// unknown names give the messages they always gave.
/// </summary>
public class CodecRegistryTests
{
    private const string Where = "a/zarr.json";

    // Float32 4x4: bitround needs a float type, transpose and sharding a shape.
    private static readonly ChunkRepresentation Representation =
        new([4, 4], ZarrDataType.Create(ZarrDataTypeKind.Float32), new byte[4]);

    // The few codecs with a required field; every other codec is built from no configuration at all.
    private static readonly Dictionary<string, string> MinimalConfigs = new(StringComparer.Ordinal)
    {
        ["transpose"] = """{"order":[1,0]}""",
        ["sharding_indexed"] = """{"chunk_shape":[2,2],"codecs":[{"name":"bytes"}]}""",
        ["numcodecs.bitround"] = """{"keepbits":10}""",
        ["bitround"] = """{"keepbits":10}""",
        ["numcodecs.quantize"] = """{"digits":2}""",
        ["quantize"] = """{"digits":2}""",
        ["numcodecs.astype"] = """{"encode_dtype":"float64"}""",
        ["astype"] = """{"encode_dtype":"<f8"}""",
    };

    // packbits packs bool arrays only.
    private static readonly ChunkRepresentation BoolRepresentation =
        new([4, 4], ZarrDataType.Create(ZarrDataTypeKind.Bool), new byte[1]);

    public static TheoryData<string> V3Names() => [.. CodecRegistry.Default.V3Names];

    public static TheoryData<string> V2Ids() => [.. CodecRegistry.Default.V2Ids];

    [Theory]
    [MemberData(nameof(V3Names))]
    public void Every_v3_name_builds_its_codec_whose_name_survives_writing_v3_and_reading_it_back(string name)
    {
        var registration = CodecRegistry.Default.FindV3(name)!;
        var repr = RepresentationFor(name);
        var codec = Single(BuildV3(registration.Kind, Entry("name", name), repr), registration.Kind);

        Assert.Same(registration, CodecRegistry.Default.FindV3(codec.Name));
        Assert.Equal(codec.Name, Single(BuildV3(registration.Kind, Write(codec.WriteV3), repr), registration.Kind).Name);
        if (registration.V2Id is not null)
        {
            Assert.IsType(codec.GetType(), Single(BuildV2(registration.Kind, Write(codec.WriteV2), repr), registration.Kind));
        }
    }

    [Theory]
    [MemberData(nameof(V2Ids))]
    public void Every_v2_id_builds_its_codec_whose_name_survives_writing_v2_and_reading_it_back(string id)
    {
        var registration = CodecRegistry.Default.FindV2(id)!;
        var repr = RepresentationFor(id);
        var codec = Single(BuildV2(registration.Kind, Entry("id", id), repr), registration.Kind);

        Assert.True(registration.V2Id == codec.Name || registration.V3Names.Contains(codec.Name), codec.Name);
        Assert.Equal(codec.Name, Single(BuildV2(registration.Kind, Write(codec.WriteV2), repr), registration.Kind).Name);
        if (registration.V3Names.Count > 0)
        {
            Assert.IsType(codec.GetType(), Single(BuildV3(registration.Kind, Write(codec.WriteV3), repr), registration.Kind));
        }
    }

    [Fact]
    public void Every_registration_has_a_name_and_the_default_registry_lists_them_all()
    {
        Assert.NotEmpty(CodecRegistry.Default.All);
        Assert.All(CodecRegistry.Default.All, r => Assert.True(r.V3Names.Count > 0 || r.V2Id is not null, r.ToString()));
        Assert.Contains("sharding_indexed", CodecRegistry.Default.V3Names);
        Assert.Contains("blosc", CodecRegistry.Default.V2Ids);
    }

    [Fact]
    public void No_two_registrations_claim_one_v3_name_or_one_v2_id()
    {
        var v3 = CodecRegistry.Default.V3Names.ToList();
        var v2 = CodecRegistry.Default.V2Ids.ToList();

        Assert.Equal(v3.Distinct(StringComparer.Ordinal).Count(), v3.Count);
        Assert.Equal(v2.Distinct(StringComparer.Ordinal).Count(), v2.Count);
    }

    [Fact]
    public void A_registry_refuses_two_registrations_claiming_one_name()
    {
        var again = CodecRegistration.BytesToBytes(v3Names: ["numcodecs.zstd2", "zstd"], v2Id: null, create: (cfg, _) => ZstdCodec.Create(cfg));

        var e = Assert.Throws<ArgumentException>(() => new CodecRegistry([ZstdCodec.Registration, again]));

        Assert.Contains("'zstd'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_v3_codec_before_the_bytes_codec_is_refused_as_before()
    {
        var e = Assert.Throws<ZarrFormatException>(() => BuildV3Json("""[{"name":"nope"},{"name":"bytes"}]"""));

        Assert.Equal($"{Where}: codec 'nope' must come after the bytes codec (or is not a known array codec).", e.Message);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("delta")]
    [InlineData("numcodecs.transpose")]
    public void Unknown_v3_codec_after_the_bytes_codec_is_not_supported(string name)
    {
        var e = Assert.Throws<ZarrFormatException>(() => BuildV3Json($$"""[{"name":"bytes"},{"name":"{{name}}"}]"""));

        Assert.Equal($"{Where}: codec '{name}' is not supported.", e.Message);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("transpose")]
    [InlineData("bytes")]
    [InlineData("numcodecs.delta")]
    public void Unknown_v2_filter_is_not_supported(string id)
    {
        using var filters = JsonDocument.Parse($$"""[{"id":"{{id}}"}]""");

        var e = Assert.Throws<ZarrFormatException>(() => CodecFactory.BuildV2(null, filters.RootElement, Representation, false, Where));

        Assert.Equal($"{Where} filters: codec '{id}' is not supported.", e.Message);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("delta")]
    public void Unknown_v2_compressor_is_not_supported(string id)
    {
        using var compressor = JsonDocument.Parse($$"""{"id":"{{id}}"}""");

        var e = Assert.Throws<ZarrFormatException>(() => CodecFactory.BuildV2(compressor.RootElement, null, Representation, false, Where));

        Assert.Equal($"{Where} compressor: codec '{id}' is not supported.", e.Message);
    }

    [Fact]
    public void Unknown_bytes_codec_by_name_is_not_supported()
    {
        var e = Assert.Throws<ZarrFormatException>(() => CodecFactory.CreateBytesToBytes("nope", new CodecConfig("nope", null, Where), 4, v2: false));

        Assert.Equal($"{Where}: codec 'nope' is not supported.", e.Message);
    }

    [Theory]
    [InlineData("zfpy", "zfp")]
    [InlineData("numcodecs.zfpy", "zfp")]
    [InlineData("pcodec", "pcodec")]
    [InlineData("numcodecs.pcodec", "pcodec")]
    public void V3_codec_needing_a_native_library_is_refused_naming_the_codec_the_library_and_the_array(string name, string library)
    {
        var e = Assert.Throws<ZarrFormatException>(() => BuildV3Json($$"""[{"name":"{{name}}"},{"name":"bytes"}]"""));

        Assert.Equal($"{Where}: codec '{name}' needs the native library {library}, which ZarrCache does not ship; it cannot be read or written.", e.Message);
    }

    [Theory]
    [InlineData("zfpy", true)]
    [InlineData("zfpy", false)]
    [InlineData("pcodec", true)]
    [InlineData("pcodec", false)]
    public void V2_codec_needing_a_native_library_is_refused_naming_the_codec_and_the_array(string id, bool asFilter)
    {
        using var doc = JsonDocument.Parse(asFilter ? $$"""[{"id":"{{id}}"}]""" : $$"""{"id":"{{id}}"}""");

        var e = Assert.Throws<ZarrFormatException>(() => asFilter
            ? CodecFactory.BuildV2(null, doc.RootElement, Representation, false, Where)
            : CodecFactory.BuildV2(doc.RootElement, null, Representation, false, Where));

        Assert.StartsWith($"{Where} {(asFilter ? "filters" : "compressor")}: codec '{id}' needs the native library", e.Message, StringComparison.Ordinal);
        Assert.Contains("ZarrCache does not ship", e.Message, StringComparison.Ordinal);
    }

    // A v3 or v2 codec entry with its minimal configuration: {"name": N, "configuration": {…}} or {"id": N, …}.
    private static string Entry(string key, string name)
    {
        var config = MinimalConfigs.GetValueOrDefault(name, "{}");
        return key == "name"
            ? $$"""{"name":"{{name}}","configuration":{{config}}}"""
            : $$"""{"id":"{{name}}"{{(config == "{}" ? "" : "," + config[1..^1])}}}""";
    }

    private static ChunkRepresentation RepresentationFor(string name) =>
        name.EndsWith("packbits", StringComparison.Ordinal) ? BoolRepresentation
        : name.EndsWith("vlen-bytes", StringComparison.Ordinal) ? new([4], ZarrDataType.CreateVariableLength(ZarrDataTypeKind.VariableBytes), [])
        : name.EndsWith("vlen-utf8", StringComparison.Ordinal) || name.EndsWith("json2", StringComparison.Ordinal) ? new([4], ZarrDataType.CreateVariableLength(ZarrDataTypeKind.String), [])
        : Representation;

    private static CodecChain BuildV3(CodecKind kind, string entry, ChunkRepresentation repr) => BuildV3Json(kind switch
    {
        CodecKind.ArrayToArray => $"[{entry},{{\"name\":\"bytes\"}}]",
        CodecKind.ArrayToBytes => $"[{entry}]",
        _ => $"[{{\"name\":\"bytes\"}},{entry}]",
    }, repr);

    private static CodecChain BuildV3Json(string codecs, ChunkRepresentation? repr = null)
    {
        using var doc = JsonDocument.Parse(codecs);
        return CodecFactory.BuildV3(doc.RootElement.Clone(), repr ?? Representation, Where);
    }

    // A v2 array-to-array codec or object codec (the array-to-bytes codecs with a v2 id) as the one filter, any other as the compressor.
    private static CodecChain BuildV2(CodecKind kind, string entry, ChunkRepresentation repr)
    {
        var filter = kind is CodecKind.ArrayToArray or CodecKind.ArrayToBytes;
        using var doc = JsonDocument.Parse(filter ? $"[{entry}]" : entry);
        var element = doc.RootElement.Clone();
        return filter
            ? CodecFactory.BuildV2(null, element, repr, false, Where)
            : CodecFactory.BuildV2(element, null, repr, false, Where);
    }

    // The one codec of the kind under test in a chain built around it.
    private static IZarrCodec Single(CodecChain chain, CodecKind kind) => kind switch
    {
        CodecKind.ArrayToArray => Assert.Single(chain.ArrayToArray),
        CodecKind.ArrayToBytes => chain.ArrayToBytes,
        _ => Assert.Single(chain.BytesToBytes),
    };

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
