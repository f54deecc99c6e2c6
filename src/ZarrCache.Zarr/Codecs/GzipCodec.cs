using System.IO.Compression;
using System.Text.Json;

namespace ZarrCache.Zarr.Codecs;

/// <summary>gzip (v3 <c>gzip</c>, numcodecs <c>gzip</c>).</summary>
internal sealed class GzipCodec(int level, bool numcodecsName) : StreamCodec
{
    /// <summary>v3 <c>gzip</c> or <c>numcodecs.gzip</c>, v2 <c>gzip</c>.</summary>
    public static readonly CodecRegistration Registration = CodecRegistration.BytesToBytes(
        v3Names: ["gzip", "numcodecs.gzip"], v2Id: "gzip", create: (cfg, ctx) => Create(cfg, ctx.NumcodecsName));

    public int Level { get; } = level;

    protected override string Label => "gzip";

    public override string Name => numcodecsName ? "numcodecs.gzip" : "gzip";

    public static GzipCodec Create(CodecConfig config, bool numcodecsName)
    {
        var level = config.GetInt("level", numcodecsName || config.Codec == "gzip" ? 1 : null);
        return level is < -1 or > 9 ? throw config.Error("level", "must be -1 to 9") : new GzipCodec(level, numcodecsName);
    }

    public override long MaxEncodedSize(long decodedSize) => decodedSize + (decodedSize / 1000 * 5) + 64 + (5 * ((decodedSize / 16384) + 1));

    protected override Stream OpenDecompressor(Stream input, string key) => new GZipStream(input, CompressionMode.Decompress);

    public override ReadOnlyMemory<byte> Encode(ReadOnlyMemory<byte> decoded)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, ZlibCodec.LevelOf(Level)))
        {
            gzip.Write(decoded.Span);
        }

        return output.ToArray();
    }

    public override void WriteV3(Utf8JsonWriter writer) => CodecMetadata.WriteV3(writer, Name, "level", Level);

    public override void WriteV2(Utf8JsonWriter writer) => CodecMetadata.WriteV2(writer, "gzip", "level", Level);
}
