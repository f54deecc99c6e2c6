namespace ZarrCache;

/// <summary>The constants of the binary access-trace format (docs/traces.md), shared by the writer and the reader.</summary>
internal static class TraceFormat
{
    /// <summary>The first 8 bytes of a trace: <c>ZCTRACE</c> and the format version 1.</summary>
    public static ReadOnlySpan<byte> Magic => "ZCTRACE\u0001"u8;

    /// <summary>Bytes before the first record: the magic, then the start time (Unix milliseconds, int64 little-endian).</summary>
    public const int HeaderLength = 16;

    /// <summary>Tag bit 0: the request hit.</summary>
    public const byte HitBit = 0x01;

    /// <summary>Tag bits 1–2: the tier (0 memory, 1 disk, 2 origin, 3 remote).</summary>
    public const int TierShift = 1;

    /// <summary>Mask of the tier bits after shifting.</summary>
    public const byte TierMask = 0x03;

    /// <summary>Tag bit 3: the record defines a new key (its UTF-8 bytes follow) instead of naming an earlier one.</summary>
    public const byte NewKeyBit = 0x08;

    /// <summary>Tag bits that must be zero in version 1.</summary>
    public const byte ReservedBits = 0xF0;

    /// <summary>The longest key, in UTF-8 bytes, a reader accepts (a longer length is taken as corruption).</summary>
    public const int MaxKeyBytes = 64 * 1024;

    /// <summary>The largest value size a reader accepts (2^48 bytes; a larger one is taken as corruption).</summary>
    public const long MaxSize = 1L << 48;

    /// <summary>The most bytes a LEB128 varint of a 64-bit value takes.</summary>
    public const int MaxVarintBytes = 10;
}
