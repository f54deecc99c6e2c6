using ZarrCache.Zarr.Codecs.Blosc;

namespace ZarrCache.Zarr.Codecs;

/// <summary>
/// <c>blosc</c> (v3 and numcodecs): parses the configuration and calls the managed <see cref="Blosc.Blosc"/> frame codec.
/// numcodecs' AUTOSHUFFLE (-1) resolves to bit shuffle for 1-byte elements and byte shuffle otherwise.
/// </summary>
/// <param name="cname">The inner compressor's name (<c>lz4</c>, <c>zstd</c>, ...).</param>
/// <param name="level">The compression level, 0 to 9.</param>
/// <param name="shuffle">The shuffle applied before compressing.</param>
/// <param name="typeSize">The element size the shuffle works in.</param>
/// <param name="blockSize">The block size; 0 lets the encoder choose.</param>
/// <param name="v2">Whether the configuration was numcodecs' (v2) form.</param>
/// <param name="v2Shuffle">numcodecs' <c>shuffle</c> as given (-1 for AUTOSHUFFLE), written back in that form.</param>
internal sealed class BloscCodec(string cname, int level, BloscShuffle shuffle, int typeSize, int blockSize, bool v2, int v2Shuffle) : IBytesToBytesCodec
{
    /// <summary>v3 <c>blosc</c>, or numcodecs' form as v3 <c>numcodecs.blosc</c> and v2 <c>blosc</c>.</summary>
    public static readonly CodecRegistration Registration = CodecRegistration.BytesToBytes(
        v3Names: ["blosc", "numcodecs.blosc"],
        v2Id: "blosc",
        create: (cfg, ctx) => ctx.NumcodecsForm ? CreateV2(cfg, ctx.ItemSize) : CreateV3(cfg, ctx.ItemSize));

    public string CName { get; } = cname;

    public int Level { get; } = level;

    public BloscShuffle Shuffle { get; } = shuffle;

    public int TypeSize { get; } = typeSize;

    public int BlockSize { get; } = blockSize;

    public string Name => Registration.Name;

    public BloscCompressor Compressor => CompressorOf(CName);

    /// <summary>From a numcodecs (v2) configuration; <paramref name="itemSize"/> is the size of the elements it compresses.</summary>
    public static BloscCodec CreateV2(CodecConfig config, int itemSize)
    {
        var cname = ValidName(config, config.GetString("cname", "lz4"));
        var level = ReadLevel(config);
        var shuffleCode = config.GetInt("shuffle", 1);
        var shuffle = shuffleCode switch
        {
            -1 => itemSize == 1 ? BloscShuffle.BitShuffle : BloscShuffle.Shuffle,
            0 => BloscShuffle.NoShuffle,
            1 => BloscShuffle.Shuffle,
            2 => BloscShuffle.BitShuffle,
            _ => throw config.Error("shuffle", "must be -1 (auto), 0, 1 or 2"),
        };
        var blockSize = config.GetInt("blocksize", 0);
        return blockSize < 0 ? throw config.Error("blocksize", "must not be negative")
            : new BloscCodec(cname, level, shuffle, itemSize, blockSize, v2: true, shuffleCode);
    }

    /// <summary>From a v3 configuration; <paramref name="itemSize"/> is used when <c>typesize</c> is absent.</summary>
    public static BloscCodec CreateV3(CodecConfig config, int itemSize)
    {
        var cname = ValidName(config, config.GetString("cname", "zstd"));
        var level = ReadLevel(config);
        var shuffle = config.Get("shuffle") is { ValueKind: JsonValueKind.Number } n
            ? n.GetInt32() switch
            {
                0 => BloscShuffle.NoShuffle,
                1 => BloscShuffle.Shuffle,
                2 => BloscShuffle.BitShuffle,
                _ => throw config.Error("shuffle", "must be noshuffle, shuffle or bitshuffle"),
            }
            : config.GetString("shuffle", "noshuffle") switch
            {
                "noshuffle" => BloscShuffle.NoShuffle,
                "shuffle" => BloscShuffle.Shuffle,
                "bitshuffle" => BloscShuffle.BitShuffle,
                var other => throw config.Error("shuffle", $"must be noshuffle, shuffle or bitshuffle, not '{other}'"),
            };
        var typeSize = config.GetInt("typesize", itemSize, min: 1, max: 255);

        var blockSize = config.GetInt("blocksize", 0);
        return blockSize < 0 ? throw config.Error("blocksize", "must not be negative")
            : new BloscCodec(cname, level, shuffle, typeSize, blockSize, v2: false, (int)shuffle);
    }

