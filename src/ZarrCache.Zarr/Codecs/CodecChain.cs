namespace ZarrCache.Zarr.Codecs;

/// <summary>The codecs of an array (or of the inner chunks of a shard): array→array steps, one array→bytes step, bytes→bytes steps.</summary>
internal sealed class CodecChain
{
    public CodecChain(IReadOnlyList<IArrayToArrayCodec> arrayToArray, IArrayToBytesCodec arrayToBytes, IReadOnlyList<IBytesToBytesCodec> bytesToBytes)
    {
        ArrayToArray = arrayToArray;
        ArrayToBytes = arrayToBytes;
        BytesToBytes = bytesToBytes;
    }

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

        var bytes = encoded;
        for (var i = BytesToBytes.Count - 1; i >= 0; i--)
        {
            bytes = BytesToBytes[i].Decode(bytes, (int)Math.Min(caps[i], Array.MaxLength), key);
        }

        var array = ArrayToBytes.Decode(bytes, reprs[^1], key);
        for (var i = ArrayToArray.Count - 1; i >= 0; i--)
        {
            array = ArrayToArray[i].Decode(array, reprs[i], key);
        }

        return array;
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
