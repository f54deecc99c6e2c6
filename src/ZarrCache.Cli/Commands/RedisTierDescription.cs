using System.Buffers;
using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;
using ZarrCache.Redis;

namespace ZarrCache.Cli.Commands;

/// <summary>What `zarr-cache stats --redis` prints: the server, its memory bound and policy, and the tier's keys.</summary>
internal sealed record RedisTierDescription(
    string Server, string Version, long UsedMemory, long MaxMemory, string Policy, long Values, long Leases, long ServerKeys)
{
    /// <summary>Connects, reads INFO and counts the tier's keys (SCAN over its prefix).</summary>
    /// <exception cref="ArgumentException">Redis does not answer; the message names the option and the server.</exception>
    public static async Task<RedisTierDescription> DescribeAsync(RedisTierOptions options, CancellationToken cancellationToken)
    {
        var settings = ConfigurationOptions.Parse(options.Configuration);
        settings.AbortOnConnectFail = true;
        settings.AllowAdmin = true; // INFO is an admin command to StackExchange.Redis.
        settings.ConnectTimeout = Math.Min(settings.ConnectTimeout, 5000);
        ConnectionMultiplexer connection;
        try
        {
            connection = await ConnectionMultiplexer.ConnectAsync(settings).ConfigureAwait(false);
        }
        catch (RedisConnectionException e)
        {
            throw new ArgumentException($"--redis: no Redis server answers at '{options.Configuration}' ({e.FailureType}).", e);
        }

        await using (connection.ConfigureAwait(false))
        {
            var server = connection.GetServers()[0];
            var info = (await server.InfoAsync().ConfigureAwait(false)).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            long values = 0, leases = 0;
            await foreach (var key in server.KeysAsync(pattern: options.KeyPrefix + "*", pageSize: 1000).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                // The CLI keeps each origin under PREFIX<16 hex>: (CacheOptions.RedisKeyPrefix): count every origin's.
                var kind = OriginScoped((string)key!, options.KeyPrefix);
                values += kind.StartsWith("v:", StringComparison.Ordinal) ? 1 : 0;
                leases += kind.StartsWith("l:", StringComparison.Ordinal) ? 1 : 0;
            }

            return new RedisTierDescription(
                server.EndPoint.ToString() ?? options.Configuration,
                info.GetValueOrDefault("redis_version", "?"),
                Number(info, "used_memory"),
                Number(info, "maxmemory"),
                info.GetValueOrDefault("maxmemory_policy", "?"),
                values,
                leases,
                await server.DatabaseSizeAsync().ConfigureAwait(false));
        }
    }

    /// <summary>A warning when the server is not bounded with an evicting policy (docs/redis.md), else null.</summary>
    public string? Warning => MaxMemory == 0 || Policy == "noeviction"
        ? $"warning: maxmemory {MaxMemory} with policy {Policy}: Redis will grow or refuse writes; set maxmemory and allkeys-lfu (docs/redis.md)."
        : null;

    public string ToText()
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine($"server       {Server} (redis {Version})");
        w.WriteLine($"memory       {UsedMemory} bytes used ({Sizes.Format(UsedMemory)}) of maxmemory {MaxMemory} ({(MaxMemory == 0 ? "unbounded" : Sizes.Format(MaxMemory))})");
        w.WriteLine($"policy       {Policy}");
        w.WriteLine($"values       {Values}");
        w.WriteLine($"leases       {Leases}");
        w.WriteLine($"server keys  {ServerKeys}");
        if (Warning is { } warning)
        {
            w.WriteLine(warning);
        }

        return w.ToString();
    }

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("server", Server);
            w.WriteString("version", Version);
            w.WriteNumber("used_memory", UsedMemory);
            w.WriteNumber("maxmemory", MaxMemory);
            w.WriteString("maxmemory_policy", Policy);
            w.WriteNumber("values", Values);
            w.WriteNumber("leases", Leases);
            w.WriteNumber("server_keys", ServerKeys);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static long Number(Dictionary<string, string> info, string name) =>
        long.TryParse(info.GetValueOrDefault(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdef");

    /// <summary>What follows the prefix and, when there is one, the origin's 16-hex-digit scope: <c>v:KEY</c>, <c>l:KEY</c>, ….</summary>
    private static string OriginScoped(string name, string prefix)
    {
        var rest = name[prefix.Length..];
        return rest.Length > 17 && rest[16] == ':' && !rest.AsSpan(0, 16).ContainsAnyExcept(HexDigits) ? rest[17..] : rest;
    }
}
