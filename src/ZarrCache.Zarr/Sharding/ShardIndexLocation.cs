namespace ZarrCache.Zarr.Sharding;

/// <summary>Where a shard keeps its index.</summary>
public enum ShardIndexLocation
{
    /// <summary>After the inner chunks (the default).</summary>
    End,

    /// <summary>Before the inner chunks.</summary>
    Start,
}
