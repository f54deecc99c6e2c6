using System.Globalization;

namespace ZarrCache.HitRatio;

/// <summary>Replays traces through every policy at several cache sizes and prints the miss ratios as Markdown tables.</summary>
public static class Simulation
{
    /// <summary>The policies compared, built for a (scaled) byte budget: the real cache classes (CLOCK is
    /// <see cref="LruMemoryCache"/>, S3-FIFO is <see cref="S3FifoMemoryCache"/>) and two simulator-only references.</summary>
    public static IReadOnlyList<(string Name, Func<long, ICache> Create)> Policies { get; } =
    [
        ("LRU (exact)", budget => new ExactLruCache(budget)),
        ("CLOCK (Lru)", budget => new LruMemoryCache(budget)),
        ("W-TinyLFU", budget => new WTinyLfuCache(budget)),
        ("S3-FIFO", budget => new S3FifoMemoryCache(budget)),
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
                var cells = Policies.Select(p => Format(PolicyReplayer.Replay(trace, budget, p.Create)))
                    .Append(Format(BeladyReplayer.Replay(trace, budget)));
                output.WriteLine(string.Create(invariant, $"| {fraction:P0} ({budget / (1024.0 * 1024 * 1024):F2}) | {string.Join(" | ", cells)} |"));
            }
        }
    }

    private static string Format(MissRatio ratio) =>
        string.Create(CultureInfo.InvariantCulture, $"{ratio.ByRequest:P1} / {ratio.ByByte:P1}");
}
