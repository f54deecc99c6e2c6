using BenchmarkDotNet.Running;
using ZarrCache.Benchmarks;

// Run all: dotnet run -c Release --project bench/ZarrCache.Benchmarks -- --filter '*'
// Memory tier against its peers: dotnet run -c Release --project bench/ZarrCache.Benchmarks -- --filter '*MemoryTier*'
// Round-robin hit throughput: dotnet run -c Release --project bench/ZarrCache.Benchmarks -- throughput [rounds]
// Decode vs DecodeInto of one chunk: dotnet run -c Release --project bench/ZarrCache.Benchmarks -- --filter '*DecodeIntoBenchmarks*' --job short
// Blosc blocks serial vs parallel: dotnet run -c Release --project bench/ZarrCache.Benchmarks -- --filter '*BloscParallel*' --job short
// The same, alternating call by call (robust to load): dotnet run -c Release --project bench/ZarrCache.Benchmarks -- blosc-parallel [seconds per case]
// Access-trace overhead on the hit path: dotnet run -c Release --project bench/ZarrCache.Benchmarks -- --filter '*TracingOverhead*'
// Unshuffle (byte and bit, per type size): dotnet run -c Release --project bench/ZarrCache.Benchmarks -- --filter '*Unshuffle*' --job short
// Redis tier hit vs a raw StackExchange.Redis GET (needs redis-server; ZARRCACHE_REDIS=HOST:PORT, default 127.0.0.1:6379):
//   dotnet run -c Release --project bench/ZarrCache.Benchmarks -- --filter '*RedisTierBenchmarks*' --job short
// Instruction counts under callgrind: scripts/bench/callgrind-memory-tier.sh (bench/ZarrCache.InstructionCount)
if (args.Length > 0 && args[0] == "blosc-parallel")
{
    BloscParallelHarness.Run(Console.Out, args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3);
    return 0;
}

if (args.Length > 0 && args[0] == "throughput")
{
    HitThroughputHarness.Run(Console.Out, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
