using ZarrCache.Zarr;

namespace ZarrCache.AotSmoke;

/// <summary>
/// Arrays that zarr-python wrote (the zarrita.js fixtures under the shared testdata folder), read through CachedStores:
/// v2 codecs zlib, blosc, zstd and lz4, F order and fixed-length strings; v3 blosc, gzip, float16, sharding (also
/// ragged) and variable-length strings; the v2 root group's attributes.
/// </summary>
internal static class GoldenArrays
{
    /// <summary>The int16 arrays of the v2 hierarchy it reads.</summary>
    public static readonly string[] V2Int16 = ["1d.contiguous.zlib.i2", "1d.contiguous.blosc.i2", "1d.contiguous.zstd.i2", "1d.contiguous.lz4.i2", "3d.chunked.mixed.i2.F"];

    /// <summary>The int16 arrays of the v3 hierarchy it reads.</summary>
    public static readonly string[] V3Int16 = ["1d.contiguous.blosc.i2", "1d.contiguous.gzip.i2", "3d.chunked.compressed.sharded.i2", "2d.chunked.ragged.compressed.sharded.i2"];

    /// <summary>Reads the arrays under <paramref name="testdata"/>; adds their values (<c>v2.NAME=...</c>, <c>v3.NAME=...</c>) and the stores' figures.</summary>
    /// <returns>The origin reads of both stores.</returns>
    public static async Task<long> RunAsync(string testdata, TelemetryProbe telemetry, SmokeReport report)
    {
        var fixtures = Path.Combine(testdata, "zarrita-fixtures");
        long originReads = 0;
        await using (var v2 = new CachedStore(new FileSystemStore(Path.Combine(fixtures, "v2", "data.zarr")), new LruMemoryCache(8 << 20), new CacheConfig { Name = "aot-smoke-golden-v2" }))
        {
            var group = await ZarrGroup.OpenAsync(v2);
            report.Add("v2.group.attrs", group.Attributes.ToValues().Select(a => $"{a.Key}:{a.Value}"));
            foreach (var name in V2Int16)
            {
                report.Add("v2." + name, (await OpenAsync(group, name)).Data);
            }

            report.Add("v2.1d.contiguous.U7", (await (await group.OpenArrayAsync("1d.contiguous.U7")).ReadStringsAsync()).Data);
            originReads += StoreFigures.Add(report, telemetry, "golden-v2", v2);
        }

        await using (var v3 = new CachedStore(new FileSystemStore(Path.Combine(fixtures, "v3", "data.zarr")), new LruMemoryCache(8 << 20), new CacheConfig { Name = "aot-smoke-golden-v3" }))
        {
            var group = await ZarrGroup.OpenAsync(v3);
            foreach (var name in V3Int16)
            {
                report.Add("v3." + name, (await OpenAsync(group, name)).Data);
            }

            report.Add("v3.1d.contiguous.f2.le", (await (await group.OpenArrayAsync("1d.contiguous.f2.le")).ReadAsync<Half>()).Data);
            report.Add("v3.1d.contiguous.string.vlen", (await (await group.OpenArrayAsync("1d.contiguous.string.vlen")).ReadStringsAsync()).Data);
            originReads += StoreFigures.Add(report, telemetry, "golden-v3", v3);
        }

        return originReads;
    }

    private static async Task<ZarrArrayData<short>> OpenAsync(ZarrGroup group, string name)
    {
        var array = await group.OpenArrayAsync(name);
        array.MaxConcurrency = 1; // One read at a time: the same requests in the same order on every run.
        return await array.ReadAsync<short>();
    }
}
