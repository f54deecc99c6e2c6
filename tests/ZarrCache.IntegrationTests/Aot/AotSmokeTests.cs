using System.Diagnostics.Metrics;
using System.Globalization;
using System.Runtime.CompilerServices;
using ZarrCache.IntegrationTests.Packaging;
using ZarrCache.Tests.TestSupport;
using Xunit.Abstractions;
using ZarrCache.Zarr;

namespace ZarrCache.IntegrationTests.Aot;

/// <summary>
/// The libraries under Native AOT: tests/ZarrCache.AotSmoke, published with PublishAot (no trim or AOT warning allowed),
/// runs the cache tiers, Zarr v2/v3 writes and reads, the meter, the activity source and attributes, and prints the same
/// line as its JIT build; the values it printed are the ones the library gives in this (JIT) process and the golden data
/// holds. Catches what the trim and AOT analyzers miss, such as reflection that throws only under Native AOT.
/// </summary>
public sealed class AotSmokeTests(AotSmokeBuild build, ITestOutputHelper output) : IClassFixture<AotSmokeBuild>
{
    [NativeAotFact]
    public void The_native_build_runs_and_prints_what_the_JIT_build_prints()
    {
        var native = NativeLine();
        output.WriteLine($"published with Native AOT in {build.PublishTime.TotalSeconds:F0} s");
        var dll = Path.Combine(RepoPaths.Root, "tests", "ZarrCache.AotSmoke", "bin", RepoPaths.Configuration, "net10.0", "ZarrCache.AotSmoke.dll");
        Assert.True(File.Exists(dll), $"the smoke app's JIT build is missing (the solution builds it): {dll}");

        var (code, jit) = PackedFeed.Run("dotnet", [dll, TestPaths.SharedTestData], build.Root);

        Assert.True(code == 0, "the JIT build failed:\n" + jit);
        Assert.Equal(jit.Trim(), native);
    }

    [NativeAotFact]
    public async Task The_native_build_prints_the_values_of_the_golden_data_and_of_what_it_wrote()
    {
        var values = NativeLine().Split(' ').Skip(1).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

        foreach (var (version, names) in new[] { ("v2", new[] { "1d.contiguous.zlib.i2", "1d.contiguous.blosc.i2", "1d.contiguous.zstd.i2", "1d.contiguous.lz4.i2", "3d.chunked.mixed.i2.F" }), ("v3", ["1d.contiguous.blosc.i2", "1d.contiguous.gzip.i2", "3d.chunked.compressed.sharded.i2", "2d.chunked.ragged.compressed.sharded.i2"]) })
        {
            foreach (var name in names)
            {
                var array = await ZarrArray.OpenAsync(new FileSystemStore(Path.Combine(TestPaths.ZarritaFixtures, version, "data.zarr")), name);
                Assert.Equal(string.Join(',', (await array.ReadAsync<short>()).Data), values[$"{version}.{name}"]);
            }
        }

        var strings = await ZarrArray.OpenAsync(new FileSystemStore(Path.Combine(TestPaths.ZarritaFixtures, "v3", "data.zarr")), "1d.contiguous.string.vlen");
        Assert.Equal(string.Join(',', (await strings.ReadStringsAsync()).Data), values["v3.1d.contiguous.string.vlen"]);
        Assert.Equal("-1000.5,0,1000.5,0", values["v3.1d.contiguous.f2.le"]); // shared/testdata/README.md
        Assert.Equal("answer:42", values["v2.group.attrs"]);

        // What the app wrote: v3[r, c] = 100 r + c / 2 read at "5:35:7, -1"; v2[i] = 3 i - 150 read at "::-9".
        Assert.Equal(string.Join(',', Enumerable.Range(0, 5).Select(i => ((5 + (7 * i)) * 100 + 14.5).ToString(CultureInfo.InvariantCulture))), values["v3.region"]);
        Assert.Equal(string.Join(',', Enumerable.Range(0, 12).Select(i => (3 * (99 - (9 * i))) - 150)), values["v2.counts"]);
        Assert.Equal("levels:[Int64:1;Int64:2;Int64:3],scale_factor:Double:0.5,source:{name:String:aot},units:String:K", values["v3.attrs"]);
        Assert.Equal("2020-01-01T12:30:15,null,1970-01-01T00:00:00,2038-01-19T03:14:08", values["v2.times"].Split(':', 2)[1]);

        Assert.Equal(string.Join(',', InstrumentsOfTheMeter()), values["instruments"]);
        var originReads = values.Where(v => v.Key.EndsWith(".meter", StringComparison.Ordinal))
            .Sum(v => long.Parse(v.Value.Split(',').Single(f => f.StartsWith("origin:", StringComparison.Ordinal))["origin:".Length..], CultureInfo.InvariantCulture));
        Assert.Equal(originReads.ToString(CultureInfo.InvariantCulture), values["spans"]);
    }

    /// <summary>The native binary's line, after asserting that it was published and exited 0 (the publish took under 3 minutes or so).</summary>
    private string NativeLine()
    {
        Assert.True(build.Failure is null, build.Failure);
        Assert.True(build.Native.ExitCode == 0, $"the Native AOT build of tests/ZarrCache.AotSmoke failed (exit code {build.Native.ExitCode}):\n{build.Native.Output}");
        return build.Native.Output.Trim();
    }

    /// <summary>
    /// The instruments the app's two libraries report in this process, by name: the observable instruments on the
    /// ZarrCache meter (the cache figures and the decoded-chunk cache's, created by their type initializers), except
    /// ZarrCache.Redis's, which the app does not reference. Counters other parts create when first used (origin retries,
    /// the gateway's) exist here or not depending on which tests ran before, so they are not part of it.
    /// </summary>
    private static SortedSet<string> InstrumentsOfTheMeter()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (instrument.Meter.Name == ZarrCacheDiagnostics.Name && instrument.IsObservable
                && !instrument.Name.StartsWith("zarrcache.redis.", StringComparison.Ordinal))
            {
                names.Add(instrument.Name);
            }
        };
        RuntimeHelpers.RunClassConstructor(typeof(ZarrCacheDiagnostics).TypeHandle);
        _ = new DecodedChunkCache(1 << 20, "aot-smoke-expected"); // The first one creates the Zarr layer's instruments, as the app's does.
        listener.Start();
        return names;
    }
}
