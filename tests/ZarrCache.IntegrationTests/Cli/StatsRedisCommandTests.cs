using System.CommandLine;
using ZarrCache.Cli;
using ZarrCache.IntegrationTests.Infrastructure;

namespace ZarrCache.IntegrationTests.Cli;

/// <summary>`zarr-cache stats --redis` against the redis-server scripts/test.sh starts.</summary>
public sealed class StatsRedisCommandTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Stats_describes_the_servers_memory_bound_and_policy()
    {
        var (code, output, error) = await RunAsync("stats", "--redis", RedisServers.Shared(), "--json");

        Assert.True(code == 0, error);
        Assert.Contains("\"maxmemory_policy\": \"allkeys-lfu\"", output, StringComparison.Ordinal);
        Assert.Contains("\"maxmemory\": 268435456", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_of_a_server_that_does_not_answer_is_one_line_naming_the_option()
    {
        var (code, _, error) = await RunAsync("stats", "--redis", "127.0.0.1:1,connectTimeout=500");

        Assert.NotEqual(0, code);
        Assert.StartsWith("error: --redis: no Redis server answers at", error.Trim(), StringComparison.Ordinal);
    }
}
