using System.CommandLine;

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

    /// <summary>Parses 256MiB, 1GiB, 500MB, 64KiB, 1024 (bytes); see <see cref="Sizes.Parse"/>.</summary>
    public static long ParseSize(string text) => Sizes.Parse(text);
}
