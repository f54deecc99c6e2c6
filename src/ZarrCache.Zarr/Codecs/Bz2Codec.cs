using ICSharpCode.SharpZipLib.BZip2;

namespace ZarrCache.Zarr.Codecs;

/// <summary>numcodecs <c>bz2</c> (SharpZipLib).</summary>
internal sealed class Bz2Codec(int level) : StreamCodec("bz2", "numcodecs.bz2", level)
{
    /// <summary>v3 <c>numcodecs.bz2</c> or <c>bz2</c>, v2 <c>bz2</c>.</summary>
    public static readonly CodecRegistration Registration = CodecRegistration.BytesToBytes(
        v3Names: ["numcodecs.bz2", "bz2"], v2Id: "bz2", create: (cfg, _) => Create(cfg));

    public static Bz2Codec Create(CodecConfig config) => new(config.GetInt("level", 1, min: 1, max: 9));

    public override long MaxEncodedSize(long decodedSize) => decodedSize + (decodedSize / 100) + 600;

    protected override Stream OpenCompressor(MemoryStream output) => new BZip2OutputStream(output, Level) { IsStreamOwner = false };

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
}
