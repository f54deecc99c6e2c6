using ZarrCache.Zarr.Codecs;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Zarr.Metadata;

/// <summary>An array's metadata, v2 or v3, parsed into one form.</summary>
internal sealed class ArrayMetadata
{
    public required int ZarrFormat { get; init; }

    public required long[] Shape { get; init; }

    /// <summary>A chunk as the codecs see it decoded: its shape, data type and fill value, the three properties below.</summary>
    public required ChunkRepresentation ChunkRepresentation { get; init; }

    public int[] ChunkShape => ChunkRepresentation.Shape;

    public ZarrDataType DataType => ChunkRepresentation.DataType;

    public byte[] FillValue => ChunkRepresentation.FillValue;

    public required CodecChain Codecs { get; init; }

    public required ChunkKeyEncoding KeyEncoding { get; init; }

    public required IReadOnlyDictionary<string, JsonElement> Attributes { get; init; }

    public IReadOnlyList<string?>? DimensionNames { get; init; }

    /// <summary>Whether the fill value is <c>null</c>: elements of missing chunks of a variable-length array read as null.</summary>
    public bool NullFill { get; init; }

    /// <summary>v2 only: "C" or "F".</summary>
    public string Order { get; init; } = "C";

    /// <summary>
    /// What decides how a chunk's bytes decode (format, data type, chunk shape, fill value, order, codecs with their
    /// configurations): decoded chunks are kept per fingerprint, so an array re-created with other codecs at the same
    /// path never gets the old decoded chunks.
    /// </summary>
    public string Fingerprint => _fingerprint ??= ComputeFingerprint();

    private string? _fingerprint;

    private string ComputeFingerprint()
    {
        var codecs = Codecs.All.Select(codec =>
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            try
            {
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    codec.WriteV3(writer);
                }

                return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
            }
            catch (InvalidOperationException)
            {
                return codec.Name;
            }
        });
        return $"v{ZarrFormat}|{DataType}|{(NullFill ? "null" : string.Empty)}{string.Join(',', ChunkShape)}|{Convert.ToHexString(FillValue)}|{Order}|{string.Join(';', codecs)}";
    }
}
