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

    private static bool IsNewArray(ReadOnlyMemory<byte> result, ReadOnlyMemory<byte> input) =>
        MemoryMarshal.TryGetArray(result, out var r) && !SameArray(result, input) && r.Array is not null;

    private static bool SameArray(ReadOnlyMemory<byte> a, ReadOnlyMemory<byte> b) =>
        MemoryMarshal.TryGetArray(a, out var x) && MemoryMarshal.TryGetArray(b, out var y) && ReferenceEquals(x.Array, y.Array);

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

    /// <summary>TEMPORARY until the pooled decode path lands: decodes, then copies into the destination.</summary>
    public void DecodeInto(ReadOnlyMemory<byte> encoded, ChunkRepresentation decoded, Span<byte> destination, string key)
    {
        var array = Decode(encoded, decoded, key);
        if (array.Length != destination.Length)
        {
            throw new ZarrFormatException($"{key}: the chunk decodes to {array.Length} bytes, not {destination.Length}.");
        }

        array.CopyTo(destination);
    }
}
