using ZarrCache.Zarr.Codecs.Blosc;

namespace ZarrCache.Zarr;

/// <summary>The compressor of a new array.</summary>
/// <param name="Name"><c>gzip</c>, <c>zstd</c>, <c>blosc</c>, <c>zlib</c>, <c>lz4</c> or <c>bz2</c> (the last three are numcodecs codecs: v2, or <c>numcodecs.*</c> in v3).</param>
/// <param name="Level">The level (blosc: clevel).</param>
public sealed record ZarrCompressor(string Name, int Level = 5)
{
    /// <summary>For blosc, the inner compressor name (<c>lz4</c>, <c>zstd</c>, <c>zlib</c>, <c>blosclz</c>, <c>snappy</c>, <c>lz4hc</c>).</summary>
    public string BloscCName { get; init; } = "lz4";

    /// <summary>For blosc, the shuffle.</summary>
    public BloscShuffle BloscShuffle { get; init; } = BloscShuffle.Shuffle;

    /// <summary>gzip at a level.</summary>
    /// <param name="level">0 to 9.</param>
    /// <returns>The compressor.</returns>
    public static ZarrCompressor Gzip(int level = 5) => new("gzip", level);

    /// <summary>Zstandard at a level.</summary>
    /// <param name="level">The level.</param>
    /// <returns>The compressor.</returns>
    public static ZarrCompressor Zstd(int level = 3) => new("zstd", level);

    /// <summary>Blosc with an inner compressor and shuffle.</summary>
    /// <param name="cname">The inner compressor.</param>
    /// <param name="level">0 to 9.</param>
    /// <param name="shuffle">The shuffle.</param>
    /// <returns>The compressor.</returns>
    public static ZarrCompressor Blosc(string cname = "lz4", int level = 5, BloscShuffle shuffle = BloscShuffle.Shuffle) =>
        new("blosc", level) { BloscCName = cname, BloscShuffle = shuffle };
}
