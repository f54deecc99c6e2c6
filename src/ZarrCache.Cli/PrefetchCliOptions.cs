using System.CommandLine;

namespace ZarrCache.Cli;

/// <summary>
/// The prefetch options of a command that reads arrays through the cache: <c>--prefetch N</c>
/// (<see cref="PrefetchConfig.NeighborChunks"/>; 0 or absent: off), <c>--prefetch-strategy walk|neighbors</c> and
/// <c>--prefetch-concurrency N</c>.
/// </summary>
internal sealed class PrefetchCliOptions
{
    /// <summary>The chunk count <c>--compare-prefetch</c> uses when <c>--prefetch</c> is absent (<see cref="PrefetchConfig"/>'s default).</summary>
    public static readonly int DefaultNeighborChunks = new PrefetchConfig().NeighborChunks;

    /// <summary><c>--prefetch N</c>.</summary>
    public Option<int?> Prefetch { get; } = new("--prefetch")
    {
        Description = "Prefetch this many chunks ahead of a Zarr reader (PrefetchConfig.NeighborChunks); 0 or absent: no prefetching.",
    };

    /// <summary><c>--prefetch-strategy walk|neighbors</c>.</summary>
    public Option<string?> Strategy { get; } = new("--prefetch-strategy")
    {
        Description = "walk: the next chunks along the dimension the reader walks (default); neighbors: the chunks around each chunk read.",
    };

    /// <summary><c>--prefetch-concurrency N</c>.</summary>
    public Option<int?> Concurrency { get; } = new("--prefetch-concurrency")
    {
        Description = "How many prefetch reads may run at once (PrefetchConfig.MaxConcurrency, default 4).",
    };

    /// <summary>Adds the three options to a command.</summary>
    public void AddTo(Command command)
    {
        command.AddOptions(Prefetch, Strategy, Concurrency);
    }

    /// <summary>Whether any of the three options was given.</summary>
    public bool AnyGiven(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.GetValue(Prefetch) is not null || result.GetValue(Strategy) is not null || result.GetValue(Concurrency) is not null;
    }

    /// <summary>The prefetch settings the options describe, validated.</summary>
    /// <param name="result">The parsed command line.</param>
    /// <param name="required">
    /// True to return settings even without <c>--prefetch</c> (then <see cref="DefaultNeighborChunks"/>), as
    /// <c>--compare-prefetch</c> needs; false to return null unless <c>--prefetch</c> is above 0.
    /// </param>
    /// <returns>The settings, or null for no prefetching.</returns>
    /// <exception cref="ArgumentException">A bad value, or a strategy or concurrency without prefetching; the message names the option.</exception>
    public PrefetchConfig? ToConfig(ParseResult result, bool required = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        var chunks = result.GetValue(Prefetch);
        var strategy = result.GetValue(Strategy);
        var concurrency = result.GetValue(Concurrency);
        if (chunks < 0)
        {
            throw new ArgumentException($"--prefetch must be 0 (off) or more chunks, was {chunks}.");
        }

        if ((chunks is null or 0) && !required)
        {
            if (strategy is not null || concurrency is not null)
            {
                throw new ArgumentException((strategy is not null ? "--prefetch-strategy" : "--prefetch-concurrency") + " needs --prefetch N (N above 0).");
            }

            return null;
        }

        if (chunks == 0)
        {
            throw new ArgumentException("--prefetch 0 turns prefetching off, which --compare-prefetch needs on: give N above 0, or leave --prefetch out for " + DefaultNeighborChunks + ".");
        }

        var config = new PrefetchConfig { NeighborChunks = chunks ?? DefaultNeighborChunks };
        if (strategy is not null)
        {
            config = config with { Strategy = ParseStrategy(strategy) };
        }

        if (concurrency is { } n)
        {
            config = config with { MaxConcurrency = n };
        }

        try
        {
            config.Validate();
        }
        catch (CacheConfigException e)
        {
            var option = e.FieldName?.EndsWith(nameof(PrefetchConfig.MaxConcurrency), StringComparison.Ordinal) == true ? "--prefetch-concurrency" : "--prefetch";
            throw new ArgumentException($"{option}: {e.Message}", e);
        }

        return config;
    }

    /// <summary>The --prefetch-strategy name of a strategy.</summary>
    public static string Name(PrefetchStrategy strategy) => strategy.ToString().ToLowerInvariant();

    private static PrefetchStrategy ParseStrategy(string text) => text.Trim().ToLowerInvariant() switch
    {
        "walk" => PrefetchStrategy.Walk,
        "neighbors" or "neighbours" => PrefetchStrategy.Neighbors,
        _ => throw new ArgumentException($"--prefetch-strategy: '{text}' is not a strategy (walk or neighbors)."),
    };
}
