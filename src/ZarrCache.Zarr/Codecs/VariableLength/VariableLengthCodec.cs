namespace ZarrCache.Zarr.Codecs.VariableLength;

/// <summary>
/// What the variable-length codecs share: no cap on a chunk's encoded size (its items set it), the v2 form
/// <c>{"id": name}</c>, and refusing the byte-level decode and encode that no read or write of such an array asks for.
/// </summary>
internal abstract class VariableLengthCodec : IVariableLengthCodec
{
    public abstract string Name { get; }

    /// <summary>The numcodecs id of the v2 form (the name unless it is a <c>numcodecs.*</c> one).</summary>
    protected virtual string V2Id => Name;

    public long MaxEncodedSize(ChunkRepresentation decoded) => Array.MaxLength;

    public abstract void Decode<T>(ReadOnlySpan<byte> encoded, Span<T> items, IItemConverter<T> converter, string key);

    public abstract byte[] Encode<T>(ReadOnlySpan<T> items, IItemConverter<T> converter);

    byte[] IArrayToBytesCodec.Decode(ReadOnlyMemory<byte> encoded, ChunkRepresentation decoded, string key, bool owned) => throw NoElementBytes();

    ReadOnlyMemory<byte> IArrayToBytesCodec.Encode(byte[] decoded, ChunkRepresentation representation) => throw NoElementBytes();

    public abstract void WriteV3(Utf8JsonWriter writer);

    public void WriteV2(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("id", V2Id);
        writer.WriteEndObject();
    }

    private InvalidOperationException NoElementBytes() =>
        new($"Codec '{Name}' encodes variable-length elements, which have no fixed-size bytes; read them as strings or byte arrays.");
}
