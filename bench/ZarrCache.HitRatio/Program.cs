using ZarrCache.HitRatio;

// Hit-ratio simulator: dotnet run -c Release --project bench/ZarrCache.HitRatio -- [--quick] [--memory] [--seed N]
var quick = args.Contains("--quick");
var seedAt = Array.IndexOf(args, "--seed");
var seed = seedAt >= 0 && seedAt + 1 < args.Length ? int.Parse(args[seedAt + 1], System.Globalization.CultureInfo.InvariantCulture) : 42;
if (args.Contains("--memory"))
{
    MemoryOverhead.Run(Console.Out);
    return;
}

Simulation.Run(Console.Out, quick ? 40_000 : 300_000, seed);
