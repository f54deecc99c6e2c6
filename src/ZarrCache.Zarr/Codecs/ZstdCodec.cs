using ZstdSharp;
using ZstdSharp.Unsafe;

namespace ZarrCache.Zarr.Codecs;

/// <summary>Zstandard (v3 <c>zstd</c>, numcodecs <c>zstd</c>).</summary>
internal sealed class ZstdCodec(int level, bool checksum) : IBytesToBytesCodec
{
    /// <summary>v3 <c>zstd</c> or <c>numcodecs.zstd</c>, v2 <c>zstd</c>.</summary>
    public static readonly CodecRegistration Registration = CodecRegistration.BytesToBytes(
        v3Names: ["zstd", "numcodecs.zstd"], v2Id: "zstd", create: (cfg, _) => Create(cfg));

    [ThreadStatic]
    private static Decompressor? t_decompressor;

    public int Level { get; } = level;

    public bool Checksum { get; } = checksum;

    public string Name => Registration.Name;

    public static ZstdCodec Create(CodecConfig config) => new(config.GetInt("level", 0), config.GetBool("checksum", false));

    public long MaxEncodedSize(long decodedSize) => decodedSize + (decodedSize >> 8) + 128 + ((decodedSize / (128 * 1024)) + 1) * 8;

    public ReadOnlyMemory<byte> Decode(ReadOnlyMemory<byte> encoded, int maxDecodedSize, string key)
    {
        using var input = EncodedStream.Open(encoded);
        using var zstd = new DecompressionStream(input);
        return CappedStream.ReadAll(zstd, maxDecodedSize, "zstd", key);
    }

    public void DecodeInto(ReadOnlyMemory<byte> encoded, Span<byte> destination, string key)
    {
        int written;
        try
        {
            written = (t_decompressor ??= new Decompressor()).Unwrap(encoded.Span, destination);
        }
        catch (ZstdException e)
        {
            throw new ZarrFormatException($"{key}: zstd data is corrupt or decodes to more than the {destination.Length} bytes the chunk needs: {e.Message}", e);
        }

        if (written != destination.Length)
        {
            throw new ZarrFormatException($"{key}: zstd data decodes to {written} bytes; the chunk needs {destination.Length}.");
        }
    }

    public PooledBytes DecodePooled(ReadOnlyMemory<byte> encoded, int maxDecodedSize, string key)
    {
        using var input = EncodedStream.Open(encoded);
        using var zstd = new DecompressionStream(input);
        return CappedStream.ReadAllPooled(zstd, maxDecodedSize, "zstd", key);
    }

    public ReadOnlyMemory<byte> Encode(ReadOnlyMemory<byte> decoded)
    {
        using var compressor = new Compressor(Math.Clamp(Level, Compressor.MinCompressionLevel, Compressor.MaxCompressionLevel));
        if (Checksum)
        {
            compressor.SetParameter(ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
        }

        return compressor.Wrap(decoded.Span).ToArray();
    }

    public void WriteV3(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("name", "zstd");
        writer.WriteStartObject("configuration");
        writer.WriteNumber("level", Level);
        writer.WriteBoolean("checksum", Checksum);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public void WriteV2(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("id", "zstd");
        writer.WriteNumber("level", Level);

        // Older numcodecs (such as Debian's, with zarr-python 2.13) refuse an unknown "checksum" argument.
        if (Checksum)
        {
            writer.WriteBoolean("checksum", Checksum);
        }
        writer.WriteEndObject();
    }
}
