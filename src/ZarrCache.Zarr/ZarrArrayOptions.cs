using System.Text.Json;
using ZarrCache.Zarr.DataTypes;
using ZarrCache.Zarr.Sharding;

namespace ZarrCache.Zarr;

/// <summary>What a new array looks like.</summary>
public sealed record ZarrArrayOptions
{
    /// <summary>2 or 3 (default 3).</summary>
    public int ZarrFormat { get; init; } = 3;

    /// <summary>The shape.</summary>
    public required IReadOnlyList<long> Shape { get; init; }

    /// <summary>The chunk shape (for a sharded v3 array: the shard shape).</summary>
    public required IReadOnlyList<int> ChunkShape { get; init; }

    /// <summary>The element type.</summary>
    public required ZarrDataTypeKind DataType { get; init; }

    /// <summary>v2 only: store elements big endian.</summary>
    public bool BigEndian { get; init; }

    /// <summary>The fill value (NaN and infinities allowed for floats; complex: the real part).</summary>
    public double FillValue { get; init; }

    /// <summary>The compressor, or null for none.</summary>
    public ZarrCompressor? Compressor { get; init; }

    /// <summary>v3 only: add a <c>crc32c</c> checksum to each chunk.</summary>
    public bool Checksum { get; init; }

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
}
