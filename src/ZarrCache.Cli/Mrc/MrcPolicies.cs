namespace ZarrCache.Cli.Mrc;

/// <summary>The policy names of <c>zarr-cache mrc --policy</c>.</summary>
internal static class MrcPolicies
{
    private static readonly (string Name, SimulatedPolicy Policy)[] Names =
    [
        ("s3fifo", SimulatedPolicy.S3Fifo), ("s3-fifo", SimulatedPolicy.S3Fifo),
        ("lru", SimulatedPolicy.Lru), ("clock", SimulatedPolicy.Clock),
        ("tinylfu", SimulatedPolicy.WTinyLfu), ("w-tinylfu", SimulatedPolicy.WTinyLfu), ("opt", SimulatedPolicy.Opt),
    ];

    /// <summary>Parses a comma-separated list such as <c>s3fifo,lru,clock</c>.</summary>
    /// <exception cref="ArgumentException">An unknown or missing name; the message names --policy.</exception>
    public static IReadOnlyList<SimulatedPolicy> Parse(string text)
    {
        var policies = new List<SimulatedPolicy>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var match = Array.FindIndex(Names, n => n.Name.Equals(part, StringComparison.OrdinalIgnoreCase));
            if (match < 0)
            {
                throw new ArgumentException($"--policy: unknown policy '{part}' (one of s3fifo, lru, clock, tinylfu, opt).");
            }

            policies.Add(Names[match].Policy);
        }

        return policies.Any(p => p != SimulatedPolicy.Opt)
            ? policies
            : throw new ArgumentException("--policy: name at least one policy besides opt (s3fifo, lru, clock, tinylfu).");
    }

    /// <summary>The name printed and drawn for a policy.</summary>
    public static string Label(SimulatedPolicy policy) => policy switch
    {
        SimulatedPolicy.S3Fifo => "S3-FIFO",
        SimulatedPolicy.Lru => "LRU",
        SimulatedPolicy.Clock => "CLOCK",
        SimulatedPolicy.WTinyLfu => "W-TinyLFU",
        _ => "OPT (floor)",
    };

    /// <summary>The name used in JSON.</summary>
    public static string JsonName(SimulatedPolicy policy) => policy switch
    {
        SimulatedPolicy.S3Fifo => "s3fifo",
        SimulatedPolicy.Lru => "lru",
        SimulatedPolicy.Clock => "clock",
        SimulatedPolicy.WTinyLfu => "tinylfu",
        _ => "opt",
    };
}
