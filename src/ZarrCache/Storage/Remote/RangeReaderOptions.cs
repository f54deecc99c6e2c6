using Microsoft.Extensions.Logging;

namespace ZarrCache;

/// <summary>Options of a <see cref="RangeReader"/>: how ranges are merged, how many requests run at once, limits.</summary>
public sealed record RangeReaderOptions
{
    /// <summary>The defaults: adjacent and overlapping ranges merged, requests of at most 64 MiB, 16 at once.</summary>
    public static RangeReaderOptions Default { get; } = new();

    /// <summary>
    /// Ranges of one read (<see cref="RangeReader.ReadRangesAsync"/>) that overlap, touch, or lie at most this many bytes
    /// apart are fetched with one request and split from its answer. 0 (the default) merges only overlapping and
    /// adjacent ranges, so no byte is fetched that was not asked for; a larger gap trades unwanted bytes for fewer
    /// requests (on S3, a request costs about as much time as a few hundred KiB). Suffix ranges and ranges to the end
    /// are never merged.
    /// </summary>
    public long MergeGap { get; init; }

    /// <summary>A merged request spans at most this many bytes (one range longer than this is still one request).</summary>
    public long MaxMergedBytes { get; init; } = 64L << 20;

    /// <summary>Requests of one <see cref="RangeReader.ReadRangesAsync"/> call in flight at once.</summary>
    public int MaxConcurrency { get; init; } = 16;

    /// <summary>The largest answer accepted, in bytes; a larger announced length is refused before reading.</summary>
    public long MaxValueBytes { get; init; } = Array.MaxLength;

    /// <summary>Where the reader logs (a suffix range answered with the wrong bytes); none by default.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range, named.</exception>
    public void Validate()
    {
        if (MergeGap < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MergeGap), MergeGap, "RangeReaderOptions.MergeGap must not be negative.");
        }

        if (MaxMergedBytes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxMergedBytes), MaxMergedBytes, "RangeReaderOptions.MaxMergedBytes must be at least 1.");
        }

        if (MaxConcurrency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrency), MaxConcurrency, "RangeReaderOptions.MaxConcurrency must be at least 1.");
        }

        if (MaxValueBytes is < 1 or > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxValueBytes), MaxValueBytes, "RangeReaderOptions.MaxValueBytes must be between 1 and Array.MaxLength.");
        }
    }
}
