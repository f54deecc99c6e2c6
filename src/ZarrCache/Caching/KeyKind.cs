namespace ZarrCache;

/// <summary>What a store key holds, as far as its name tells.</summary>
public enum KeyKind
{
    /// <summary>Anything else.</summary>
    Other = 0,

    /// <summary>An encoded chunk or shard: v2 <c>0.1.2</c> or <c>0/1/2</c>, v3 <c>c/0/1/2</c> (or <c>c</c> for a 0-d array).</summary>
    Chunk,

    /// <summary>Zarr v2 array metadata, <c>.zarray</c>.</summary>
    ArrayMetadata,

    /// <summary>Zarr v2 attributes, <c>.zattrs</c>.</summary>
    Attributes,

    /// <summary>Zarr v2 group metadata, <c>.zgroup</c>.</summary>
    GroupMetadata,

    /// <summary>Zarr v3 node metadata (array or group), <c>zarr.json</c>.</summary>
    NodeMetadata,

    /// <summary>Zarr v2 consolidated metadata, <c>.zmetadata</c>.</summary>
    ConsolidatedMetadata,
}
