using System.Text.Json;
using ZarrCache.Zarr.Codecs;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Zarr.Metadata;

/// <summary>An array's metadata, v2 or v3, parsed into one form.</summary>
internal sealed class ArrayMetadata
{
    public required int ZarrFormat { get; init; }

    public required long[] Shape { get; init; }

    public required int[] ChunkShape { get; init; }

    public required ZarrDataType DataType { get; init; }

    public required byte[] FillValue { get; init; }

    public required CodecChain Codecs { get; init; }

    public required ChunkKeyEncoding KeyEncoding { get; init; }

    public required IReadOnlyDictionary<string, JsonElement> Attributes { get; init; }

    public IReadOnlyList<string?>? DimensionNames { get; init; }

    /// <summary>v2 only: "C" or "F".</summary>
    public string Order { get; init; } = "C";

    public ChunkRepresentation ChunkRepresentation => new(ChunkShape, DataType, FillValue);
}