    public long MaxEncodedSize(long decodedSize) => decodedSize + 16 + (4 * ((decodedSize / 256) + 1));

    public ReadOnlyMemory<byte> Decode(ReadOnlyMemory<byte> encoded, int maxDecodedSize, string key)
    {
        try
        {
            return Blosc.Blosc.Decompress(encoded.Span, maxDecodedSize);
        }
        catch (ZarrFormatException e)
        {
            throw new ZarrFormatException($"{key}: blosc frame: {e.Message}", e);
        }
    }

    /// <summary>Decodes the frame's blocks straight into <paramref name="destination"/>; a large frame's blocks on several threads.</summary>
    public void DecodeInto(ReadOnlyMemory<byte> encoded, Span<byte> destination, string key)
    {
        try
        {
            var header = BloscDecoder.ValidateExact(encoded.Span, destination.Length);
            if (BloscParallelDecoder.IsWorthwhile(header))
            {
                BloscParallelDecoder.Decode(header, encoded, destination);
            }
            else
            {
                BloscDecoder.DecodeBody(header, encoded.Span, destination);
            }
        }
        catch (ZarrFormatException e)
        {
            throw new ZarrFormatException($"{key}: blosc frame: {e.Message}", e);
        }
    }

    /// <summary>Decodes the frame's blocks straight into the runs of <paramref name="target"/>, unshuffling each block there (<see cref="BloscRunDecoder"/>).</summary>
    public void DecodeRunsInto(ReadOnlyMemory<byte> encoded, int size, ReadOnlySpan<ByteRun> runs, Span<byte> target, string key)
    {
        try
        {
            var header = BloscDecoder.ValidateExact(encoded.Span, size);
            if (BloscRunDecoder.CanDecode(header, runs))
            {
                BloscRunDecoder.Decode(header, encoded.Span, runs, target);
                return;
            }
        }
        catch (ZarrFormatException e)
        {
            throw new ZarrFormatException($"{key}: blosc frame: {e.Message}", e);
        }

        using var pooled = PooledBytes.DecodeInto(this, encoded, size, key);
        ByteRun.CopyAll(pooled.Memory.Span, runs, target);
    }

    public PooledBytes DecodePooled(ReadOnlyMemory<byte> encoded, int maxDecodedSize, string key)
    {
        int size;
        try
        {
            size = BloscDecoder.Validate(encoded.Span, maxDecodedSize).UncompressedSize;
        }
        catch (ZarrFormatException e)
        {
            throw new ZarrFormatException($"{key}: blosc frame: {e.Message}", e);
        }

        return PooledBytes.DecodeInto(this, encoded, size, key);
    }

    public ReadOnlyMemory<byte> Encode(ReadOnlyMemory<byte> decoded) =>
        Blosc.Blosc.Compress(decoded.Span, Math.Clamp(TypeSize, 1, 255), Compressor, Level, Shuffle, BlockSize);

    public void WriteV3(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("name", "blosc");
        writer.WriteStartObject("configuration");
        writer.WriteString("cname", CName);
        writer.WriteNumber("clevel", Level);
        writer.WriteString("shuffle", Shuffle switch
        {
            BloscShuffle.NoShuffle => "noshuffle",
            BloscShuffle.Shuffle => "shuffle",
            _ => "bitshuffle",
        });
        writer.WriteNumber("typesize", TypeSize);
        writer.WriteNumber("blocksize", BlockSize);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public void WriteV2(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("id", "blosc");
        writer.WriteString("cname", CName);
        writer.WriteNumber("clevel", Level);
        writer.WriteNumber("shuffle", v2 ? v2Shuffle : (int)Shuffle);
        writer.WriteNumber("blocksize", BlockSize);
        writer.WriteEndObject();
    }

    private static BloscCompressor CompressorOf(string cname) => cname switch
    {
        "blosclz" => BloscCompressor.BloscLz,
        "lz4" => BloscCompressor.Lz4,
        "lz4hc" => BloscCompressor.Lz4Hc,
        "snappy" => BloscCompressor.Snappy,
        "zlib" => BloscCompressor.Zlib,
        _ => BloscCompressor.Zstd,
    };

    private static string ValidName(CodecConfig config, string cname) =>
        cname is "blosclz" or "lz4" or "lz4hc" or "snappy" or "zlib" or "zstd"
            ? cname
            : throw config.Error("cname", $"'{cname}' is not one of blosclz, lz4, lz4hc, snappy, zlib, zstd");

    private static int ReadLevel(CodecConfig config) => config.GetInt("clevel", 5, min: 0, max: 9);
}
