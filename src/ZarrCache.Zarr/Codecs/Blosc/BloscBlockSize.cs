namespace ZarrCache.Zarr.Codecs.Blosc;

/// <summary>Chooses the block size and the splitting as c-blosc 1.x does (<c>compute_blocksize</c>, <c>split_block</c> in its forward-compatible split mode).</summary>
internal static class BloscBlockSize
{
    private const int L1 = 32 * 1024;

    /// <summary>Whether c-blosc splits blocks of this size into one stream per byte of the element.</summary>
    public static bool Splits(BloscCompressor compressor, int typeSize, int blockSize) =>
        compressor != BloscCompressor.Zstd
        && typeSize <= BloscFlags.MaxSplits
        && blockSize / typeSize >= BloscFlags.MinBufferSize;

    public static int Compute(BloscCompressor compressor, int level, int typeSize, int nbytes, int forcedBlockSize)
    {
        if (nbytes < typeSize)
        {
            return 1;
        }

        long blockSize = nbytes;
        if (forcedBlockSize > 0)
        {
            blockSize = Math.Max(forcedBlockSize, BloscFlags.MinBufferSize);
        }
        else if (nbytes >= L1)
        {
            blockSize = L1;
            var highRatio = compressor is BloscCompressor.Lz4Hc or BloscCompressor.Zlib or BloscCompressor.Zstd;
            if (highRatio)
            {
                blockSize *= 2;
            }

            blockSize = level switch
            {
                0 => blockSize / 4,
                1 => blockSize / 2,
                2 => blockSize,
                3 => blockSize * 2,
                4 or 5 => blockSize * 4,
                6 or 7 or 8 => blockSize * 8,
                _ => blockSize * (compressor is BloscCompressor.Zlib or BloscCompressor.Zstd ? 16 : 8),
            };
        }

        if (forcedBlockSize <= 0 && level > 0 && Splits(compressor, typeSize, (int)Math.Min(blockSize, int.MaxValue)))
        {
            blockSize = Math.Min(blockSize, 1 << 18) * typeSize;
            blockSize = Math.Clamp(blockSize, 1 << 16, 1024 * 1024);
        }

        blockSize = Math.Min(blockSize, nbytes);
        if (blockSize > typeSize)
        {
            blockSize = blockSize / typeSize * typeSize;
        }

        return (int)blockSize;
    }
}
