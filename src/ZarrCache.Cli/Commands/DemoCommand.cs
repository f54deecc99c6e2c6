using System.CommandLine;

namespace ZarrCache.Cli.Commands;

/// <summary>`zarr-cache demo`: reads a local store through the cache twice, cold then warm, and prints what it saved.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Read generated chunks through the cache, cold then warm, and print a table (no servers needed).");
        command.SetAction(async (_, cancellationToken) =>
        {
            await Task.CompletedTask;
            Console.WriteLine("demo: not built yet");
            return 0;
        });
        return command;
    }
}
