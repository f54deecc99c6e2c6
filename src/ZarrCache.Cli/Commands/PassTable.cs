using System.Globalization;
using Spectre.Console;

namespace ZarrCache.Cli.Commands;

/// <summary>Prints passes as a table: origin reads, bytes, hit ratio and time per pass.</summary>
internal static class PassTable
{
    public static void Write(IAnsiConsole console, IReadOnlyList<PassResult> passes)
    {
        var table = new Table().AddColumns("pass", "reads", "origin reads", "origin bytes", "bytes read", "hit ratio", "time");
        foreach (var pass in passes)
        {
            table.AddRow(
                pass.Name,
                pass.Reads.ToString("N0", CultureInfo.InvariantCulture),
                pass.OriginReads.ToString("N0", CultureInfo.InvariantCulture),
                Sizes.Format(pass.OriginBytes),
                Sizes.Format(pass.BytesRead),
                pass.HitRatio is { } ratio ? ratio.ToString("P1", CultureInfo.InvariantCulture) : "-",
                string.Create(CultureInfo.InvariantCulture, $"{pass.Elapsed.TotalMilliseconds:F1} ms"));
        }

        console.Write(table);
    }
}
