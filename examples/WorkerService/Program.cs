// A worker service that reads a Zarr array through the cached store AddZarrCache registers.
// docs/hosting.md walks through it; the tests build and run it (WorkerServiceTests).
using WorkerService;
using ZarrCache.Hosting;

var builder = Host.CreateApplicationBuilder(args);

// The "ZarrCache" section of appsettings.json (or --ZarrCache:Origin=… on the command line) configures the store.
builder.Services.AddZarrCache(builder.Configuration).AddHealthChecks();
builder.Services.AddHostedService<ArrayReader>();

await builder.Build().RunAsync();
