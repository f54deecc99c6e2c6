using System.Text.Json;
using ZarrCache.Zarr;
using ZarrCache.Zarr.Codecs.Blosc;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.AotSmoke;

/// <summary>
/// Arrays the run writes and reads back: a sharded Zarr v3 array (zstd, crc32c, attributes, dimension names) and v2
/// arrays (blosc with bitshuffle, fixed-length strings with zlib, datetime64 with gzip) through a CachedStore over
/// files with an LruMemoryCache; then the v3 array through a TieredCache (memory over a DiskCache), and again through
/// a new memory tier over the same disk folder, which must serve it without the origin.
/// </summary>
internal static class WrittenArrays
{
    public const int Rows = 40;
    public const int Columns = 30;

    /// <summary>The value the v3 array holds at (<paramref name="row"/>, <paramref name="column"/>).</summary>
    public static double Value(int row, int column) => (row * 100) + (column * 0.5);

    /// <summary>The value the v2 int16 array holds at <paramref name="index"/> (100 elements).</summary>
    public static short Count(int index) => (short)((index * 3) - 150);

    /// <summary>The strings of the v2 string array.</summary>
    public static readonly string[] Names = ["alpha", "βeta", "", "gamma", "δέλτα"];

    /// <summary>The times of the v2 datetime64[s] array (null: NaT).</summary>
    public static readonly DateTime?[] Times = [new DateTime(2020, 1, 1, 12, 30, 15, DateTimeKind.Utc), null, DateTime.UnixEpoch, new DateTime(2038, 1, 19, 3, 14, 8, DateTimeKind.Utc)];

    /// <summary>Writes and reads the arrays in <paramref name="scratch"/>; adds their values and the stores' figures.</summary>
    /// <returns>The origin reads of every store it opened.</returns>
    public static async Task<long> RunAsync(string scratch, TelemetryProbe telemetry, SmokeReport report)
    {
        var folder = Path.Combine(scratch, "data");
        long originReads;
        await using (var store = CachedStore.Create(new FileSystemStore(folder), new LruMemoryCache(16 << 20), new CacheConfig { Name = "aot-smoke-lru" }))
        {
            await WriteV3Async(store, report);
            await WriteV2Async(store, report);
            originReads = StoreFigures.Add(report, telemetry, "lru", store);
        }

        var disk = Path.Combine(scratch, "disk");
        foreach (var name in new[] { "tiered", "disk" })
        {
            var cache = new TieredCache(new LruMemoryCache(1 << 20), new DiskCache(disk, 64 << 20));
            await using var store = new CachedStore(new FileSystemStore(folder), cache, new CacheConfig { Name = "aot-smoke-" + name });
            for (var pass = 0; pass < 2; pass++)
            {
                var array = await ZarrArray.OpenAsync(store, "v3/temperature");
                array.MaxConcurrency = 1; // One read at a time: the same requests in the same order on every run.
                SmokeReport.CheckEqual(Expected(), (await array.ReadAsync<double>()).Data, $"the v3 array through the {name} cache");
            }

            originReads += StoreFigures.Add(report, telemetry, name, store);
            SmokeReport.Check(name != "disk" || store.CacheStats.OriginReads == 0, "a new memory tier over the same disk folder read the origin");
        }

        return originReads;
    }

    private static double[] Expected() => [.. Enumerable.Range(0, Rows * Columns).Select(i => Value(i / Columns, i % Columns))];

    private static async Task WriteV3Async(IStore store, SmokeReport report)
    {
        using var attributes = JsonDocument.Parse("""{"units": "K", "scale_factor": 0.5, "levels": [1, 2, 3], "source": {"name": "aot"}}""");
        var created = await ZarrArray.CreateAsync(store, "v3/temperature", new ZarrArrayOptions
        {
            Shape = [Rows, Columns],
            ChunkShape = [20, 30],
            InnerChunkShape = [10, 15],
            DataType = ZarrDataTypeKind.Float64,
            FillValue = double.NaN,
            Compressor = ZarrCompressor.Zstd(3),
            Checksum = true,
            DimensionNames = ["y", "x"],
            Attributes = attributes.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal),
        });
        await created.WriteAsync<double>(null, Expected());

