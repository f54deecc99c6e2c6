using System.CommandLine;
using Spectre.Console;

namespace ZarrCache.Cli.Commands;

/// <summary>
/// <c>zarr-cache demo</c>: the main job on its embedded default. It writes a folder of chunk files, reads every chunk
/// through a <see cref="CachedStore"/> over a <see cref="FileSystemStore"/> twice, cold then warm, and prints what
/// each pass cost. No servers needed.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var chunks = new Option<int>("--chunks") { Description = "How many chunk files to write.", DefaultValueFactory = _ => 64 };
        var chunkSize = new Option<string>("--chunk-size") { Description = "The size of each chunk, such as 256KiB.", DefaultValueFactory = _ => "256KiB" };
        var directory = new Option<string?>("--dir") { Description = "Where to write the chunks (default: a new temporary folder, removed afterwards)." };
        var command = new Command("demo", "Read generated chunks through the cache, cold then warm, and print what each pass cost (no servers needed).")
        {
            chunks, chunkSize, directory,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var passes = await RunAsync(parse.GetValue(chunks), Sizes.Parse(parse.GetValue(chunkSize)!), parse.GetValue(directory), cancellationToken);
            AnsiConsole.MarkupLine("[bold]zarr-cache demo[/]: every chunk read twice through a memory cache over local files");
            PassTable.Write(AnsiConsole.Console, passes);
            return 0;
        });
        return command;
    }

    /// <summary>Writes the chunks, reads them cold then warm, and returns the two passes.</summary>
    public static async Task<IReadOnlyList<PassResult>> RunAsync(int chunkCount, long chunkSize, string? directory, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chunkSize, Array.MaxLength);
        var folder = directory ?? Path.Combine(Path.GetTempPath(), "zarr-cache-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var origin = new FileSystemStore(folder);
            var keys = await WriteChunksAsync(origin, chunkCount, (int)chunkSize, cancellationToken);
            var cache = new LruMemoryCache(Math.Max(chunkCount * chunkSize * 2, 1 << 20));
            var store = new CachedStore(origin, cache, new CacheConfig { Name = "demo" });
            var cold = await PassResult.MeasureAsync("cold", store, () => ReadAllAsync(store, keys, cancellationToken));
            var warm = await PassResult.MeasureAsync("warm", store, () => ReadAllAsync(store, keys, cancellationToken));
            return [cold, warm];
        }
        finally
        {
            if (directory is null && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task<IReadOnlyList<StoreKey>> WriteChunksAsync(FileSystemStore origin, int chunkCount, int chunkSize, CancellationToken cancellationToken)
    {
        var side = (int)Math.Ceiling(Math.Sqrt(chunkCount));
        var keys = new List<StoreKey>(chunkCount);
        var random = new Random(42);
        var bytes = new byte[chunkSize];
        await origin.SetAsync("temperature/zarr.json", "{\"zarr_format\":3,\"node_type\":\"array\"}"u8.ToArray(), cancellationToken);
        for (var i = 0; i < chunkCount; i++)
        {
            random.NextBytes(bytes);
            StoreKey key = $"temperature/c/{i / side}/{i % side}";
            await origin.SetAsync(key, bytes, cancellationToken);
            keys.Add(key);
        }

        return keys;
    }

    private static async Task<(long Reads, long Bytes)> ReadAllAsync(CachedStore store, IReadOnlyList<StoreKey> keys, CancellationToken cancellationToken)
    {
        long bytes = 0;
        foreach (var key in keys)
        {
            var value = await store.GetAsync(key, cancellationToken)
                ?? throw new InvalidOperationException($"The demo chunk '{key}' is missing.");
            bytes += value.Length;
        }

        return (keys.Count, bytes);
    }
}
