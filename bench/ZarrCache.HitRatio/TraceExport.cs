namespace ZarrCache.HitRatio;

/// <summary>Writes a generated trace as a trace file (docs/traces.md), for <c>zarr-cache mrc</c>.</summary>
public static class TraceExport
{
    /// <summary>The generated traces by name.</summary>
    public static IReadOnlyList<string> Names { get; } = ["timeseries", "tiles", "scan+hot", "uniform"];

    /// <summary>Generates trace <paramref name="name"/> of <paramref name="requests"/> requests and writes it to
    /// <paramref name="path"/>, every request recorded as an origin miss.</summary>
    public static void Write(string path, string name, int requests, int seed)
    {
        var index = Array.IndexOf([.. Names], name);
        if (index < 0)
        {
            throw new ArgumentException($"--trace-kind must be one of {string.Join(", ", Names)}, was '{name}'.");
        }

        var generator = new TraceGenerator(requests, seed + index);
        var trace = index switch
        {
            0 => generator.TimeSeriesWalks(),
            1 => generator.HotTiles(),
            2 => generator.ScansOverHotSet(),
            _ => generator.UniformRandom(),
        };
        var keys = trace.Keys.Select(k => new StoreKey(k)).ToArray();
        using var writer = TraceWriter.Create(path);
        foreach (var id in trace.Requests)
        {
            writer.OnAccess(keys[id], trace.Sizes[id], AccessOutcome.Miss, AccessTier.Origin);
        }
    }
}
