using System.CommandLine;

namespace ZarrCache.Cli.Commands;

/// <summary>The arguments and options of `zarr-cache warm`.</summary>
internal sealed class WarmCliOptions
{
    /// <summary>The largest --concurrency (as <see cref="WarmOptions.MaxConcurrency"/> allows).</summary>
    public const int MaxConcurrency = 1024;

    public Argument<string> Store { get; } = new("store") { Description = "A local folder, or a file://, http(s):// or s3://bucket/prefix URL." };

    public Option<string?> ArrayPath { get; } = new("--array") { Description = "Warm the chunks of this array (\"\" or / for the root array). Without --array and --region, warm by --prefix." };

    public Option<string?> Region { get; } = new("--region") { Description = "Warm only the chunks this selection touches, as in `read --region`: \"0:10,5,:\". Implies the root array without --array." };

    public Option<string?> Prefix { get; } = new("--prefix") { Description = "Warm every key under this prefix (such as temperature/); the default is the whole store. Needs a store that can list (folder, S3)." };

    public Option<int> Concurrency { get; } = new("--concurrency") { Description = "How many origin reads run at once (1-1024).", DefaultValueFactory = _ => 8 };

    public CacheOptions Cache { get; } = new();

    public StoreCliOptions StoreOptions { get; } = new();

    public void AddTo(Command command)
    {
        command.Arguments.Add(Store);
        command.AddOptions(ArrayPath, Region, Prefix, Concurrency);
        Cache.AddTo(command);
        StoreOptions.AddTo(command);
    }

    /// <summary>Checks the options.</summary>
    /// <param name="result">The parsed command line.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ArgumentException">A bad or missing option; the message names it.</exception>
    public WarmRequest Read(ParseResult result)
    {
        var arrayPath = result.GetValue(ArrayPath);
        var region = result.GetValue(Region);
        var prefix = result.GetValue(Prefix);
        if (prefix is not null && (arrayPath is not null || region is not null))
        {
            throw new ArgumentException("--prefix warms keys by listing; it cannot be combined with --array or --region.");
        }

        var concurrency = result.GetValue(Concurrency);
        if (concurrency is < 1 or > MaxConcurrency)
        {
            throw new ArgumentException($"--concurrency: {concurrency} is not from 1 to {MaxConcurrency}.");
        }

        var config = Cache.ToConfig(result)
            ?? throw new ArgumentException("--no-cache: warm fills a cache, so it needs one (--disk-cache DIR).");
        if (config.DiskCacheDir is null)
        {
            throw new ArgumentException(
                "warm needs --disk-cache DIR: the memory cache ends with this process, so only a disk cache can keep what warm reads for later runs (`read --disk-cache DIR`).");
        }

        return new WarmRequest(
            arrayPath is null && region is null ? null : (arrayPath ?? string.Empty).Trim('/'),
            region ?? string.Empty,
            ParsePrefix(prefix),
            concurrency,
            config);
    }

    private static StorePrefix ParsePrefix(string? text)
    {
        if (string.IsNullOrEmpty(text) || text == "/")
        {
            return StorePrefix.Root;
        }

        try
        {
            return new StorePrefix(text.EndsWith('/') ? text : text + "/");
        }
        catch (ArgumentException e)
        {
            var tail = e.Message.IndexOf(" (Parameter", StringComparison.Ordinal);
            throw new ArgumentException($"--prefix '{text}': {(tail < 0 ? e.Message : e.Message[..tail])}", e);
        }
    }
}
