namespace ZarrCache.Cli.Bench;

/// <summary>The access patterns of <c>zarr-cache bench --pattern</c>.</summary>
internal enum AccessPatternKind
{
    /// <summary>Every chunk region once, in C order; each reader scans its own contiguous share.</summary>
    Scan,

    /// <summary>One element per chunk along the first dimension at a fixed position in the others; each reader walks its own column.</summary>
    Timeseries,

    /// <summary>Chunk-aligned tiles, 80 % of them from a hot region holding 20 % of the chunks.</summary>
    Tiles,

    /// <summary>Chunk-sized regions at uniformly random (not chunk-aligned) positions.</summary>
    Random,
}