        var array = await ZarrArray.OpenAsync(store, "v3/temperature");
        array.MaxConcurrency = 1;
        SmokeReport.CheckEqual(Expected(), (await array.ReadAsync<double>()).Data, "the v3 array read back");
        report.Add("v3.codecs", [.. array.Codecs, .. array.InnerCodecs ?? []]);
        report.Add("v3.dims", array.DimensionNames ?? []);
        report.Add("v3.region", (await array.ReadAsync<double>(ArraySelection.Parse("5:35:7, -1"))).Data);

        // Decoded chunks kept in memory: the Zarr layer's own instruments (zarrcache.decoded.*) start with the first cache.
        var chunkCache = new DecodedChunkCache(16 << 20, "aot-smoke-decoded");
        var kept = await ZarrArray.OpenAsync(store, "v3/temperature", new ZarrArrayOptions { ChunkCache = chunkCache });
        kept.MaxConcurrency = 1;
        for (var pass = 0; pass < 2; pass++)
        {
            SmokeReport.CheckEqual(Expected(), (await kept.ReadAsync<double>()).Data, "the v3 array through the decoded-chunk cache");
        }

        SmokeReport.Check(chunkCache.Stats.Hits > 0, "the second read through the decoded-chunk cache had no hit");
        report.Add("v3.decoded", new[] { chunkCache.Stats.Hits, chunkCache.Stats.Misses });
        var values = array.Attributes.ToValues();
        report.Add("v3.attrs", values.Keys.Order(StringComparer.Ordinal).Select(k => $"{k}:{Describe(values[k])}"));
    }

    private static async Task WriteV2Async(IStore store, SmokeReport report)
    {
        var counts = await ZarrArray.CreateAsync(store, "v2/counts", new ZarrArrayOptions
        {
            ZarrFormat = 2,
            Shape = [100],
            ChunkShape = [30],
            DataType = ZarrDataTypeKind.Int16,
            Compressor = ZarrCompressor.Blosc("zlib", 5, BloscShuffle.BitShuffle),
        });
        var expected = Enumerable.Range(0, 100).Select(Count).ToArray();
        await counts.WriteAsync<short>(null, expected);
        counts = await ZarrArray.OpenAsync(store, "v2/counts");
        SmokeReport.CheckEqual(expected, (await counts.ReadAsync<short>()).Data, "the v2 int16 array read back");
        report.Add("v2.counts", (await counts.ReadAsync<short>(ArraySelection.Parse("::-9"))).Data);

        var names = await ZarrArray.CreateAsync(store, "v2/names", new ZarrArrayOptions
        {
            ZarrFormat = 2,
            Shape = [Names.Length],
            ChunkShape = [2],
            ElementType = ZarrDataType.CreateFixedString(8),
            Compressor = new ZarrCompressor("zlib", 6),
        });
        await names.WriteStringsAsync(null, Names);
        names = await ZarrArray.OpenAsync(store, "v2/names");
        var read = (await names.ReadStringsAsync()).Data;
        SmokeReport.CheckEqual(Names, read, "the v2 string array read back");
        report.Add("v2.names", $"{names.DataType}:{SmokeReport.Join(read)}");

        var times = await ZarrArray.CreateAsync(store, "v2/times", new ZarrArrayOptions
        {
            ZarrFormat = 2,
            Shape = [Times.Length],
            ChunkShape = [Times.Length],
            ElementType = ZarrDataType.CreateTime(isDateTime: true, "s"),
            FillValue = double.NaN,
            Compressor = ZarrCompressor.Gzip(),
        });
        await times.WriteDateTimesAsync(null, Times);
        times = await ZarrArray.OpenAsync(store, "v2/times");
        var timesRead = (await times.ReadDateTimesAsync()).Data;
        SmokeReport.CheckEqual(Times, timesRead, "the v2 datetime64 array read back");
        report.Add("v2.times", $"{times.DataType}:{SmokeReport.Join(timesRead.Select(t => t?.ToString("s", System.Globalization.CultureInfo.InvariantCulture)))}");
    }

    private static string Describe(object? value) => value switch
    {
        List<object?> list => "[" + string.Join(';', list.Select(Describe)) + "]",
        Dictionary<string, object?> map => "{" + string.Join(';', map.Select(p => $"{p.Key}:{Describe(p.Value)}")) + "}",
        _ => $"{value?.GetType().Name}:{SmokeReport.Join([value])}",
    };
}
