using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using ZarrCache.Redis;

namespace ZarrCache.Cli;

/// <summary>
/// The cache options every command that reads a store takes: <c>--memory 256MiB</c>, <c>--no-cache</c>,
/// <c>--disk-cache DIR</c>, <c>--disk-size 10GiB</c>, <c>--ttl 10m</c>, <c>--compress lz4|zstd</c> and
/// <c>--redis HOST:PORT[,options]</c> and <c>--trace FILE</c>.
/// </summary>
internal sealed class CacheOptions
{
    public Option<string> Memory { get; } = new("--memory")
    {
        Description = "Memory cache budget, such as 256MiB, 1GiB or 500MB.",
        DefaultValueFactory = _ => "256MiB",
    };

    public Option<bool> NoCache { get; } = new("--no-cache") { Description = "Read straight from the store, without a cache." };

    public Option<string?> DiskCache { get; } = new("--disk-cache")
    {
        Description = "Keep a persistent disk cache in this folder (memory over disk); a later run over the same folder starts warm.",
    };

    public Option<string?> DiskSize { get; } = new("--disk-size") { Description = "Disk cache budget, such as 10GiB (default 10GiB). Needs --disk-cache." };

    public Option<string?> Ttl { get; } = new("--ttl") { Description = "How long cached values may be served: 30s, 10m, 2h, 1d or 00:10:00 (default: no expiry)." };

    public Option<string?> Compress { get; } = new("--compress") { Description = "Compress disk cache entries with lz4 or zstd (only where it saves space). Needs --disk-cache." };

    public Option<string?> Trace { get; } = new("--trace")
    {
        Description = "Record every request to the cache (time, key, size, hit or miss, tier) in this file, for `zarr-cache mrc FILE` (docs/traces.md).",
    };

    public Option<string?> Redis { get; } = new("--redis")
    {
        Description = "Share a Redis tier below memory and disk with other processes: HOST:PORT[,option=value...] (StackExchange.Redis syntax).",
    };

    /// <summary>Adds the options; a command that adds them opens the trace with <see cref="OpenTrace"/>.</summary>
    public void AddTo(Command command)
    {
        command.AddOptions(Memory, NoCache);
        AddDiskOptionsTo(command);
        command.AddOptions(Trace);
    }

    /// <summary>Adds only --disk-cache, --disk-size, --ttl and --compress (for a command that sizes its memory tier itself).</summary>
    public void AddDiskOptionsTo(Command command)
    {
        command.AddOptions(DiskCache, DiskSize, Ttl, Compress, Redis);
    }

    /// <summary>The store, wrapped in a <see cref="CachedStore"/> unless --no-cache.</summary>
    /// <exception cref="ArgumentException">A cache option has a bad value; the message names the option.</exception>
    public IReadableStore Wrap(IReadableStore store, ParseResult result, CommandTrace trace)
    {
        var config = ToConfig(result);
        return config is null ? store : CachedStore.Create(store, trace.Into(config));
    }

    /// <summary>The trace --trace asks for, its file created; <see cref="CommandTrace.None"/> without it. Dispose it when the command ends.</summary>
    /// <exception cref="ArgumentException">--trace with --no-cache, or a file that cannot be created; the message names the option.</exception>
    public CommandTrace OpenTrace(ParseResult result)
    {
        if (result.GetValue(Trace) is not { } path)
        {
            return CommandTrace.None;
        }

        if (result.GetValue(NoCache) || string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException(string.IsNullOrWhiteSpace(path)
                ? "--trace: the file name must not be empty."
                : "--trace records the requests to the cache, so it cannot be combined with --no-cache.");
        }

        return CommandTrace.Create("--trace", path);
    }

    /// <summary>The cache settings the options describe; null for --no-cache.</summary>
    /// <param name="result">The parsed command line.</param>
    /// <exception cref="ArgumentException">A cache option has a bad value; the message names the option.</exception>
    public CacheConfig? ToConfig(ParseResult result)
    {
        if (result.GetValue(NoCache))
        {
            if (result.GetValue(DiskCache) is not null || result.GetValue(DiskSize) is not null || result.GetValue(Ttl) is not null || result.GetValue(Compress) is not null
                || result.GetValue(Redis) is not null)
            {
                throw new ArgumentException("--no-cache cannot be combined with --disk-cache, --disk-size, --ttl, --compress or --redis.");
            }

            return null;
        }

        return WithDiskOptions(result, new CacheConfig { MaxMemorySize = Named("--memory", () => Sizes.Parse(result.GetValue(Memory) ?? "256MiB")) });
    }

