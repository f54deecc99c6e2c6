namespace ZarrCache;

/// <summary>How a cached entry's bytes are stored: the one-byte tag of <see cref="EntryCodec"/>.</summary>
internal enum EntryEncoding : byte
{
    /// <summary>As given.</summary>
    Raw = 0,

    /// <summary>One LZ4 block.</summary>
    Lz4 = 1,

    /// <summary>One Zstandard frame.</summary>
    Zstd = 2,
}
