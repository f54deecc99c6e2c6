using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace ZarrCache.Zarr.Codecs.Blosc;

/// <summary>
/// Decodes a Blosc frame straight into the runs of a reader's buffer (<see cref="ByteRun"/>), block by block: each block
/// is decompressed into one block-sized pooled scratch buffer (which stays in the cache) and unshuffled from there
/// directly into the runs it holds, so no unshuffled copy of the block or the chunk is made; blocks no run touches are
/// not decompressed at all (as c-blosc's <c>blosc_getitem</c> reads only the blocks it needs).
/// </summary>
internal static class BloscRunDecoder
{
    /// <summary>
    /// Whether <see cref="Decode"/> can place this validated frame's bytes by runs: a byte-shuffled frame needs whole
    /// elements of its type size in every block and run (else the runs cut elements apart); a frame large enough for
    /// <see cref="BloscParallelDecoder"/> decodes whole, on several threads, instead.
    /// </summary>
    public static bool CanDecode(BloscHeader header, ReadOnlySpan<ByteRun> runs)
    {
        if (BloscParallelDecoder.IsWorthwhile(header))
        {
            return false;
        }

        if (header.IsMemcpyed || BloscDecoder.ActiveShuffle(header) != BloscShuffle.Shuffle)
        {
            return true;
        }

        var typeSize = header.TypeSize;
        if (header.BlockSize % typeSize != 0 || header.UncompressedSize % typeSize != 0)
        {
            return false;
        }

        // A mask for the usual power-of-two type sizes: a division per run costs more than the rest of the check.
        var mask = BitOperations.IsPow2(typeSize) ? typeSize - 1 : -1;
        foreach (var run in runs)
        {
            if (mask >= 0 ? ((run.Source | run.Length) & mask) != 0 : run.Source % typeSize != 0 || run.Length % typeSize != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><paramref name="bytes"/> / the type size: a shift when it is a power of two (<paramref name="shift"/> ≥ 0).</summary>
    private static int Elements(int bytes, int typeSize, int shift) => shift >= 0 ? bytes >> shift : bytes / typeSize;

    /// <summary>Decodes a validated frame (<see cref="CanDecode"/>) into the runs of <paramref name="target"/>.</summary>
    /// <exception cref="ZarrFormatException">A block the runs need is corrupt.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Decode(BloscHeader header, ReadOnlySpan<byte> frame, ReadOnlySpan<ByteRun> runs, Span<byte> target)
    {
        if (header.UncompressedSize == 0 || runs.IsEmpty)
        {
            return;
        }

        if (header.IsMemcpyed)
        {
            ByteRun.CopyAll(frame.Slice(BloscHeader.Length, header.UncompressedSize), runs, target);
            return;
        }

        var body = frame[..header.CompressedSize];
        var shuffle = BloscDecoder.ActiveShuffle(header);
        var blockBytes = Math.Min(header.BlockSize, header.UncompressedSize);
        var scratch = ArrayPool<byte>.Shared.Rent(blockBytes);

        // A bit-shuffled block is unshuffled whole (into a second buffer) and copied by runs.
        var unshuffled = shuffle == BloscShuffle.BitShuffle ? ArrayPool<byte>.Shared.Rent(blockBytes) : null;
        var typeSize = header.TypeSize;
        var shift = BitOperations.IsPow2(typeSize) ? BitOperations.Log2((uint)typeSize) : -1;
        try
        {
            var r = 0;
            var done = 0; // bytes of runs[r] already placed (a run may span blocks)
            for (var j = 0; j < header.BlockCount && r < runs.Length; j++)
            {
                var blockStart = (int)((long)j * header.BlockSize);
                var length = BloscDecoder.BlockLength(header, j);
                var blockEnd = blockStart + length;
                if (runs[r].Source + done >= blockEnd)
                {
                    continue; // no run needs this block
                }

                var block = scratch.AsSpan(0, length);
                BloscDecoder.DecodeShuffledBlockAt(header, body, j, block);
                var blockElements = Elements(length, typeSize, shift);
                if (unshuffled is not null)
                {
                    BitShuffle.Unshuffle(header.TypeSize, block, unshuffled.AsSpan(0, length));
                    block = unshuffled.AsSpan(0, length);
                }

                for (; r < runs.Length && runs[r].Source + done < blockEnd; r++, done = 0)
                {
                    var run = runs[r];
                    var from = run.Source + done;
                    var to = Math.Min(run.Source + run.Length, blockEnd);
                    var destination = target.Slice(run.Target + done, to - from);
                    if (shuffle == BloscShuffle.Shuffle)
                    {
                        var first = Elements(from - blockStart, typeSize, shift);
                        var elements = Elements(to - from, typeSize, shift);
                        if (!ByteShuffle.TryUnshuffleRangeExact(typeSize, block, blockElements, first, elements, destination))
                        {
                            ByteShuffle.UnshuffleRange(typeSize, block, blockElements, first, elements, destination);
                        }
                    }
                    else
                    {
                        block.Slice(from - blockStart, to - from).CopyTo(destination);
                    }

                    if (to < run.Source + run.Length)
                    {
                        done += to - from;
                        break; // the rest of this run lies in the next block
                    }
                }
            }

            if (r < runs.Length)
            {
                throw new ZarrFormatException($"Blosc frame of {header.UncompressedSize} bytes ends before byte {runs[r].Source + done} of the region.");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
            if (unshuffled is not null)
            {
                ArrayPool<byte>.Shared.Return(unshuffled);
            }
        }
    }
}
