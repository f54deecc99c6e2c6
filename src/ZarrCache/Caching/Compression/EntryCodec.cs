using System.Buffers;
using System.Buffers.Binary;
using K4os.Compression.LZ4;
using ZstdSharp;

namespace ZarrCache;

/// <summary>
/// Compresses cached entries, per entry, only when that saves at least a given fraction; used by the disk tier
/// (the encoding goes in the entry file's header) and by a compressed memory tier (in a small frame, see
/// <see cref="EncodeFramed"/>). Thread-safe.
/// </summary>
internal sealed class EntryCodec
{
    /// <summary>Values shorter than this are never compressed: the saving cannot pay for the header.</summary>
    public const int MinLengthToCompress = 64;

    /// <summary>The frame header of a compressed framed value: encoding byte and raw length.</summary>
    public const int FramedHeaderLength = 5;

    private readonly int _level;

    public EntryCodec(CompressionCodec codec, int? level, double minSavings)
    {
        if (!Enum.IsDefined(codec))
        {
            throw new ArgumentOutOfRangeException(nameof(codec), codec, "unknown compression codec");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(minSavings);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(minSavings, 1.0);
        Codec = codec;
        _level = level ?? DefaultLevel(codec);
        MinSavings = minSavings;
    }

    public CompressionCodec Codec { get; }

    public double MinSavings { get; }

    /// <summary>Builds the codec a config asks for, or null when compression is off.</summary>
    public static EntryCodec? FromConfig(CacheConfig config) =>
        config.EnableCompression ? new EntryCodec(config.CompressionCodec, config.CompressionLevel, config.MinCompressionSavings) : null;

    public static int DefaultLevel(CompressionCodec codec) => codec == CompressionCodec.Zstd ? 3 : 0;

    /// <summary>The valid levels of a codec.</summary>
    public static (int Min, int Max) LevelRange(CompressionCodec codec) => codec == CompressionCodec.Zstd ? (1, 22) : (0, 12);

    /// <summary>
    /// Compresses <paramref name="raw"/> when that saves at least <see cref="MinSavings"/> of it. On success the
    /// stored bytes are in <paramref name="rented"/> (from <see cref="ArrayPool{T}.Shared"/>; the caller returns it)
    /// up to <paramref name="length"/>; otherwise <see cref="EntryEncoding.Raw"/> is returned and nothing is rented.
    /// </summary>
    public EntryEncoding TryCompress(ReadOnlySpan<byte> raw, out byte[]? rented, out int length)
    {
        rented = null;
        length = raw.Length;
        if (raw.Length < MinLengthToCompress)
        {
            return EntryEncoding.Raw;
        }

        var limit = (int)Math.Floor(raw.Length * (1.0 - MinSavings));
        var buffer = ArrayPool<byte>.Shared.Rent(MaxCompressedLength(raw.Length));
        var written = Codec == CompressionCodec.Zstd ? CompressZstd(raw, buffer) : LZ4Codec.Encode(raw, buffer, (LZ4Level)_level);
        if (written <= 0 || written > limit)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return EntryEncoding.Raw;
        }

        rented = buffer;
        length = written;
        return Codec == CompressionCodec.Zstd ? EntryEncoding.Zstd : EntryEncoding.Lz4;
    }

    /// <summary>Decodes stored bytes into <paramref name="destination"/>, which has exactly the raw length.</summary>
    /// <exception cref="InvalidDataException">The bytes do not decode to exactly that length.</exception>
    public static void Decode(EntryEncoding encoding, ReadOnlySpan<byte> stored, Span<byte> destination)
    {
        switch (encoding)
        {
            case EntryEncoding.Raw:
                if (stored.Length != destination.Length)
                {
                    throw new InvalidDataException($"a raw entry of {stored.Length} bytes was expected to hold {destination.Length}.");
                }

                stored.CopyTo(destination);
                return;
            case EntryEncoding.Lz4:
                var lz4 = LZ4Codec.Decode(stored, destination);
                if (lz4 != destination.Length)
                {
                    throw new InvalidDataException($"an LZ4 entry decoded to {lz4} bytes, not {destination.Length}.");
                }

                return;
            case EntryEncoding.Zstd:
                int zstd;
                try
                {
                    using var decompressor = new Decompressor();
                    zstd = decompressor.Unwrap(stored, destination);
                }
                catch (Exception e) when (e is ZstdException or ArgumentException)
                {
                    throw new InvalidDataException("a Zstandard entry does not decode: " + e.Message, e);
                }

                if (zstd != destination.Length)
                {
                    throw new InvalidDataException($"a Zstandard entry decoded to {zstd} bytes, not {destination.Length}.");
                }

                return;
            default:
                throw new InvalidDataException($"unknown entry encoding {(byte)encoding}.");
        }
    }

    /// <summary>
    /// Encodes a value for a memory tier: <c>[0][raw bytes]</c> when compression does not pay, else
    /// <c>[encoding][raw length, u32 little-endian][compressed bytes]</c>.
    /// </summary>
    public byte[] EncodeFramed(ReadOnlySpan<byte> raw)
    {
        var encoding = TryCompress(raw, out var rented, out var length);
        if (encoding == EntryEncoding.Raw)
        {
            var plain = new byte[raw.Length + 1];
            raw.CopyTo(plain.AsSpan(1));
            return plain;
        }

        try
        {
            var framed = new byte[FramedHeaderLength + length];
            framed[0] = (byte)encoding;
            BinaryPrimitives.WriteUInt32LittleEndian(framed.AsSpan(1), (uint)raw.Length);
            rented.AsSpan(0, length).CopyTo(framed.AsSpan(FramedHeaderLength));
            return framed;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented!);
        }
    }

    /// <summary>
    /// Decodes a framed value: a raw frame is sliced (no copy), a compressed one is decompressed into a new array.
    /// A frame that claims more than <paramref name="maxRawLength"/> bytes is refused before allocating.
    /// </summary>
    /// <exception cref="InvalidDataException">The frame is malformed.</exception>
    public static ReadOnlyMemory<byte> DecodeFramed(ReadOnlyMemory<byte> framed, long maxRawLength)
    {
        var span = framed.Span;
        if (span.Length == 0)
        {
            throw new InvalidDataException("an empty frame has no encoding byte.");
        }

        var encoding = (EntryEncoding)span[0];
        if (encoding == EntryEncoding.Raw)
        {
            return framed[1..];
        }

        if (span.Length < FramedHeaderLength)
        {
            throw new InvalidDataException("a compressed frame is shorter than its header.");
        }

        var rawLength = BinaryPrimitives.ReadUInt32LittleEndian(span[1..]);
        if (rawLength > maxRawLength || rawLength > Array.MaxLength)
        {
            throw new InvalidDataException($"a compressed frame claims {rawLength} bytes, more than the limit {maxRawLength}.");
        }

        var raw = new byte[rawLength];
        Decode(encoding, span[FramedHeaderLength..], raw);
        return raw;
    }

    private int MaxCompressedLength(int rawLength) =>
        Codec == CompressionCodec.Zstd ? Compressor.GetCompressBound(rawLength) : LZ4Codec.MaximumOutputSize(rawLength);

    private int CompressZstd(ReadOnlySpan<byte> raw, byte[] buffer)
    {
        using var compressor = new Compressor(_level);
        return compressor.Wrap(raw, buffer);
    }
}
