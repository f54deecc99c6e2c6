using ZarrCache.Benchmarks;

// usage: ZarrCache.InstructionCount count <cache> <hit|missset|mixed> <valueSize> <n>; see InstructionCountDriver.
return InstructionCountDriver.Run(Console.Out, args);
