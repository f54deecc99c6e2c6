using System.CommandLine;

namespace ZarrCache.Cli.Commands;

/// <summary>`zarr-cache clear --disk-cache DIR`: deletes every entry of a disk cache folder (other files stay).</summary>
internal static class ClearCommand
{
    public static Command Create()
    {
        var directory = new Option<string>("--disk-cache") { Description = "The disk cache folder.", Required = true };
        var command = new Command("clear", "Delete every entry of a disk cache folder (safe while other processes use it: they miss).") { directory };
        command.SetAction(CliErrors.Guard(async (result, cancellationToken) =>
        {
            var folder = CacheOptions.ExistingFolder(result.GetValue(directory)!);

            var deleted = DiskCache.ClearFolder(folder);
            await result.InvocationConfiguration.Output.WriteLineAsync($"deleted {deleted} entries from {Path.GetFullPath(folder)}".AsMemory(), cancellationToken).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
