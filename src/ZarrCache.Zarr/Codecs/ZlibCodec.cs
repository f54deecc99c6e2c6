using System.IO.Compression;
using System.Text.Json;

namespace ZarrCache.Zarr.Codecs;

/// <summary>zlib (numcodecs <c>zlib</c>, v3 <c>numcodecs.zlib</c>).</summary>
internal sealed class ZlibCodec(int level) : StreamCodec
{
    /// <summary>v3 <c>numcodecs.zlib</c> or <c>zlib</c>, v2 <c>zlib</c>.</summary>
    public static readonly CodecRegistration Registration = CodecRegistration.BytesToBytes(
        v3Names: ["numcodecs.zlib", "zlib"], v2Id: "zlib", create: (cfg, _) => Create(cfg));

    public int Level { get; } = level;

    protected override string Label => "zlib";

    public override string Name => "numcodecs.zlib";

    public static ZlibCodec Create(CodecConfig config)
    {
        var level = config.GetInt("level", 1);
        return level is < -1 or > 9 ? throw config.Error("level", "must be -1 to 9") : new ZlibCodec(level);
    }

    public static CompressionLevel LevelOf(int level) => level switch
    {
        0 => CompressionLevel.NoCompression,
        -1 or >= 6 => level == 9 ? CompressionLevel.SmallestSize : CompressionLevel.Optimal,
        _ => CompressionLevel.Fastest,
    };

    public override long MaxEncodedSize(long decodedSize) => decodedSize + (decodedSize / 1000 * 5) + 64 + (5 * ((decodedSize / 16384) + 1));

    protected override Stream OpenDecompressor(Stream input, string key) => new ZLibStream(input, CompressionMode.Decompress);

    public override ReadOnlyMemory<byte> Encode(ReadOnlyMemory<byte> decoded)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, LevelOf(Level)))
        {
            zlib.Write(decoded.Span);
        }

        return output.ToArray();
    }

    public override void WriteV3(Utf8JsonWriter writer) => CodecMetadata.WriteV3(writer, Name, "level", Level);

    public override void WriteV2(Utf8JsonWriter writer) => CodecMetadata.WriteV2(writer, "zlib", "level", Level);
}
