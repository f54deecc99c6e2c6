using ZarrCache.Zarr.DataTypes;
using ZarrCache.Zarr.Sharding;

namespace ZarrCache.Zarr;

/// <summary>
/// How an array is opened and, for <see cref="ZarrArray.CreateAsync"/>, what a new array looks like: to open, set only
/// the reading fields (<see cref="ChunkCache"/>); to create, set at least <see cref="Shape"/>, <see cref="ChunkShape"/>
/// and <see cref="DataType"/>.
/// </summary>
public sealed record ZarrArrayOptions
{
    /// <summary>
    /// Reading: a cache of decoded chunks to read through (one may serve many arrays under one budget); null for none,
    /// the default: every read decodes its chunks.
    /// </summary>
    public DecodedChunkCache? ChunkCache { get; init; }

    /// <summary>2 or 3 (default 3).</summary>
    public int ZarrFormat { get; init; } = 3;

    /// <summary>Creating: the shape (required to create).</summary>
    public IReadOnlyList<long>? Shape { get; init; }

    /// <summary>Creating: the chunk shape (for a sharded v3 array: the shard shape; required to create).</summary>
    public IReadOnlyList<int>? ChunkShape { get; init; }

    /// <summary>Creating: the element type (required to create, unless <see cref="ElementType"/> is set).</summary>
    public ZarrDataTypeKind? DataType { get; init; }

    /// <summary>
    /// Creating: the element type when its kind is not enough — fixed-length strings
    /// (<see cref="ZarrDataType.CreateFixedString"/>, <see cref="ZarrDataType.CreateFixedBytes"/>), times
    /// (<see cref="ZarrDataType.CreateTime"/>) — or any type; it wins over <see cref="DataType"/>. String arrays are
    /// created with the fill value "" and variable-length ones with the vlen-utf8 (vlen-bytes) codec; times take
    /// <see cref="FillValue"/> as a count, NaN meaning NaT.
    /// </summary>
    public ZarrDataType? ElementType { get; init; }

    /// <summary>v2 only: store elements big endian.</summary>
    public bool BigEndian { get; init; }

    /// <summary>The fill value (NaN and infinities allowed for floats; complex: the real part).</summary>
    public double FillValue { get; init; }

    /// <summary>The compressor, or null for none.</summary>
    public ZarrCompressor? Compressor { get; init; }

    /// <summary>
    /// Add a checksum (<see cref="ChecksumKind"/>) to each chunk: in v3 after the compressor; in v2 as the one filter,
    /// which checksums the data before the compressor.
    /// </summary>
    public bool Checksum { get; init; }

    /// <summary>Which checksum <see cref="Checksum"/> adds; <c>crc32c</c> unless set.</summary>
    public ZarrChecksum ChecksumKind { get; init; } = ZarrChecksum.Crc32c;

    /// <summary>v3 only: shard the array, with inner chunks of this shape (which must divide <see cref="ChunkShape"/>).</summary>
    public IReadOnlyList<int>? InnerChunkShape { get; init; }

    /// <summary>Where shards keep their index.</summary>
    public ShardIndexLocation IndexLocation { get; init; } = ShardIndexLocation.End;

    /// <summary>v2 only: "C" or "F".</summary>
    public string Order { get; init; } = "C";

    /// <summary>The chunk key separator (v2 default '.', v3 default '/').</summary>
    public char? Separator { get; init; }

    /// <summary>v3 only: dimension names.</summary>
    public IReadOnlyList<string?>? DimensionNames { get; init; }

    /// <summary>User attributes.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Attributes { get; init; }

    /// <summary>Checks that the fields creating needs are set; the message names the first missing one.</summary>
    internal void ValidateForCreate()
    {
        var missing = Shape is null ? nameof(Shape) : ChunkShape is null ? nameof(ChunkShape) : DataType is null && ElementType is null ? nameof(DataType) : null;
        if (missing is not null)
        {
            throw new ArgumentException($"ZarrArrayOptions.{missing} is required to create an array.", missing);
        }
    }

    /// <summary>Checks that no field only creating uses is set (opening reads them from the metadata).</summary>
    internal void ValidateForOpen()
    {
        var set = Shape is not null ? nameof(Shape) : ChunkShape is not null ? nameof(ChunkShape) : DataType is not null ? nameof(DataType) : ElementType is not null ? nameof(ElementType)
            : Compressor is not null ? nameof(Compressor) : InnerChunkShape is not null ? nameof(InnerChunkShape) : Attributes is not null ? nameof(Attributes) : null;
        if (set is not null)
        {
            throw new ArgumentException($"ZarrArrayOptions.{set} describes a new array; opening reads it from the metadata: leave it unset.", set);
        }
    }
}
