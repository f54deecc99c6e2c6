using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Zarr.Codecs;

/// <summary>
/// What a codec's factory may need beside its configuration: how the codec was named (v2 id or v3 name) and what it
/// encodes — the chunk representation for array codecs, the element size for bytes codecs.
/// </summary>
internal sealed class CodecContext
{
    private readonly ChunkRepresentation? _representation;

    private CodecContext(string name, bool v2, ChunkRepresentation? representation, int itemSize)
    {
        V2 = v2;
        NumcodecsName = name.StartsWith("numcodecs.", StringComparison.Ordinal);
        _representation = representation;
        ItemSize = itemSize;
    }

    /// <summary>Whether the codec comes from v2 metadata (a numcodecs <c>id</c>).</summary>
    public bool V2 { get; }

    /// <summary>Whether it was named by a v3 <c>numcodecs.*</c> name.</summary>
    public bool NumcodecsName { get; }

    /// <summary>Whether its configuration has numcodecs' form: a v2 id or a <c>numcodecs.*</c> name.</summary>
    public bool NumcodecsForm => V2 || NumcodecsName;

    /// <summary>The size of the elements it encodes (after the array-to-array steps before it).</summary>
    public int ItemSize { get; }

    /// <summary>What the codec sees on its decoded side; only array codecs are given it.</summary>
    public ChunkRepresentation Representation =>
        _representation ?? throw new InvalidOperationException("A bytes-to-bytes codec is given only the item size, not the representation.");

    /// <summary>The element type it encodes (of <see cref="Representation"/>).</summary>
    public ZarrDataType DataType => Representation.DataType;

    /// <summary>For a codec that encodes <paramref name="representation"/>.</summary>
    public static CodecContext ForArray(string name, bool v2, ChunkRepresentation representation) =>
        new(name, v2, representation, representation.DataType.Size);

    /// <summary>For a bytes-to-bytes codec whose bytes hold elements of <paramref name="itemSize"/> bytes.</summary>
    public static CodecContext ForBytes(string name, bool v2, int itemSize) => new(name, v2, null, itemSize);
}
