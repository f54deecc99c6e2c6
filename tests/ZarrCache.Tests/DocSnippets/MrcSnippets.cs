using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.DocSnippets;

/// <summary>The code of docs/mrc.md, "From code": a trace recorded by a cached store reading an array (CacheConfig.AccessObserver),
/// analysed and replayed.</summary>
public sealed class MrcSnippets : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_recorded_trace_gives_curves_a_recommendation_and_a_replay()
    {
        var folder = _temp.Path;
        var origin = new MemoryStore();
        var written = await ZarrArray.CreateAsync(origin, "t2m", new ZarrArrayOptions { Shape = [64, 64], ChunkShape = [8, 8], DataType = ZarrDataTypeKind.Float64 });
        await written.WriteAsync<double>(null, new double[64 * 64]);
        using (var writer = TraceWriter.Create(Path.Combine(folder, "t2m.zct")))
        {
            var recorded = new CachedStore(origin, new CacheConfig { AccessObserver = writer });
            var array = await ZarrArray.OpenAsync(recorded, "t2m");
            for (var pass = 0; pass < 3; pass++)
            {
                for (var row = 0; row < 64; row += 8)
                {
                    await array.ReadAsync<double>(ArraySelection.Parse($"{row}:{row + 8},:"));
                }
            }
        }

        // begin-snippet: analyze-trace
        var trace = AccessTrace.Load(Path.Combine(folder, "t2m.zct"));
        var analysis = MissRatioCurves.Analyze(trace, new MissRatioCurveOptions { Policies = [SimulatedPolicy.S3Fifo] });
        var advice = analysis.Recommend(SimulatedPolicy.S3Fifo);   // CacheSize, HitRatio, RequestsSaved, BytesSaved
        var missRatio = CacheSimulator.Replay(trace, SimulatedPolicy.Clock, 1L << 30);   // one policy at one size
        // end-snippet

        Assert.Equal(64, trace.Keys.Count(k => k.StartsWith("t2m/c/", StringComparison.Ordinal)));
        Assert.Equal(SimulatedPolicy.S3Fifo, advice.Policy);
        Assert.True(advice.RequestsSaved > 0, $"recommended {advice.CacheSize} bytes saving no request");
        Assert.Equal(trace.Keys.Count / (double)trace.Requests.Count, missRatio.ByRequest, 6); // 1 GiB holds all: only first reads miss
        Assert.Contains(analysis.Curves, c => c.Policy == SimulatedPolicy.S3Fifo);
    }
}
