using System.IO.Compression;

namespace ZarrCache.Zarr.Codecs;

/// <summary>gzip (v3 <c>gzip</c>, numcodecs <c>gzip</c>).</summary>
internal sealed class GzipCodec(int level, bool numcodecsName) : StreamCodec("gzip", numcodecsName ? "numcodecs.gzip" : "gzip", level)
{
    /// <summary>v3 <c>gzip</c> or <c>numcodecs.gzip</c>, v2 <c>gzip</c>.</summary>
    public static readonly CodecRegistration Registration = CodecRegistration.BytesToBytes(
        v3Names: ["gzip", "numcodecs.gzip"], v2Id: "gzip", create: (cfg, ctx) => Create(cfg, ctx.NumcodecsName));

    public static GzipCodec Create(CodecConfig config, bool numcodecsName) =>
        new(config.GetInt("level", numcodecsName || config.Codec == "gzip" ? 1 : null, min: -1, max: 9), numcodecsName);

    public override long MaxEncodedSize(long decodedSize) => ZlibCodec.DeflateBound(decodedSize);

    protected override Stream OpenDecompressor(Stream input, string key) => new GZipStream(input, CompressionMode.Decompress);

    protected override Stream OpenCompressor(MemoryStream output) => new GZipStream(output, ZlibCodec.LevelOf(Level));
}
