using System.Runtime.CompilerServices;

namespace ZarrCache.Zarr.Codecs;

/// <summary>
/// One contiguous run of a chunk region: the decoded chunk's bytes <see cref="Source"/> to <see cref="Source"/> +
/// <see cref="Length"/> - 1 go to a reader's buffer at <see cref="Target"/>. A region's runs come in increasing
/// <see cref="Source"/> order and do not overlap (<see cref="RegionCopy.RentRuns"/>).
/// </summary>
/// <param name="Source">The run's first byte in the decoded chunk.</param>
/// <param name="Target">Where that byte goes in the target buffer.</param>
/// <param name="Length">The run's length in bytes.</param>
internal readonly record struct ByteRun(int Source, int Target, int Length)
{
    /// <summary>Copies every run of a decoded chunk into <paramref name="target"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CopyAll(ReadOnlySpan<byte> decoded, ReadOnlySpan<ByteRun> runs, Span<byte> target)
    {
        foreach (var run in runs)
        {
            decoded.Slice(run.Source, run.Length).CopyTo(target.Slice(run.Target, run.Length));
        }
    }
}
