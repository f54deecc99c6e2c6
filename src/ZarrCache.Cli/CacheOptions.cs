using System.CommandLine;
using System.Globalization;

namespace ZarrCache.Cli;

/// <summary>The cache options every command takes: <c>--memory 256MiB</c> and <c>--no-cache</c>.</summary>
internal sealed class CacheOptions
{
    public Option<string> Memory { get; } = new("--memory")
    {
        Description = "Memory cache budget, such as 256MiB, 1GiB or 500MB.",
        DefaultValueFactory = _ => "256MiB",
    };

    public Option<bool> NoCache { get; } = new("--no-cache") { Description = "Read straight from the store, without a cache." };

    public void AddTo(Command command)
    {
        command.Options.Add(Memory);
        command.Options.Add(NoCache);
    }

    /// <summary>The store, wrapped in a <see cref="CachedStore"/> unless --no-cache.</summary>
    public IReadableStore Wrap(IReadableStore store, ParseResult result)
    {
        if (result.GetValue(NoCache))
        {
            return store;
        }

        return new CachedStore(store, new CacheConfig { MaxMemorySize = ParseSize(result.GetValue(Memory) ?? "256MiB") });
    }

    /// <summary>Parses 256MiB, 1GiB, 500MB, 64KiB, 1024 (bytes).</summary>
    public static long ParseSize(string text)
    {
        var t = text.Trim();
        var units = new (string Suffix, long Factor)[]
        {
            ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("TiB", 1L << 40),
            ("KB", 1000), ("MB", 1000_000), ("GB", 1000_000_000), ("TB", 1000_000_000_000), ("B", 1),
        };
        foreach (var (suffix, factor) in units)
        {
            if (t.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return Scale(t[..^suffix.Length], factor, text);
            }
        }

        return Scale(t, 1, text);
    }

    private static long Scale(string number, long factor, string text)
    {
        if (!double.TryParse(number.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || value * factor > long.MaxValue)
        {
            throw new ArgumentException($"'{text}' is not a size (such as 256MiB).", nameof(text));
        }

        return (long)(value * factor);
    }
}
