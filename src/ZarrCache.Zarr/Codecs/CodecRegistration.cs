using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Zarr.Codecs;

/// <summary>
/// What a codec is called in v3 and v2 metadata and how it is created: each codec class declares one beside its code,
/// and <see cref="CodecRegistry"/> lists them.
/// </summary>
internal sealed class CodecRegistration
{
    private readonly Func<CodecConfig, CodecContext, IZarrCodec> _create;
    private readonly Func<CodecConfig, ZarrDataType, ZarrDataType>? _v2StoredType;

    private CodecRegistration(
        CodecKind kind,
        string[] v3Names,
        string? v2Id,
        Func<CodecConfig, CodecContext, IZarrCodec> create,
        Func<CodecConfig, ZarrDataType, ZarrDataType>? v2StoredType)
    {
        if (v3Names.Length == 0 && v2Id is null)
        {
            throw new ArgumentException("A codec needs a v3 name or a v2 id.", nameof(v3Names));
        }

        Kind = kind;
        V3Names = v3Names;
        Name = v3Names.Length > 0 ? v3Names[0] : v2Id!;
        V2Id = v2Id;
        _create = create;
        _v2StoredType = v2StoredType;
    }

    /// <summary>Where the codec stands in a chain.</summary>
    public CodecKind Kind { get; }

    /// <summary>The names v3 <c>codecs</c> lists may use for it; the first is the preferred one.</summary>
    public IReadOnlyList<string> V3Names { get; }

    /// <summary>
    /// What the codec is called in the metadata it writes (its <see cref="IZarrCodec.Name"/>): the preferred v3 name, or
    /// the v2 id when it has no v3 form.
    /// </summary>
    public string Name { get; }

    /// <summary>Its numcodecs <c>id</c> in v2 <c>compressor</c>/<c>filters</c>, or null when it has no v2 form.</summary>
    public string? V2Id { get; }

    /// <summary>An array-to-array codec.</summary>
    /// <param name="v3Names">The v3 names, preferred first.</param>
    /// <param name="v2Id">The v2 id, or null.</param>
    /// <param name="create">Creates it from its configuration.</param>
    /// <param name="v2StoredType">
    /// As a v2 filter, the type numcodecs stores after it from the one before (its byte order is the v2 bytes codec's);
    /// null when it keeps the type.
    /// </param>
    public static CodecRegistration ArrayToArray(
        string[] v3Names,
        string? v2Id,
        Func<CodecConfig, CodecContext, IArrayToArrayCodec> create,
        Func<CodecConfig, ZarrDataType, ZarrDataType>? v2StoredType = null) =>
        new(CodecKind.ArrayToArray, v3Names, v2Id, create, v2StoredType);

    /// <summary>An array-to-bytes codec.</summary>
    /// <param name="v3Names">The v3 names, preferred first.</param>
    /// <param name="v2Id">The v2 id, or null.</param>
    /// <param name="create">Creates it from its configuration.</param>
    public static CodecRegistration ArrayToBytes(string[] v3Names, string? v2Id, Func<CodecConfig, CodecContext, IArrayToBytesCodec> create) =>
        new(CodecKind.ArrayToBytes, v3Names, v2Id, create, null);

    /// <summary>A bytes-to-bytes codec.</summary>
    /// <param name="v3Names">The v3 names, preferred first.</param>
    /// <param name="v2Id">The v2 id, or null.</param>
    /// <param name="create">Creates it from its configuration.</param>
    public static CodecRegistration BytesToBytes(string[] v3Names, string? v2Id, Func<CodecConfig, CodecContext, IBytesToBytesCodec> create) =>
        new(CodecKind.BytesToBytes, v3Names, v2Id, create, null);

    /// <summary>Creates the codec; it implements the interface of <see cref="Kind"/>.</summary>
    public IZarrCodec Create(CodecConfig config, CodecContext context) => _create(config, context);

    /// <summary>The type numcodecs stores after this v2 filter, given <paramref name="storedType"/> before it.</summary>
    public ZarrDataType V2StoredType(CodecConfig config, ZarrDataType storedType) => _v2StoredType?.Invoke(config, storedType) ?? storedType;

    /// <inheritdoc/>
    public override string ToString() => Name;
}
