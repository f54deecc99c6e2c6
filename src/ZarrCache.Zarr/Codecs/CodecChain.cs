using System.Buffers;
using System.Runtime.InteropServices;
namespace ZarrCache.Zarr.Codecs;

/// <summary>The codecs of an array (or of the inner chunks of a shard): array→array steps, one array→bytes step, bytes→bytes steps.</summary>
internal sealed class CodecChain
{
    public CodecChain(IReadOnlyList<IArrayToArrayCodec> arrayToArray, IArrayToBytesCodec arrayToBytes, IReadOnlyList<IBytesToBytesCodec> bytesToBytes)
    {
        ArrayToArray = arrayToArray;
        ArrayToBytes = arrayToBytes;
        BytesToBytes = bytesToBytes;
        PartialDecoder = arrayToArray.Count == 0 && bytesToBytes.Count == 0 ? arrayToBytes.CreatePartialDecoder(this) : new WholeChunkDecoder(this);
    }

    /// <summary>How regions of a chunk are read: by the array-to-bytes codec's own partial decoder when it is the only codec, else whole.</summary>
    public IPartialDecoder PartialDecoder { get; }

    public IReadOnlyList<IArrayToArrayCodec> ArrayToArray { get; }

    public IArrayToBytesCodec ArrayToBytes { get; }

    public IReadOnlyList<IBytesToBytesCodec> BytesToBytes { get; }

    public IEnumerable<IZarrCodec> All => ArrayToArray.Cast<IZarrCodec>().Append(ArrayToBytes).Concat(BytesToBytes);

    public long MaxEncodedSize(ChunkRepresentation decoded)
    {
        var repr = decoded;
        foreach (var codec in ArrayToArray)
        {
            repr = codec.EncodedRepresentation(repr);
        }

        var size = ArrayToBytes.MaxEncodedSize(repr);
        foreach (var codec in BytesToBytes)
        {
            size = codec.MaxEncodedSize(size);
        }

        return size;
    }

    public byte[] Decode(ReadOnlyMemory<byte> encoded, ChunkRepresentation decoded, string key)
    {
        var reprs = new ChunkRepresentation[ArrayToArray.Count + 1];
        reprs[0] = decoded;
        for (var i = 0; i < ArrayToArray.Count; i++)
        {
            reprs[i + 1] = ArrayToArray[i].EncodedRepresentation(reprs[i]);
        }

        var caps = new long[BytesToBytes.Count + 1];
        caps[0] = ArrayToBytes.MaxEncodedSize(reprs[^1]);
        for (var i = 0; i < BytesToBytes.Count; i++)
        {
            caps[i + 1] = BytesToBytes[i].MaxEncodedSize(caps[i]);
        }

        // The encoded value may be a cached one (never to be changed); what a codec returns in a new array is owned.
        var bytes = encoded;
        var owned = false;
        for (var i = BytesToBytes.Count - 1; i >= 0; i--)
        {
            var next = BytesToBytes[i].Decode(bytes, (int)Math.Min(caps[i], Array.MaxLength), key);
            owned = IsNewArray(next, bytes) || (owned && SameArray(next, bytes));
            bytes = next;
        }

        var array = ArrayToBytes.Decode(bytes, reprs[^1], key, owned);
        for (var i = ArrayToArray.Count - 1; i >= 0; i--)
        {
            array = ArrayToArray[i].Decode(array, reprs[i], key);
        }

        return array;
    }

    /// <summary>
    /// Decodes a chunk's little-endian C-order elements into exactly <paramref name="destination"/>
    /// (<c>decoded.ByteSize</c> bytes), never writing past it nor into <paramref name="encoded"/> (which may be cached).
    /// Bytes-to-bytes codecs over a <c>bytes</c> codec, with no array-to-array codecs, decode without a chunk-sized
    /// intermediate: the innermost straight into <paramref name="destination"/>, any outer ones into arrays rented from
    /// the shared pool; big-endian elements are then swapped in place. Other chains (array-to-array codecs, sharding)
    /// decode as <see cref="Decode"/> does and are copied.
    /// </summary>
    /// <exception cref="ZarrFormatException">The data is corrupt, or the chunk or <paramref name="destination"/> is not the expected size; the message names <paramref name="key"/>.</exception>
    public void DecodeInto(ReadOnlyMemory<byte> encoded, ChunkRepresentation decoded, Span<byte> destination, string key)
    {
        var size = decoded.ByteSize;
        if (destination.Length != size)
        {
            throw new ZarrFormatException($"{key}: the destination holds {destination.Length} bytes; the chunk's shape [{string.Join(',', decoded.Shape)}] of {decoded.DataType} needs {size}.");
        }

        if (ArrayToArray.Count > 0 || ArrayToBytes is not BytesCodec bytesCodec)
        {
            var array = Decode(encoded, decoded, key);
            if (array.Length != destination.Length)
            {
                throw new ZarrFormatException($"{key}: the chunk decodes to {array.Length} bytes; it needs {destination.Length}.");
            }

            array.CopyTo(destination);
            return;
        }

        if (BytesToBytes.Count == 0)
        {
            if (encoded.Length != destination.Length)
            {
                throw new ZarrFormatException($"{key}: the chunk holds {encoded.Length} bytes; its shape [{string.Join(',', decoded.Shape)}] of {decoded.DataType} needs {size}.");
            }

            encoded.Span.CopyTo(destination);
        }
        else
        {
            DecodeBytesInto(encoded, destination, key);
        }

        // Big endian: the bytes land in the destination as stored and are swapped there.
        if (bytesCodec.NeedsSwap(decoded.DataType))
        {
            BytesCodec.Swap(destination, decoded.DataType);
        }
    }

