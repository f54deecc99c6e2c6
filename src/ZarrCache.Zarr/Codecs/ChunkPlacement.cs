using System.Buffers;

namespace ZarrCache.Zarr.Codecs;

/// <summary>
/// Puts a region of a decoded chunk into a reader's buffer: the fill value for a missing chunk (no buffer of fill
/// values), one copy when the region is the whole chunk and lies contiguously in the buffer, else run by run; decoding
/// goes straight into the buffer when it can, else into a pooled buffer.
/// </summary>
internal static class ChunkPlacement
{
    /// <summary>The name errors give a unit: the key, and the inner chunk's index for a unit of a shard.</summary>
    public static string UnitName(StoreKey key, int unit) => unit < 0 ? key.Value : $"{key.Value} (inner chunk {unit})";

    /// <summary>Fills the region's place in the target with the fill value.</summary>
    public static void Fill(ChunkRepresentation representation, long[] regionCount, RegionTarget target) =>
        RegionCopy.FillRegion(target.Buffer.Span, target.Shape, target.Start, regionCount, representation.FillValue);

    /// <summary>Copies a region of a decoded chunk into the target.</summary>
    public static void Copy(ReadOnlySpan<byte> chunk, ChunkRepresentation representation, long[] regionStart, long[] regionCount, RegionTarget target)
    {
        var offset = ContiguousOffset(representation, regionStart, regionCount, target);
        if (offset >= 0)
        {
            chunk.CopyTo(target.Buffer.Span.Slice((int)offset, chunk.Length));
            return;
        }

        RegionCopy.Copy(chunk, ShapeOf(representation), regionStart, target.Buffer.Span, target.Shape, target.Start, regionCount, representation.DataType.Size);
    }

    /// <summary>Decodes a chunk and places a region of it: straight into the target when the region is the whole chunk laid out contiguously there.</summary>
    public static void DecodeAndPlace(
        CodecChain codecs, ReadOnlyMemory<byte> encoded, ChunkRepresentation representation, long[] regionStart, long[] regionCount, RegionTarget target, string name)
    {
        var size = representation.ExactByteSize(name);
        var offset = ContiguousOffset(representation, regionStart, regionCount, target);
        if (offset >= 0)
        {
            DecodeInto(codecs, encoded, representation, target.Buffer.Span.Slice((int)offset, size), name);
            return;
        }

        // Elsewhere run by run: the codecs place the decoded bytes straight into the region's runs where they can.
        var runs = RegionCopy.RentRuns(ShapeOf(representation), regionStart, target.Shape, target.Start, regionCount, representation.DataType.Size, out var runCount);
        try
        {
            codecs.DecodeRunsInto(encoded, representation, runs.AsSpan(0, runCount), target.Buffer.Span, name);
        }
        catch (Exception ex) when (IsCorruption(ex))
        {
            throw Corrupt(name, ex);
        }
        finally
        {
            ArrayPool<ByteRun>.Shared.Return(runs);
        }
    }

    /// <summary>Decodes a chunk into a new array of its own (one a cache can keep).</summary>
    public static byte[] Decode(CodecChain codecs, ReadOnlyMemory<byte> encoded, ChunkRepresentation representation, string name)
    {
        var result = GC.AllocateUninitializedArray<byte>(representation.ExactByteSize(name));
        DecodeInto(codecs, encoded, representation, result, name);
        return result;
    }

    /// <summary>Decodes into <paramref name="destination"/> (exactly the chunk's size); failures of a damaged chunk become a <see cref="ZarrFormatException"/> naming it.</summary>
    public static void DecodeInto(CodecChain codecs, ReadOnlyMemory<byte> encoded, ChunkRepresentation representation, Span<byte> destination, string name)
    {
        try
        {
            codecs.DecodeInto(encoded, representation, destination, name);
        }
        catch (Exception ex) when (IsCorruption(ex))
        {
            throw Corrupt(name, ex);
        }
    }

    /// <summary>Whether a codec's failure means damaged data (a decoder running off its bounds on corrupt bytes).</summary>
    private static bool IsCorruption(Exception ex) =>
        ex is IndexOutOfRangeException or ArgumentOutOfRangeException or InvalidOperationException or OverflowException;

    private static ZarrFormatException Corrupt(string name, Exception ex) => new($"{name}: the chunk does not decode: {ex.Message}", ex);

    /// <summary>The byte offset of the region in the target when it is the whole chunk and lies there as one run; -1 otherwise.</summary>
    private static long ContiguousOffset(ChunkRepresentation representation, long[] regionStart, long[] regionCount, RegionTarget target)
    {
        var shape = representation.Shape;
        for (var d = 0; d < shape.Length; d++)
        {
            if (regionStart[d] != 0 || regionCount[d] != shape[d] || (d > 0 && (target.Shape[d] != shape[d] || target.Start[d] != 0)))
            {
                return -1;
            }
        }

        long offset = shape.Length == 0 ? 0 : target.Start[0];
        for (var d = 1; d < shape.Length; d++)
        {
            offset *= target.Shape[d];
        }

        return offset * representation.DataType.Size;
    }

    private static long[] ShapeOf(ChunkRepresentation representation)
    {
        var shape = new long[representation.Shape.Length];
        for (var d = 0; d < shape.Length; d++)
        {
            shape[d] = representation.Shape[d];
        }

        return shape;
    }
}
