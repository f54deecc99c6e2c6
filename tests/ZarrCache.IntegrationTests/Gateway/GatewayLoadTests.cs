using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using ZarrCache.IntegrationTests.Infrastructure;

namespace ZarrCache.IntegrationTests.Gateway;

/// <summary>
/// 64 concurrent clients on loopback against `zarr-cache serve`: every byte checked under load over hot and cold keys
/// with a memory tier smaller than the data; and warm 1 MiB GETs against nginx serving the same files, whose figures
/// (throughput ratio, p50/p99) are printed, never asserted (the lead runs it on a quiet machine with a larger count:
/// docs/benchmarks.md).
/// </summary>
public sealed partial class GatewayLoadTests(ITestOutputHelper output)
{
    private const int Clients = 64;

    [Fact]
    public async Task Sixty_four_clients_over_hot_and_cold_keys_get_every_byte_right_with_no_error_and_the_cache_in_its_budget()
    {
        var folder = Directory.CreateTempSubdirectory("zarrcache-serve-load-");
        try
        {
            var random = new Random(17);
            var files = Enumerable.Range(0, 120).Select(i =>
            {
                var bytes = new byte[i < 4 ? 64 << 10 : 128 << 10];
                random.NextBytes(bytes);
                var name = i < 4 ? $"hot/{i}" : $"cold/{i}";
                Directory.CreateDirectory(Path.Combine(folder.FullName, Path.GetDirectoryName(name)!));
                File.WriteAllBytes(Path.Combine(folder.FullName, name), bytes);
                return (Name: name, Bytes: bytes);
            }).ToList();
            await using var gateway = await GatewayProcess.StartAsync(["serve", folder.FullName, "--listen", "127.0.0.1:0", "--memory", "4MiB"]);
            var targets = files.Select(f => new LoadClients.Target(new Uri(gateway.Http, f.Name), f.Bytes)).ToList();
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients });

            // Seven in ten requests go to the four hot keys; the rest walk the cold ones (15 MiB through a 4 MiB tier).
            var result = await LoadClients.RunAsync(http, targets, Clients, 3000, i => i % 10 < 7 ? i % 4 : 4 + (i * 7919 % 116), rangeEvery: 5);

            Assert.True(result.Wrong == 0 && result.Errors == 0, $"{result.Wrong} wrong, {result.Errors} errors: {string.Join("; ", result.Problems)}");
            var metrics = await http.GetStringAsync(new Uri(gateway.Http, "metrics"));
            Assert.InRange(Metric(metrics, "zarrcache_size_bytes"), 1, 4L << 20);
            Assert.True(Metric(metrics, "zarrcache_evictions_total") > 0, "the cold keys never left the memory tier: the test did not exercise eviction");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Warm_one_MiB_gets_through_the_gateway_and_from_nginx_are_all_right_and_their_figures_are_printed()
    {
        var nginx = OriginServers.Http();
        var requests = int.TryParse(Environment.GetEnvironmentVariable("ZARRCACHE_SERVE_BENCH_REQUESTS"), CultureInfo.InvariantCulture, out var n) ? n : 256;
        var name = $"serve-bench-{Guid.NewGuid():N}";
        var folder = Path.Combine(nginx.Root, "scratch", name);
        Directory.CreateDirectory(folder);
        try
        {
            var random = new Random(42);
            var files = Enumerable.Range(0, 32).Select(i =>
            {
                var bytes = new byte[1 << 20];
                random.NextBytes(bytes);
                File.WriteAllBytes(Path.Combine(folder, i.ToString(CultureInfo.InvariantCulture)), bytes);
                return (Name: i.ToString(CultureInfo.InvariantCulture), Bytes: bytes);
            }).ToList();
            await using var gateway = await GatewayProcess.StartAsync(["serve", folder, "--listen", "127.0.0.1:0", "--memory", "256MiB"]);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients });
            var throughGateway = files.Select(f => new LoadClients.Target(new Uri(gateway.Http, f.Name), f.Bytes)).ToList();
            var fromNginx = files.Select(f => new LoadClients.Target(new Uri(nginx.BaseUri, $"scratch/{name}/{f.Name}"), f.Bytes)).ToList();

            // Warm both (the gateway's memory tier, nginx's page cache), then measure the same requests against each.
            await LoadClients.RunAsync(http, throughGateway, Clients, files.Count, i => i);
            await LoadClients.RunAsync(http, fromNginx, Clients, files.Count, i => i);
            var gatewayRun = await LoadClients.RunAsync(http, throughGateway, Clients, requests, i => i % files.Count);
            var nginxRun = await LoadClients.RunAsync(http, fromNginx, Clients, requests, i => i % files.Count);

            foreach (var (label, run) in new[] { ("gateway", gatewayRun), ("nginx", nginxRun) })
            {
                Assert.True(run.Wrong == 0 && run.Errors == 0, $"{label}: {run.Wrong} wrong, {run.Errors} errors: {string.Join("; ", run.Problems)}");
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{label,-8} {run.Requests} GETs of 1 MiB, {Clients} clients: {run.Requests / run.Seconds:F0} req/s, {run.Bytes / run.Seconds / (1 << 20):F0} MiB/s, p50 {run.Percentile(0.5):F2} ms, p99 {run.Percentile(0.99):F2} ms"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gateway/nginx throughput ratio {nginxRun.Seconds / gatewayRun.Seconds:F2}"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Metric(string metrics, string name) =>
        MetricLine().Matches(metrics).Where(m => m.Groups["name"].Value == name).Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-z_]+)\{[^}]*\} (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex MetricLine();
}
