using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using ZarrCache.Zarr;

namespace ZarrCache.Cli.Commands;

/// <summary>
/// `zarr-cache warm &lt;store&gt; [--array PATH] [--region SEL] [--prefix P] [--concurrency N] --disk-cache DIR`: reads
/// the chunks of an array (or of a region of it), or every key under a prefix, into a disk cache, so that a later
/// `read --disk-cache DIR` makes no origin request for them.
/// </summary>
/// <remarks>
/// Exit codes: 0 done (missing chunks are normal for sparse arrays and only counted), else as <see cref="CliErrors"/>
/// says (2 a bad option or unknown array, 1 a store failure naming the key), 130 cancelled (Ctrl+C; what was read
/// stays cached, and the message says how far it got).
/// </remarks>
internal static class WarmCommand
{
    public static Command Create()
    {
        var options = new WarmCliOptions();
        var command = new Command(
            "warm",
            "Read the chunks of an array (or a region of it), or every key under a prefix, into a disk cache, so that later runs with the same --disk-cache start warm.");
        options.AddTo(command);
        command.SetAction(CliErrors.Guard((result, cancellationToken) => RunAsync(result, options, cancellationToken), options.Store));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, WarmCliOptions options, CancellationToken cancellationToken)
    {
        var output = result.InvocationConfiguration.Output;
        var error = result.InvocationConfiguration.Error;
        var location = result.GetValue(options.Store)!;
        IReadableStore? origin = null;
        WarmProgressView? view = null;
        string? cacheDir = null;
        try
        {
            var request = options.Read(result);
            cacheDir = Path.GetFullPath(request.Cache.DiskCacheDir!);
            origin = StoreOpener.Open(location, options.StoreOptions.ToOpenOptions(result));
            using var trace = options.Cache.OpenTrace(result);
            var cached = CachedStore.Create(origin, trace.Into(request.Cache));
            var (keys, what, unit) = await PlanAsync(cached, UrlRedaction.Redact(location), request, cancellationToken).ConfigureAwait(false);
            var total = keys?.Count;
            var heading = total is { } n ? $"{n.ToString(CultureInfo.InvariantCulture)} {unit} of {what}" : what;
            await output.WriteLineAsync($"warming {heading} into {cacheDir}").ConfigureAwait(false);

            var console = WarmProgressView.IsInteractive(output) ? AnsiConsole.Console : null;
            view = new WarmProgressView(console, output, unit, total);
            var warm = new WarmOptions { MaxConcurrency = request.Concurrency };
            var done = await view.RunAsync(() => keys is null
                ? cached.WarmAsync(StoreCapabilities.RequireListable(cached).ListAsync(request.Prefix, cancellationToken), warm, view, cancellationToken)
                : cached.WarmAsync(keys, warm, view, cancellationToken)).ConfigureAwait(false);
            await output.WriteAsync(Summary(done, unit, cacheDir)).ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var sofar = view?.Last is { } last ? "about " + view.Describe(last) + " done" : "nothing done yet";
            await error.WriteLineAsync($"cancelled: warming {UrlRedaction.Redact(location)} stopped ({sofar}); what was read stays cached in {cacheDir}.").ConfigureAwait(false);
            return CliErrors.Cancelled;
        }
        finally
        {
            (origin as IDisposable)?.Dispose();
        }
    }

    /// <summary>What to warm: the chunk keys of an array region, or null keys for the prefix listing.</summary>
    private static async Task<(IReadOnlyList<StoreKey>? Keys, string What, string Unit)> PlanAsync(
        CachedStore cached, string location, WarmRequest request, CancellationToken cancellationToken)
    {
        if (request.ArrayPath is null)
        {
            if (!cached.IsListable)
            {
                throw new ArgumentException(
                    $"the store {location} cannot list its keys, so it cannot be warmed by prefix: give --array PATH to warm an array (or a --region of it).");
            }

            var what = request.Prefix.IsRoot ? $"every key of {location}" : $"the keys under '{request.Prefix}' of {location}";
            return (null, what, "keys");
        }

        var array = await ArrayLookup.OpenAsync(cached, request.ArrayPath, null, cancellationToken).ConfigureAwait(false);
        var keys = array.ChunkKeysFor(RegionOption.Parse(request.Region, array));

        var where = request.Region.Length == 0 ? string.Empty : $" (region {request.Region})";
        var name = request.ArrayPath.Length == 0 ? "the root array" : $"array '{request.ArrayPath}'";
        return (keys, $"{name}{where} of {location}", "chunks");
    }

    /// <summary>The closing summary, one figure a line.</summary>
    internal static string Summary(WarmResult done, string unit, string cacheDir)
    {
        var c = CultureInfo.InvariantCulture;
        var seconds = done.Elapsed.TotalSeconds;
        var rate = seconds > 0 ? (long)(done.BytesWarmed / seconds) : 0;
        var w = new StringWriter(c);
        w.WriteLine($"{unit,-15}{done.Keys}");
        w.WriteLine($"warmed         {done.Warmed}");
        w.WriteLine($"already cached {done.AlreadyCached}");
        w.WriteLine($"missing        {done.Missing}");
        if (done.Skipped > 0)
        {
            w.WriteLine($"skipped        {done.Skipped} (the key policy does not cache them)");
        }

        w.WriteLine($"bytes          {done.BytesWarmed} ({Sizes.Format(done.BytesWarmed)})");
        w.WriteLine($"time           {seconds.ToString("0.000", c)} s ({Sizes.Format(rate)}/s)");
        w.WriteLine($"disk cache     {cacheDir}");
        return w.ToString();
    }
}
