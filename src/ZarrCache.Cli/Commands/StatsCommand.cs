using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace ZarrCache.Cli.Commands;

/// <summary>
/// `zarr-cache stats --disk-cache DIR [--json]`: what a disk cache folder holds (entries, bytes, oldest, by key kind);
/// `zarr-cache stats --redis HOST:PORT`: what the shared Redis tier holds and how the server is set up.
/// </summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var directory = new Option<string?>("--disk-cache") { Description = "The disk cache folder." };
        var redis = new Option<string?>("--redis") { Description = "Describe the shared Redis tier at HOST:PORT[,options] instead." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var command = new Command("stats", "Describe a disk cache folder (entries, bytes, oldest and newest access, entries by key kind) or the shared Redis tier.")
        {
            directory, json, redis,
        };
        command.SetAction(CliErrors.Guard(async (result, cancellationToken) =>
        {
            if (result.GetValue(redis) is { } server)
            {
                var description = await RedisTierDescription.DescribeAsync(CacheOptions.RedisTierOption(server), cancellationToken).ConfigureAwait(false);
                await result.InvocationConfiguration.Output.WriteAsync((result.GetValue(json) ? description.ToJson() : description.ToText()).AsMemory(), cancellationToken).ConfigureAwait(false);
                return 0;
            }

            var folder = CacheOptions.ExistingFolder(result.GetValue(directory) ?? throw new ArgumentException("stats needs --disk-cache DIR or --redis HOST:PORT."));

            var stats = DiskCache.Inspect(folder);
            var text = result.GetValue(json) ? Json(stats) : Text(stats);
            await result.InvocationConfiguration.Output.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    /// <summary>The name of a key kind in the output: snake case (<c>array_metadata</c>).</summary>
    internal static string KindName(KeyKind kind) => kind switch
    {
        KeyKind.Chunk => "chunk",
        KeyKind.ArrayMetadata => "array_metadata",
        KeyKind.Attributes => "attributes",
        KeyKind.GroupMetadata => "group_metadata",
        KeyKind.NodeMetadata => "node_metadata",
        KeyKind.ConsolidatedMetadata => "consolidated_metadata",
        _ => "other",
    };

    private static string Text(DiskCacheFolderStats stats)
    {
        var c = CultureInfo.InvariantCulture;
        var w = new StringWriter(c);
        w.WriteLine($"folder       {stats.Directory}");
        w.WriteLine($"entries      {stats.Entries}");
        w.WriteLine($"bytes        {stats.Bytes} ({Sizes.Format(stats.Bytes)})");
        w.WriteLine($"oldest       {Time(stats.OldestAccess)}");
        w.WriteLine($"newest       {Time(stats.NewestAccess)}");
        w.WriteLine($"expired      {stats.ExpiredEntries}");
        w.WriteLine($"compressed   {stats.CompressedEntries}");
        w.WriteLine($"unreadable   {stats.UnreadableEntries}");
        w.WriteLine($"temporary    {stats.TemporaryFiles}");
        foreach (var (kind, figures) in stats.ByKind.OrderBy(p => KindName(p.Key), StringComparer.Ordinal))
        {
            w.WriteLine($"  {KindName(kind),-22} {figures.Entries,8} entries {figures.Bytes,14} bytes");
        }

        return w.ToString();
    }

    private static string Time(DateTimeOffset? time) => time?.ToString("u", CultureInfo.InvariantCulture) ?? "-";

    private static string Json(DiskCacheFolderStats stats)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("folder", stats.Directory);
            w.WriteNumber("entries", stats.Entries);
            w.WriteNumber("bytes", stats.Bytes);
            WriteTime(w, "oldest_access", stats.OldestAccess);
            WriteTime(w, "newest_access", stats.NewestAccess);
            w.WriteNumber("expired_entries", stats.ExpiredEntries);
            w.WriteNumber("compressed_entries", stats.CompressedEntries);
            w.WriteNumber("unreadable_entries", stats.UnreadableEntries);
            w.WriteNumber("temporary_files", stats.TemporaryFiles);
            w.WriteStartObject("by_kind");
            foreach (var (kind, figures) in stats.ByKind.OrderBy(p => KindName(p.Key), StringComparer.Ordinal))
            {
                w.WriteStartObject(KindName(kind));
                w.WriteNumber("entries", figures.Entries);
                w.WriteNumber("bytes", figures.Bytes);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            w.WriteString(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
