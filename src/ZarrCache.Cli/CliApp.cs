using System.CommandLine;
using ZarrCache.Cli.Commands;

namespace ZarrCache.Cli;

/// <summary>The `zarr-cache` command tree.</summary>
internal static class CliApp
{
    public static RootCommand Build()
    {
        var root = new RootCommand("zarr-cache: a read-through cache for Zarr stores (S3, HTTP, local files).");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(ReadCommand.Create());
        root.Subcommands.Add(StatsCommand.Create());
        root.Subcommands.Add(ClearCommand.Create());
        root.Subcommands.Add(WarmCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(MrcCommand.Create());
        return root;
    }
}
