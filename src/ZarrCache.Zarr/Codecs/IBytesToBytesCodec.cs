namespace ZarrCache.Zarr.Codecs;

/// <summary>A codec that maps bytes to bytes (compressors, checksums, shuffle).</summary>
internal interface IBytesToBytesCodec : IZarrCodec
{
    /// <summary>The most bytes the encoded form of <paramref name="decodedSize"/> bytes can take.</summary>
    long MaxEncodedSize(long decodedSize);

    /// <summary>Decodes; output larger than <paramref name="maxDecodedSize"/> is refused before it is allocated.</summary>
    ReadOnlyMemory<byte> Decode(ReadOnlyMemory<byte> encoded, int maxDecodedSize, string key);

    /// <summary>
    /// Decodes into exactly <paramref name="destination"/>, never writing past it and never into <paramref name="encoded"/>.
    /// This default decodes to a new array and copies; codecs that can, decode in place.
    /// </summary>
    /// <exception cref="ZarrFormatException">The data is corrupt or does not decode to exactly <c>destination.Length</c> bytes; the message names <paramref name="key"/>.</exception>
    void DecodeInto(ReadOnlyMemory<byte> encoded, Span<byte> destination, string key)
    {
        var decoded = Decode(encoded, destination.Length, key);
        if (decoded.Length != destination.Length)
        {
            throw new ZarrFormatException($"{key}: {Name} data decodes to {decoded.Length} bytes; the chunk needs {destination.Length}.");
        }

        decoded.Span.CopyTo(destination);
    }

    /// <summary>
    /// Decodes exactly <paramref name="size"/> bytes and places them by <paramref name="runs"/> into
    /// <paramref name="target"/> (decoded bytes <c>run.Source</c> onwards to <c>run.Target</c>), never writing elsewhere
    /// in it nor into <paramref name="encoded"/>. This default decodes into a pooled buffer and copies the runs; a codec
    /// that can decodes straight into them.
    /// </summary>
    /// <exception cref="ZarrFormatException">The data is corrupt or does not decode to exactly <paramref name="size"/> bytes; the message names <paramref name="key"/>.</exception>
    void DecodeRunsInto(ReadOnlyMemory<byte> encoded, int size, ReadOnlySpan<ByteRun> runs, Span<byte> target, string key)
    {
        using var pooled = PooledBytes.DecodeInto(this, encoded, size, key);
        ByteRun.CopyAll(pooled.Memory.Span, runs, target);
    }

    /// <summary>
    /// Decodes as <see cref="Decode"/> does, into an array rented from the shared pool where the codec can (the caller
    /// disposes the result once). This default rents nothing: it returns what <see cref="Decode"/> returns.
    /// </summary>
    PooledBytes DecodePooled(ReadOnlyMemory<byte> encoded, int maxDecodedSize, string key) => new(Decode(encoded, maxDecodedSize, key), null);

    ReadOnlyMemory<byte> Encode(ReadOnlyMemory<byte> decoded);
}
