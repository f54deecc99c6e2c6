using System.CommandLine;

namespace ZarrCache.Cli;

/// <summary>Adds a group of options (one of the <c>*CliOptions</c> sets) to a command that already exists.</summary>
internal static class CommandSymbols
{
    /// <summary>Adds <paramref name="options"/> to <paramref name="command"/>, in order.</summary>
    public static void AddOptions(this Command command, params ReadOnlySpan<Option> options)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
    }
}
