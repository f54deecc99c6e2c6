using System.Globalization;
using ZarrCache.HitRatio;

// Hit-ratio simulator: dotnet run -c Release --project bench/ZarrCache.HitRatio -- [--quick] [--memory] [--seed N]
//   [--write-trace FILE [--trace-kind timeseries|tiles|scan+hot|uniform] [--requests N]]
var quick = args.Contains("--quick");
var seed = Value("--seed") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : 42;
if (args.Contains("--memory"))
{
    MemoryOverhead.Run(Console.Out);
    return;
}

if (Value("--write-trace") is { } path)
{
    var requests = Value("--requests") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 1_000_000;
    TraceExport.Write(path, Value("--trace-kind") ?? "timeseries", requests, seed);
    return;
}

Simulation.Run(Console.Out, quick ? 40_000 : 300_000, seed);

string? Value(string option)
{
    var at = Array.IndexOf(args, option);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
