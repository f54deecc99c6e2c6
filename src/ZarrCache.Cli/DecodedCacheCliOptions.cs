using System.CommandLine;
using ZarrCache.Zarr;

namespace ZarrCache.Cli;

/// <summary>
/// <c>--decoded-cache SIZE</c> of <c>read</c>, <c>bench</c> and <c>demo</c>: the byte budget of a
/// <see cref="DecodedChunkCache"/> (decoded chunks kept in memory, so a chunk read again is copied out instead of
/// fetched and decoded again). Default <see cref="DefaultSize"/>; <c>0</c> turns it off.
/// </summary>
internal sealed class DecodedCacheCliOptions
{
    /// <summary>The budget when the option is absent.</summary>
    public const string DefaultSize = "256MiB";

    /// <summary>The option's name.</summary>
    public const string Name = "--decoded-cache";

    /// <summary><c>--decoded-cache SIZE</c>.</summary>
    public Option<string> Size { get; } = new(Name)
    {
        Description = "Memory budget for decoded chunks, such as 256MiB (default) or 1GiB; 0 turns the decoded-chunk cache off. Pays for chunks read again in this process.",
        DefaultValueFactory = _ => DefaultSize,
    };

    /// <summary>Adds the option to a command.</summary>
    public void AddTo(Command command)
    {
        command.AddOptions(Size);
    }

    /// <summary>The budget the option gives, in bytes; 0 for off.</summary>
    /// <param name="result">The parsed command line.</param>
    /// <exception cref="ArgumentException">Not a size, or negative; the message names <c>--decoded-cache</c>.</exception>
    public long ToBytes(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.GetValue(Size) ?? DefaultSize;
        if (text.TrimStart().StartsWith('-'))
        {
            throw new ArgumentException($"{Name}: '{text}' is negative; give 0 (off) or a size such as 256MiB.");
        }

        try
        {
            return Sizes.Parse(text);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"{Name}: {e.Message}", e);
        }
    }

    /// <summary>A new cache with the option's budget; null when it is 0 (off).</summary>
    /// <param name="result">The parsed command line.</param>
    /// <exception cref="ArgumentException">Not a size, or negative; the message names <c>--decoded-cache</c>.</exception>
    public DecodedChunkCache? Create(ParseResult result) => Create(ToBytes(result));

    /// <summary>A new cache of <paramref name="bytes"/>; null when it is 0 or less (off).</summary>
    public static DecodedChunkCache? Create(long bytes) => bytes > 0 ? new DecodedChunkCache(bytes) : null;

    /// <summary>How a budget reads in a table or a message: its size, or "off".</summary>
    public static string Describe(long bytes) => bytes > 0 ? Sizes.Format(bytes) : "off";
}
