using ZarrCache.Cli;

return await CliApp.RunAsync(args);
