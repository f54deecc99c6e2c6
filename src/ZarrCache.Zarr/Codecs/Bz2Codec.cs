using System.Text.Json;
using ICSharpCode.SharpZipLib.BZip2;

namespace ZarrCache.Zarr.Codecs;

/// <summary>numcodecs <c>bz2</c> (SharpZipLib).</summary>
internal sealed class Bz2Codec(int level) : StreamCodec
{
    /// <summary>v3 <c>numcodecs.bz2</c> or <c>bz2</c>, v2 <c>bz2</c>.</summary>
    public static readonly CodecRegistration Registration = CodecRegistration.BytesToBytes(
        v3Names: ["numcodecs.bz2", "bz2"], v2Id: "bz2", create: (cfg, _) => Create(cfg));

    public int Level { get; } = level;

    protected override string Label => "bz2";

    public override string Name => "numcodecs.bz2";

    public static Bz2Codec Create(CodecConfig config)
    {
        var level = config.GetInt("level", 1);
        return level is < 1 or > 9 ? throw config.Error("level", "must be 1 to 9") : new Bz2Codec(level);
    }

    public override long MaxEncodedSize(long decodedSize) => decodedSize + (decodedSize / 100) + 600;


    public override ReadOnlyMemory<byte> Encode(ReadOnlyMemory<byte> decoded)
    {
        using var output = new MemoryStream();
        using (var bz2 = new BZip2OutputStream(output, Level) { IsStreamOwner = false })
        {
            bz2.Write(decoded.Span);
        }

        return output.ToArray();
    }

    /// <summary>Opens the stream; SharpZipLib reads the first block in its constructor, so truncated data fails here.</summary>
    protected override Stream OpenDecompressor(Stream input, string key)
    {
        try
        {
            return new BZip2InputStream(input);
        }
        catch (Exception e) when (e is IOException or ICSharpCode.SharpZipLib.SharpZipBaseException or IndexOutOfRangeException)
        {
            throw new ZarrFormatException($"{key}: bz2 data is corrupt: {e.Message}", e);
        }
    }

    public override void WriteV3(Utf8JsonWriter writer) => CodecMetadata.WriteV3(writer, Name, "level", Level);

    public override void WriteV2(Utf8JsonWriter writer) => CodecMetadata.WriteV2(writer, "bz2", "level", Level);
}
