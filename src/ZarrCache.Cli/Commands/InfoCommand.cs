using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using ZarrCache.Zarr;
using ZarrCache.Zarr.Conventions;

namespace ZarrCache.Cli.Commands;

/// <summary>`zarr-cache info &lt;store&gt; [--array PATH] [--json | --dataset]`: the tree, shapes, types, codecs, chunk counts; or a group as xarray's dataset repr.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var store = new Argument<string>("store") { Description = "A local folder, or a file://, http(s):// or s3://bucket/prefix URL." };
        var arrayPath = new Option<string?>("--array") { Description = "Show one array (or the group) at this path instead of the whole tree." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var dataset = new Option<bool>("--dataset") { Description = "Show the group (the root, or --array PATH) as xarray's repr does: dimensions, coordinates, data variables with dims, decoded dtype and attributes." };
        var cache = new CacheOptions();
        var storeOptions = new StoreCliOptions();
        var command = new Command("info", "Show the Zarr hierarchy: groups, arrays, shapes, types, codecs and chunk counts.") { store, arrayPath, json, dataset };
        cache.AddTo(command);
        storeOptions.AddTo(command);
        command.SetAction(CliErrors.Guard(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            var origin = StoreOpener.Open(result.GetValue(store)!, storeOptions.ToOpenOptions(result));
            try
            {
                using var trace = cache.OpenTrace(result);
                var source = cache.Wrap(origin, result, trace);
                if (result.GetValue(dataset))
                {
                    var opened = result.GetValue(json) ? throw new ArgumentException("--dataset prints text; leave out --json.")
                        : await ZarrDataset.OpenAsync(source, result.GetValue(arrayPath) ?? string.Empty, null, cancellationToken).ConfigureAwait(false);
                    await output.WriteAsync(opened.ToString()).ConfigureAwait(false);
                    return 0;
                }

                var nodes = await CollectAsync(source, result.GetValue(arrayPath) ?? string.Empty, cancellationToken).ConfigureAwait(false);
                if (result.GetValue(json))
                {
                    WriteJson(output, nodes);
                }
                else
                {
                    WriteTable(output, nodes);
                }

                return 0;
            }
            finally
            {
                (origin as IDisposable)?.Dispose();
            }
        }, store));
        return command;
    }

    private static async Task<List<(string Path, ZarrArray? Array, ZarrGroup? Group, string? Error)>> CollectAsync(IReadableStore store, string path, CancellationToken cancellationToken)
    {
        var nodes = new List<(string, ZarrArray?, ZarrGroup?, string?)>();
        var node = await ZarrNode.FindAsync(store, path, cancellationToken).ConfigureAwait(false)
            ?? throw await ArrayLookup.NotFoundAsync(store, path, "array or group", null, cancellationToken).ConfigureAwait(false);
        if (node.IsArray)
        {
            nodes.Add((node.Path, await ZarrArray.OpenAsync(store, node.Path, cancellationToken).ConfigureAwait(false), null, null));
            return nodes;
        }

        var group = await ZarrGroup.OpenAsync(store, node.Path, cancellationToken).ConfigureAwait(false);
        if (!group.IsConsolidated && store is not IListableStore)
        {
            throw NotListable(group, null);
        }

        try
        {
            await WalkAsync(group, nodes, cancellationToken).ConfigureAwait(false);
        }
        catch (NotSupportedException e)
        {
            throw NotListable(group, e);
        }

        return nodes;
    }

    /// <summary>The one line for a hierarchy that can be browsed neither by listing nor from consolidated metadata.</summary>
    private static NotSupportedException NotListable(ZarrGroup group, Exception? cause) => new(
        $"listing is not possible over this origin (plain HTTP cannot list keys), and the group '{(group.Path.Length == 0 ? "/" : group.Path)}' has no consolidated metadata (.zmetadata): "
        + "show one array with --array PATH, or consolidate the hierarchy's metadata (zarr.consolidate_metadata) so that it can be browsed.",
        cause);

    private static async Task WalkAsync(ZarrGroup group, List<(string, ZarrArray?, ZarrGroup?, string?)> nodes, CancellationToken cancellationToken)
    {
        nodes.Add((group.Path, null, group, null));
        foreach (var member in await group.ListMembersAsync(cancellationToken).ConfigureAwait(false))
        {
            if (member.IsArray)
            {
                try
                {
                    nodes.Add((member.Path, await group.OpenArrayAsync(member.Name, cancellationToken).ConfigureAwait(false), null, null));
                }
                catch (ZarrFormatException e)
                {
                    nodes.Add((member.Path, null, null, e.Message));
                }
            }
            else
            {
                await WalkAsync(await group.OpenGroupAsync(member.Name, cancellationToken).ConfigureAwait(false), nodes, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void WriteTable(TextWriter output, List<(string Path, ZarrArray? Array, ZarrGroup? Group, string? Error)> nodes)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = Math.Max(console.Profile.Width, 200);
        var table = new Table().AddColumns("Path", "Kind", "Zarr", "Shape", "Chunks", "Type", "Codecs", "Stored");
        foreach (var (path, array, group, error) in nodes)
        {
            var name = (path.Length == 0 ? "/" : path);
            if (group is not null)
            {
                Row(table, name, "group", "v" + group.ZarrFormat, "", "", "", "", group.IsConsolidated ? "consolidated metadata" : "");
            }
            else if (array is not null)
            {
                var chunks = "[" + string.Join(", ", array.ChunkShape) + "]" + (array.InnerChunkShape is { } inner ? " inner [" + string.Join(", ", inner) + "]" : "");
                var codecs = string.Join(", ", array.Codecs) + (array.InnerCodecs is { } ic ? " (" + string.Join(", ", ic) + ")" : "");
                Row(table, name, "array", "v" + array.ZarrFormat, "[" + string.Join(", ", array.Shape) + "]", (chunks), array.DataType.ToString(),
                    (codecs), $"{array.ExactChunkCount.ToString(CultureInfo.InvariantCulture)} {(array.InnerChunkShape is null ? "chunks" : "shards")}");
            }
            else
            {
                Row(table, name, "array", "", "", "", "", "", ("refused: " + error));
            }
        }

        console.Write(table);
    }

    private static void Row(Table table, params string[] cells) => table.AddRow(cells.Select(Markup.Escape).ToArray());

    private static void WriteJson(TextWriter output, List<(string Path, ZarrArray? Array, ZarrGroup? Group, string? Error)> nodes)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("nodes");
            foreach (var (path, array, group, error) in nodes)
            {
                w.WriteStartObject();
                w.WriteString("path", path);
                w.WriteString("kind", group is not null ? "group" : "array");
                if (group is not null)
                {
                    w.WriteNumber("zarr_format", group.ZarrFormat);
                    w.WriteBoolean("consolidated", group.IsConsolidated);
                    WriteAttributes(w, group.Attributes);
                }
                else if (array is not null)
                {
                    w.WriteNumber("zarr_format", array.ZarrFormat);
                    WriteList(w, "shape", array.Shape.Select(s => s));
                    WriteList(w, "chunks", array.ChunkShape.Select(s => (long)s));
                    if (array.InnerChunkShape is { } inner)
                    {
                        WriteList(w, "inner_chunks", inner.Select(s => (long)s));
                    }

                    w.WriteString("dtype", array.DataType.ToString());
                    w.WriteStartArray("codecs");
                    foreach (var c in array.Codecs)
                    {
                        w.WriteStringValue(c);
                    }

                    w.WriteEndArray();
                    // Exact, also past 2^63 (a JSON number has no size limit): never a wrapped-around count.
                    w.WritePropertyName("chunk_count");
                    w.WriteRawValue(array.ExactChunkCount.ToString(CultureInfo.InvariantCulture));
                    WriteAttributes(w, array.Attributes);
                }
                else
                {
                    w.WriteString("error", error);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteList(Utf8JsonWriter w, string name, IEnumerable<long> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }

    private static void WriteAttributes(Utf8JsonWriter w, IReadOnlyDictionary<string, JsonElement> attributes)
    {
        w.WriteStartObject("attributes");
        foreach (var (k, v) in attributes)
        {
            w.WritePropertyName(k);
            v.WriteTo(w);
        }

        w.WriteEndObject();
    }
}
