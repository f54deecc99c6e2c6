using System.Diagnostics;
using System.Globalization;
using ZarrCache.Zarr.Codecs.Blosc;

namespace ZarrCache.Benchmarks;

/// <summary>
/// Blosc blocks serial against parallel by wall clock, the two alternating call by call so that load from other
/// processes falls on both alike; prints the median of each and their ratio. Same frames as <see cref="BloscParallelBenchmarks"/>.
/// </summary>
internal static class BloscParallelHarness
{
    public static void Run(TextWriter output, double secondsPerCase)
    {
        output.WriteLine($"| Compressor | Bytes | Blocks | Serial median µs | Parallel median µs | Parallel / serial | Pairs |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var compressor in new[] { BloscCompressor.Lz4, BloscCompressor.Zstd })
        {
            foreach (var bytes in new[] { 200_000, 1 << 20, 2 << 20, 4 << 20, 32 << 20 })
            {
                var bench = new BloscParallelBenchmarks { Bytes = bytes, Compressor = compressor };
                var setup = new StringWriter();
                var console = Console.Out;
                Console.SetOut(setup);
                bench.Setup();
                Console.SetOut(console);

                bench.Serial();
                bench.Parallel();
                var serial = new List<double>();
                var parallel = new List<double>();
                var total = Stopwatch.StartNew();
                while (total.Elapsed.TotalSeconds < secondsPerCase || serial.Count < 5)
                {
                    var t = Stopwatch.GetTimestamp();
                    bench.Serial();
                    serial.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
                    t = Stopwatch.GetTimestamp();
                    bench.Parallel();
                    parallel.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
                }

                var s = Median(serial);
                var p = Median(parallel);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {compressor} | {bytes:N0} | {bench.BlockCount} | {s:F0} | {p:F0} | {p / s:F2} | {serial.Count} |"));
            }
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
