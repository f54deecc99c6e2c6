using System.CommandLine;
using Spectre.Console;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Cli.Commands;

/// <summary>
/// <c>zarr-cache demo</c>: writes a sample Zarr v3 array (float32, zstd, tens of MB) to a folder, then reads the same
/// regions through a <see cref="CachedStore"/> over a <see cref="FileSystemStore"/> twice, cold then warm, and prints
/// what each pass cost, and how many chunks the <see cref="DecodedChunkCache"/> (<c>--decoded-cache</c>) served on the
/// warm read. No servers needed: object-storage latency is simulated (<c>--latency</c>, default 20 ms per
/// origin request; 0 turns it off), and the table says so.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var size = new Option<string>("--size") { Description = "Uncompressed size of the sample array, such as 32MiB.", DefaultValueFactory = _ => "32MiB" };
        var directory = new Option<string?>("--dir") { Description = "Where to write the array (default: a new temporary folder, removed afterwards)." };
        var latency = new Option<int>("--latency") { Description = "Simulated object-storage latency per origin request, in milliseconds (0: plain local files).", DefaultValueFactory = _ => 20 };
        var cacheOptions = new CacheOptions();
        var decodedCache = new DecodedCacheCliOptions();
        var command = new Command("demo", "Write a sample Zarr v3 array, read regions of it through the cache cold then warm, and print what each pass cost (no servers needed).")
        {
            size, directory, latency,
        };
        cacheOptions.AddDiskOptionsTo(command);
        decodedCache.AddTo(command);
        command.SetAction(CliErrors.Guard(async (parse, cancellationToken) =>
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(parse.InvocationConfiguration.Output) });
            console.Profile.Width = Math.Max(console.Profile.Width, 120);
            var latencyMs = parse.GetValue(latency);
            if (latencyMs < 0)
            {
                throw new ArgumentException($"--latency must not be negative, was {latencyMs}.");
            }

            var arrayBytes = SampleSize(parse.GetValue(size)!);
            var config = cacheOptions.WithDiskOptions(parse, DemoConfig(arrayBytes));
            try
            {
                config.Validate();
            }
            catch (CacheConfigException e)
            {
                throw new ArgumentException(e.Message, e);
            }

            var decodedBytes = decodedCache.ToBytes(parse);
            var chunkCache = DecodedCacheCliOptions.Create(decodedBytes);
            var passes = await RunAsync(arrayBytes, parse.GetValue(directory), cancellationToken, config, TimeSpan.FromMilliseconds(latencyMs), chunkCache);
            var origin = latencyMs > 0 ? $"local files with {latencyMs} ms simulated object-storage latency per request" : "local files";
            console.MarkupLine($"[bold]zarr-cache demo[/]: the same regions of a Zarr v3 array (float32, zstd) read twice through a cache over {origin}");
            PassTable.Write(console, passes);
            await parse.InvocationConfiguration.Output.WriteLineAsync(DecodedLine(passes[^1], decodedBytes)).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    /// <summary>Writes the array, reads its regions cold then warm, and returns the two passes.</summary>
    /// <param name="arrayBytes">The uncompressed size of the sample array.</param>
    /// <param name="directory">Where to write it; null for a temporary folder, removed afterwards.</param>
    /// <param name="cancellationToken">Cancels the demo.</param>
    /// <param name="config">The cache settings; null for an LRU memory cache twice the array's size.</param>
    /// <param name="latency">Simulated object-storage latency per origin request; zero for none.</param>
    /// <param name="chunkCache">The decoded-chunk cache to open the array with; null for none.</param>
    public static async Task<IReadOnlyList<PassResult>> RunAsync(
        long arrayBytes, string? directory, CancellationToken cancellationToken, CacheConfig? config = null, TimeSpan latency = default, DecodedChunkCache? chunkCache = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(arrayBytes, 1L << 20);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(arrayBytes, 1L << 30);
        const int Columns = 2048;
        var rows = (int)Math.Max(256, arrayBytes / 4 / Columns / 256 * 256);
        var folder = directory ?? Path.Combine(Path.GetTempPath(), "zarr-cache-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var origin = new FileSystemStore(folder);
            await WriteSampleAsync(origin, rows, Columns, cancellationToken);
            var store = new CachedStore(new LatencyStore(origin, latency), config ?? DemoConfig(arrayBytes));
            var array = await ZarrArray.OpenAsync(store, "temperature", new ZarrArrayOptions { ChunkCache = chunkCache }, cancellationToken);
            var regions = Regions(rows, Columns);
            var cold = await PassResult.MeasureAsync("cold", store, () => ReadRegionsAsync(array, regions, cancellationToken), chunkCache);
            var warm = await PassResult.MeasureAsync("warm", store, () => ReadRegionsAsync(array, regions, cancellationToken), chunkCache);
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

    /// <summary>The sample array's size from <c>--size</c>: 1MiB to 1GiB.</summary>
    /// <exception cref="ArgumentException">Not a size, or out of range; the message names <c>--size</c>.</exception>
    private static long SampleSize(string text)
    {
        long bytes;
        try
        {
            bytes = Sizes.Parse(text);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"--size: {e.Message}", e);
        }

        return bytes is >= 1L << 20 and <= 1L << 30
            ? bytes
            : throw new ArgumentException($"--size: '{text}' is outside 1MiB to 1GiB.");
    }

    /// <summary>The line under the table: what the decoded-chunk cache served on the warm read, or that it was off.</summary>
    internal static string DecodedLine(PassResult warm, long decodedBytes) => warm.DecodedHits is { } hits
        ? string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"decoded-chunk cache ({Sizes.Format(decodedBytes)}): the warm read served {hits:N0} chunks decoded from memory ({warm.DecodedMisses ?? 0:N0} misses).")
        : "decoded-chunk cache: off (--decoded-cache 0): every read decodes its chunks.";

    /// <summary>The demo's cache: an LRU memory tier twice the array's size, so the warm pass is all hits.</summary>
    private static CacheConfig DemoConfig(long arrayBytes) =>
        new() { Name = "demo", EvictionPolicy = EvictionPolicy.Lru, MaxMemorySize = Math.Max(arrayBytes * 2, 1 << 20) };

    private static async Task WriteSampleAsync(FileSystemStore origin, int rows, int columns, CancellationToken cancellationToken)
    {
        await ZarrGroup.CreateAsync(origin, "", 3, null, cancellationToken);
        var array = await ZarrArray.CreateAsync(origin, "temperature", new ZarrArrayOptions
        {
            Shape = [rows, columns],
            ChunkShape = [256, 256],
            DataType = ZarrDataTypeKind.Float32,
            Compressor = ZarrCompressor.Zstd(1),
            FillValue = double.NaN,
            DimensionNames = ["y", "x"],
        }, cancellationToken);

        // A smooth field with a little noise: compresses like real measurements do (neither random nor constant).
        var random = new Random(42);
        const int Band = 256;
        var values = new float[Band * columns];
        for (var top = 0; top < rows; top += Band)
        {
            for (var r = 0; r < Band; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    var y = top + r;
                    values[(r * columns) + c] = (float)Math.Round((15 + (10 * Math.Sin(y / 97.0)) + (5 * Math.Cos(c / 61.0)) + (random.NextDouble() * 0.5)) * 100) / 100;
                }
            }

            await array.WriteAsync<float>(new ArraySelection([DimensionSelection.Slice(top, top + Band)]), values, cancellationToken);
        }
    }

    private static ArraySelection[] Regions(int rows, int columns)
    {
        // A full-width band, a tall column strip, a few windows across chunk borders, and one point.
        return
        [
            ArraySelection.Parse($"0:256,0:{columns}"),
            ArraySelection.Parse($"0:{rows},1000:1100"),
            ArraySelection.Parse("100:700,300:900"),
            ArraySelection.Parse($"{rows / 2}:{(rows / 2) + 300},{columns - 500}:"),
            ArraySelection.Parse($"{rows - 1},{columns - 1}"),
        ];
    }

    private static async Task<(long Reads, long Bytes)> ReadRegionsAsync(ZarrArray array, ArraySelection[] regions, CancellationToken cancellationToken)
    {
        long bytes = 0;
        foreach (var region in regions)
        {
            var data = await array.ReadAsync(region, cancellationToken);
            bytes += data.Bytes.Length;
        }

        return (regions.Length, bytes);
    }
}
