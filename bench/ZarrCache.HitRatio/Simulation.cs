using System.Globalization;

namespace ZarrCache.HitRatio;

/// <summary>Replays traces through every policy at several cache sizes and prints the miss ratios as Markdown tables.</summary>
public static class Simulation
{
    /// <summary>The real cache classes, built for a (scaled) byte budget: CLOCK is <see cref="LruMemoryCache"/>,
    /// S3-FIFO is <see cref="S3FifoMemoryCache"/>.</summary>
    public static IReadOnlyList<(string Name, Func<long, ICache> Create)> RealCaches { get; } =
    [
        ("CLOCK (Lru)", budget => new LruMemoryCache(budget)),
        ("S3-FIFO", budget => new S3FifoMemoryCache(budget)),
    ];

    /// <summary>The policies compared: the real cache classes replayed through <see cref="PolicyReplayer"/>, and the
    /// library's simulator-only references (exact LRU, weighted W-TinyLFU; see <see cref="CacheSimulator"/>).</summary>
    public static IReadOnlyList<(string Name, Func<AccessTrace, long, MissRatio> Replay)> Policies { get; } =
    [
        ("LRU (exact)", (trace, budget) => CacheSimulator.Replay(trace, SimulatedPolicy.Lru, budget)),
        (RealCaches[0].Name, (trace, budget) => PolicyReplayer.Replay(trace, budget, RealCaches[0].Create)),
        ("W-TinyLFU", (trace, budget) => CacheSimulator.Replay(trace, SimulatedPolicy.WTinyLfu, budget)),
        (RealCaches[1].Name, (trace, budget) => PolicyReplayer.Replay(trace, budget, RealCaches[1].Create)),
    ];

    /// <summary>The cache sizes, as fractions of a trace's unique bytes.</summary>
    public static IReadOnlyList<double> CacheFractions { get; } = [0.01, 0.05, 0.10, 0.25];

    /// <summary>Runs the simulation and writes the tables.</summary>
    public static void Run(TextWriter output, int requests, int seed)
    {
        ArgumentNullException.ThrowIfNull(output);
        var invariant = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(invariant, $"Requests per trace: {requests:N0}; seed {seed}; miss ratio by request / by byte (lower is better)."));
        foreach (var trace in TraceGenerator.All(requests, seed))
        {
            var unique = trace.UniqueBytes;
            output.WriteLine();
            output.WriteLine(string.Create(invariant, $"### {trace.Name}: {trace.Description}; {unique / (1024.0 * 1024 * 1024):F1} GiB unique"));
            output.WriteLine();
            output.WriteLine("| cache (% of unique, GiB) | " + string.Join(" | ", Policies.Select(p => p.Name)) + " | Bélády (bound) |");
            output.WriteLine("|---|" + string.Concat(Enumerable.Repeat("---|", Policies.Count + 1)));
            foreach (var fraction in CacheFractions)
            {
                var budget = (long)(unique * fraction);
                var cells = Policies.Select(p => Format(p.Replay(trace, budget)))
                    .Append(Format(CacheSimulator.Replay(trace, SimulatedPolicy.Opt, budget)));
                output.WriteLine(string.Create(invariant, $"| {fraction:P0} ({budget / (1024.0 * 1024 * 1024):F2}) | {string.Join(" | ", cells)} |"));
            }
        }
    }

    private static string Format(MissRatio ratio) =>
        string.Create(CultureInfo.InvariantCulture, $"{ratio.ByRequest:P1} / {ratio.ByByte:P1}");
}