    /// <summary>
    /// Decodes a chunk (<c>decoded.ByteSize</c> bytes) and places it by <paramref name="runs"/> into
    /// <paramref name="target"/>, never writing elsewhere in it. With no array-to-array codecs, a little-endian (or
    /// byte-wide) <c>bytes</c> codec and one bytes-to-bytes codec (under at most one more, decoded into a pooled
    /// buffer), that codec decodes straight into the runs (Blosc unshuffles each block into them); any other chain
    /// decodes into a pooled buffer (<see cref="DecodeInto"/>) whose runs are copied.
    /// </summary>
    /// <exception cref="ZarrFormatException">The data is corrupt or not the expected size; the message names <paramref name="key"/>.</exception>
    public void DecodeRunsInto(ReadOnlyMemory<byte> encoded, ChunkRepresentation decoded, ReadOnlySpan<ByteRun> runs, Span<byte> target, string key)
    {
        var size = decoded.ExactByteSize(key);
        if (ArrayToArray.Count == 0 && ArrayToBytes is BytesCodec bytesCodec && !bytesCodec.NeedsSwap(decoded.DataType) && BytesToBytes.Count is 1 or 2)
        {
            if (BytesToBytes.Count == 1)
            {
                BytesToBytes[0].DecodeRunsInto(encoded, size, runs, target, key);
                return;
            }

            using var outer = BytesToBytes[1].DecodePooled(encoded, (int)Math.Min(BytesToBytes[0].MaxEncodedSize(size), Array.MaxLength), key);
            BytesToBytes[0].DecodeRunsInto(outer.Memory, size, runs, target, key);
            return;
        }

        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            DecodeInto(encoded, decoded, rented.AsSpan(0, size), key);
            ByteRun.CopyAll(rented.AsSpan(0, size), runs, target);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Outer bytes-to-bytes codecs into pooled rentals (held until the end: a codec may return a slice of its input), the innermost into the destination.</summary>
    private void DecodeBytesInto(ReadOnlyMemory<byte> encoded, Span<byte> destination, string key)
    {
        var outer = BytesToBytes.Count - 1;
        if (outer == 0)
        {
            BytesToBytes[0].DecodeInto(encoded, destination, key);
            return;
        }

        // caps[i]: the most bytes codec i decodes to (codec 0 to exactly the destination).
        Span<long> caps = outer < 16 ? stackalloc long[outer + 1] : new long[outer + 1];
        caps[0] = destination.Length;
        for (var i = 1; i <= outer; i++)
        {
            caps[i] = BytesToBytes[i - 1].MaxEncodedSize(caps[i - 1]);
        }

        if (outer == 1)
        {
            // The common stack (crc32c over a compressor, a compressor over the shuffle filter): no array for the rentals.
            using var pooled = BytesToBytes[1].DecodePooled(encoded, (int)Math.Min(caps[1], Array.MaxLength), key);
            BytesToBytes[0].DecodeInto(pooled.Memory, destination, key);
            return;
        }

        var held = new PooledBytes[outer];
        var count = 0;
        try
        {
            var bytes = encoded;
            for (var i = outer; i >= 1; i--)
            {
                held[count] = BytesToBytes[i].DecodePooled(bytes, (int)Math.Min(caps[i], Array.MaxLength), key);
                bytes = held[count++].Memory;
            }

            BytesToBytes[0].DecodeInto(bytes, destination, key);
        }
        finally
        {
            for (var i = 0; i < count; i++)
            {
                held[i].Dispose();
            }
        }
    }

    private static bool IsNewArray(ReadOnlyMemory<byte> result, ReadOnlyMemory<byte> input) =>
        MemoryMarshal.TryGetArray(result, out var r) && !SameArray(result, input) && r.Array is not null;

    private static bool SameArray(ReadOnlyMemory<byte> a, ReadOnlyMemory<byte> b) =>
        MemoryMarshal.TryGetArray(a, out var x) && MemoryMarshal.TryGetArray(b, out var y) && ReferenceEquals(x.Array, y.Array);

    /// <summary>
    /// Undoes only the bytes-to-bytes codecs: for a chain of variable-length elements, whose array-to-bytes codec then
    /// reads the frame this returns (its size is not known from the chunk's shape, so no cap but a buffer's).
    /// </summary>
    public ReadOnlyMemory<byte> DecodeBytesToBytes(ReadOnlyMemory<byte> encoded, string key)
    {
        var bytes = encoded;
        for (var i = BytesToBytes.Count - 1; i >= 0; i--)
        {
            bytes = BytesToBytes[i].Decode(bytes, Array.MaxLength, key);
        }

        return bytes;
    }

    /// <summary>Applies only the bytes-to-bytes codecs, to the frame of a variable-length chunk.</summary>
    public ReadOnlyMemory<byte> EncodeBytesToBytes(ReadOnlyMemory<byte> frame)
    {
        var bytes = frame;
        foreach (var codec in BytesToBytes)
        {
            bytes = codec.Encode(bytes);
        }

        return bytes;
    }

    public ReadOnlyMemory<byte> Encode(byte[] decoded, ChunkRepresentation representation)
    {
        var array = decoded;
        var repr = representation;
        foreach (var codec in ArrayToArray)
        {
            array = codec.Encode(array, repr);
            repr = codec.EncodedRepresentation(repr);
        }

        var bytes = ArrayToBytes.Encode(array, repr);
        foreach (var codec in BytesToBytes)
        {
            bytes = codec.Encode(bytes);
        }

        return bytes;
    }
}
