using ZarrCache.Benchmarks;

// usage: ZarrCache.InstructionCount count <cache> <hit|missset|mixed> <valueSize> <n>; see InstructionCountDriver.
//        ZarrCache.InstructionCount warmread <array-folder> <whole|chunk|timeseries> <off|on> <n>; see WarmReadDriver.
return args.Length > 0 && args[0] == "warmread"
    ? await WarmReadDriver.RunAsync(Console.Out, args)
    : InstructionCountDriver.Run(Console.Out, args);