    /// <summary><paramref name="baseConfig"/> with what --disk-cache, --disk-size, --ttl and --compress say.</summary>
    /// <param name="result">The parsed command line.</param>
    /// <param name="baseConfig">The settings to start from (a command's memory budget, its cache name).</param>
    /// <exception cref="ArgumentException">An option has a bad value; the message names the option.</exception>
    public CacheConfig WithDiskOptions(ParseResult result, CacheConfig baseConfig)
    {
        var directory = result.GetValue(DiskCache);
        var diskSize = result.GetValue(DiskSize);
        var ttl = result.GetValue(Ttl);
        var compress = result.GetValue(Compress);

        if (directory is not null && string.IsNullOrWhiteSpace(directory))
        {
            throw new ArgumentException("--disk-cache: the folder must not be empty.");
        }

        if (directory is null && (diskSize is not null || compress is not null))
        {
            throw new ArgumentException((diskSize is not null ? "--disk-size" : "--compress") + " needs --disk-cache DIR.");
        }

        var config = baseConfig with
        {
            DiskCacheDir = directory,
            MaxDiskSize = diskSize is null ? null : Named("--disk-size", () => PositiveSize(diskSize)),
            Ttl = ttl is null ? null : Named("--ttl", () => Durations.Parse(ttl)),
        };
        if (compress is not null)
        {
            config = config with { EnableCompression = true, CompressionCodec = ParseCodec(compress) };
        }

        return result.GetValue(Redis) is { } redis ? config with { SharedTier = RedisTierOption(redis) with { KeyPrefix = RedisKeyPrefix(result) } } : config;
    }

    /// <summary>
    /// The Redis key prefix of the origin the command reads: <c>zarrcache:</c> and 16 hex digits of a SHA-256 of the
    /// store location (a local path made absolute) and <c>--endpoint</c>, so two origins that share key names (every
    /// <c>.zarray</c>) never share values on one server. A command without a store (demo) keeps <c>zarrcache:</c>.
    /// </summary>
    internal static string RedisKeyPrefix(ParseResult result)
    {
        var command = result.CommandResult.Command;
        if (command.Arguments.OfType<Argument<string>>().FirstOrDefault(a => a.Name == "store") is not { } storeArgument
            || result.GetValue(storeArgument) is not { } location)
        {
            return RedisTierOptions.DefaultKeyPrefix;
        }

        var scope = location.Contains("://", StringComparison.Ordinal) ? location.TrimEnd('/') : Path.GetFullPath(location).TrimEnd(Path.DirectorySeparatorChar);
        var endpoint = command.Options.OfType<Option<string?>>().FirstOrDefault(o => o.Name == StoreCliOptions.EndpointName) is { } endpointOption
            ? result.GetValue(endpointOption)?.Trim().TrimEnd('/') ?? string.Empty
            : string.Empty;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(endpoint + "\n" + scope));
        return RedisTierOptions.DefaultKeyPrefix + Convert.ToHexStringLower(hash.AsSpan(0, 8)) + ":";
    }

    /// <summary>The folder <c>--disk-cache</c> names, which must exist (for commands that describe or clear it).</summary>
    /// <exception cref="ArgumentException">It does not exist; the message names the option and the folder.</exception>
    public static string ExistingFolder(string folder) =>
        Directory.Exists(folder) ? folder : throw new ArgumentException($"--disk-cache: no such folder '{folder}'.");

    /// <summary>Parses 256MiB, 1GiB, 500MB, 64KiB, 1024 (bytes); see <see cref="Sizes.Parse"/>.</summary>
    public static long ParseSize(string text) => Sizes.Parse(text);

    private static long PositiveSize(string text)
    {
        var size = Sizes.Parse(text);
        return size > 0 ? size : throw new FormatException($"'{text}' must be more than 0 bytes.");
    }

    /// <summary>The Redis tier <c>--redis</c> names; the connection string is checked here, so a typo is one line naming the option.</summary>
    /// <exception cref="ArgumentException">It is not a Redis configuration string.</exception>
    public static RedisTierOptions RedisTierOption(string configuration)
    {
        var options = new RedisTierOptions { Configuration = configuration };
        try
        {
            options.Validate();
        }
        catch (CacheConfigException e)
        {
            throw new ArgumentException($"--redis: {e.Message}", e);
        }

        return options;
    }

    private static CompressionCodec ParseCodec(string text) => text.Trim().ToLowerInvariant() switch
    {
        "lz4" => CompressionCodec.Lz4,
        "zstd" => CompressionCodec.Zstd,
        _ => throw new ArgumentException($"--compress: '{text}' is not a codec (lz4 or zstd)."),
    };

    private static T Named<T>(string option, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"{option}: {e.Message}", e);
        }
    }
}
