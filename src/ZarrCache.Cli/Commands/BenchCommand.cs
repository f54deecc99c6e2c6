using System.CommandLine;
using Spectre.Console;
using ZarrCache.Cli.Bench;

namespace ZarrCache.Cli.Commands;

/// <summary>
/// <c>zarr-cache bench &lt;store&gt; [--array PATH] --pattern scan|timeseries|tiles|random [--passes N] [--concurrency N]
/// [--seed N] [--reads N] [--compare-prefetch] [--repeat N] [--json] [--output FILE] [--decoded-cache SIZE]</c> with the cache and
/// prefetch options: runs a reproducible access pattern straight on the origin (the baseline) and through the cache (and a
/// decoded-chunk cache per cached run), and prints per pass what each cost.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var store = new Argument<string>("store") { Description = "A local folder, or a file://, http(s):// or s3://bucket/prefix URL." };
        var arrayPath = new Option<string>("--array") { Description = "The array's path in the store (default: the root).", DefaultValueFactory = _ => string.Empty };
        var pattern = new Option<string>("--pattern")
        {
            Description = "scan (every chunk in C order), timeseries (one element per chunk along the first dimension), tiles (80 % of reads in a hot 20 % of the chunks) or random (chunk-sized regions anywhere).",
            Required = true,
        };
        var passes = new Option<int>("--passes") { Description = "Passes per run; the first cached pass is cold, later ones warm.", DefaultValueFactory = _ => 2 };
        var concurrency = new Option<int>("--concurrency") { Description = "Parallel readers, each reading its own share (its own time-series column, its own band of a scan).", DefaultValueFactory = _ => 1 };
        var seed = new Option<int>("--seed") { Description = "Seed of the pattern: the same seed reads the same selections.", DefaultValueFactory = _ => 42 };
        var reads = new Option<int?>("--reads") { Description = $"Reads per pass of tiles and random (default: the array's chunk count, at most {BenchRunner.DefaultMaxReads:N0})." };
        var comparePrefetch = new Option<bool>("--compare-prefetch")
        {
            Description = $"Run the cache twice, prefetching off then on (--prefetch N, default {PrefetchCliOptions.DefaultNeighborChunks}), and print the on/off time ratio.",
        };
        var repeat = new Option<int>("--repeat")
        {
            Description = "Run each cached configuration this many times, each with a fresh cache; --compare-prefetch then alternates off and on and compares medians.",
            DefaultValueFactory = _ => 1,
        };
        var json = new Option<bool>("--json") { Description = "Print every figure as one JSON document instead of a table." };
        var latency = new Option<int>("--latency")
        {
            Description = "Extra latency per origin request, in milliseconds, added on top of the store's own (as cloud object storage has; default 0).",
            DefaultValueFactory = _ => 0,
        };
        var outputFile = new Option<string?>("--output") { Description = "Also write the JSON document to this file (whether or not --json prints it)." };
        var plot = new Option<string?>("--plot") { Description = "Draw each run's per-pass time and origin requests to this file: .png or .svg." };
        var cache = new CacheOptions();
        var prefetch = new PrefetchCliOptions();
        var decodedCache = new DecodedCacheCliOptions();
        var storeOptions = new StoreCliOptions();
        var command = new Command("bench", "Run a reproducible access pattern over an array with and without the cache, and print per pass the time, origin requests and bytes, hit ratio and prefetching.")
        {
            store, arrayPath, pattern, passes, concurrency, seed, reads, comparePrefetch, repeat, json, outputFile, latency, plot,
        };
        cache.AddTo(command);
        decodedCache.AddTo(command);
        prefetch.AddTo(command);
        storeOptions.AddTo(command);
        command.SetAction(CliErrors.Guard(async (result, cancellationToken) =>
        {
            IReadableStore? origin = null;
            try
            {
                var settings = new BenchSettings
                {
                    Store = result.GetValue(store)!,
                    ArrayPath = result.GetValue(arrayPath) ?? string.Empty,
                    Pattern = AccessPattern.Parse(result.GetValue(pattern)),
                    Passes = AtLeastOne("--passes", result.GetValue(passes), 1000),
                    Concurrency = AtLeastOne("--concurrency", result.GetValue(concurrency), 256),
                    Seed = result.GetValue(seed),
                    Repeat = AtLeastOne("--repeat", result.GetValue(repeat), 100),
                    Reads = result.GetValue(reads) is { } n ? AtLeastOne("--reads", n, AccessPattern.MaxReadsPerPass) : null,
                    DecodedCacheBytes = decodedCache.ToBytes(result),
                };
                settings = WithCache(settings, result, cache, prefetch, result.GetValue(comparePrefetch));
                var latencyMs = result.GetValue(latency);
                if (latencyMs is < 0 or > 60_000)
                {
                    throw new ArgumentException($"--latency must be 0..60000 ms, was {latencyMs}.");
                }

                if (result.GetValue(plot) is { } early)
                {
                    Plots.PlotFile.Check("--plot", early);
                }

                origin = StoreOpener.Open(settings.Store, storeOptions.ToOpenOptions(result));
                using var trace = cache.OpenTrace(result);
                settings = settings with { Cache = settings.Cache is { } traced ? trace.Into(traced) : null };
                var measured = latencyMs == 0 ? origin : new LatencyStore(origin, TimeSpan.FromMilliseconds(latencyMs));
                BenchReport report;
                try
                {
                    report = await BenchRunner.RunAsync(measured, settings, cancellationToken).ConfigureAwait(false);
                }
                catch (Zarr.ZarrNodeNotFoundException e)
                {
                    throw await ArrayLookup.NotFoundAsync(origin, settings.ArrayPath, "array", e, cancellationToken).ConfigureAwait(false);
                }

                if (result.GetValue(outputFile) is { } file)
                {
                    await File.WriteAllTextAsync(file, BenchJson.Write(report) + "\n", cancellationToken).ConfigureAwait(false);
                }

                if (result.GetValue(plot) is { } picture)
                {
                    Plots.PlotFile.Save("--plot", Plots.BenchPlot.Create(report), picture);
                }

                if (result.GetValue(json))
                {
                    await result.InvocationConfiguration.Output.WriteLineAsync(BenchJson.Write(report)).ConfigureAwait(false);
                }
                else
                {
                    var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(result.InvocationConfiguration.Output) });
                    console.Profile.Width = Math.Max(console.Profile.Width, 200);
                    BenchTable.Write(console, report);
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

    private static BenchSettings WithCache(BenchSettings settings, ParseResult result, CacheOptions cache, PrefetchCliOptions prefetch, bool compare)
    {
        var config = cache.ToConfig(result);
        if (config is null)
        {
            if (compare || prefetch.AnyGiven(result))
            {
                throw new ArgumentException((compare ? "--compare-prefetch" : "--prefetch") + " needs the cache: it cannot be combined with --no-cache.");
            }

            return settings;
        }

        var prefetchConfig = prefetch.ToConfig(result, required: compare);
        config = compare ? config : config with { PrefetchConfig = prefetchConfig };
        try
        {
            config.Validate();
        }
        catch (CacheConfigException e)
        {
            throw new ArgumentException(e.Message, e);
        }

        return settings with { Cache = config, ComparePrefetch = compare ? prefetchConfig : null };
    }

    private static int AtLeastOne(string option, int value, int max) => value >= 1 && value <= max
        ? value
        : throw new ArgumentException($"{option} must be 1..{max:N0}, was {value}.");
}
