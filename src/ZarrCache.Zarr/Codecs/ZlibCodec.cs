using System.IO.Compression;

namespace ZarrCache.Zarr.Codecs;

/// <summary>zlib (numcodecs <c>zlib</c>, v3 <c>numcodecs.zlib</c>).</summary>
internal sealed class ZlibCodec(int level) : StreamCodec("zlib", "numcodecs.zlib", level)
{
    /// <summary>v3 <c>numcodecs.zlib</c> or <c>zlib</c>, v2 <c>zlib</c>.</summary>
    public static readonly CodecRegistration Registration = CodecRegistration.BytesToBytes(
        v3Names: ["numcodecs.zlib", "zlib"], v2Id: "zlib", create: (cfg, _) => Create(cfg));

    public static ZlibCodec Create(CodecConfig config) => new(config.GetInt("level", 1, min: -1, max: 9));

    public static CompressionLevel LevelOf(int level) => level switch
    {
        0 => CompressionLevel.NoCompression,
        -1 or >= 6 => level == 9 ? CompressionLevel.SmallestSize : CompressionLevel.Optimal,
        _ => CompressionLevel.Fastest,
    };

    /// <summary>The most bytes deflate (zlib's or gzip's framing included) can make of <paramref name="decodedSize"/> bytes.</summary>
    public static long DeflateBound(long decodedSize) => decodedSize + (decodedSize / 1000 * 5) + 64 + (5 * ((decodedSize / 16384) + 1));

    public override long MaxEncodedSize(long decodedSize) => DeflateBound(decodedSize);

    protected override Stream OpenDecompressor(Stream input, string key) => new ZLibStream(input, CompressionMode.Decompress);

    protected override Stream OpenCompressor(MemoryStream output) => new ZLibStream(output, LevelOf(Level));
}
