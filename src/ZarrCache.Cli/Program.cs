using System.CommandLine;
using ZarrCache.Cli;

return await CliApp.Build().Parse(args).InvokeAsync();
