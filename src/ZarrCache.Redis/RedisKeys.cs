using System.Text;
using StackExchange.Redis;

namespace ZarrCache.Redis;

/// <summary>
/// The names one tier uses in Redis, all under <see cref="RedisTierOptions.KeyPrefix"/>: <c>PREFIXv:KEY</c> values,
/// <c>PREFIXl:KEY</c> miss leases, <c>PREFIXinvalidate</c> the backplane channel, <c>PREFIXack:ID</c> each process's
/// acknowledgement channel.
/// </summary>
internal sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    public RedisKey Value(StoreKey key) => Prefix + "v:" + key.Value;

    public RedisKey Lease(StoreKey key) => Prefix + "l:" + key.Value;

    /// <summary>A SCAN pattern for the values under <paramref name="prefix"/> (and the entries derived from them).</summary>
    public string ValuePattern(StorePrefix prefix) => Glob(Prefix + "v:" + prefix.Value) + "*";

    public RedisChannel Invalidations => RedisChannel.Literal(Prefix + "invalidate");

    public RedisChannel Acks(string instance) => RedisChannel.Literal(Prefix + "ack:" + instance);

    private static string Glob(string literal)
    {
        var escaped = new StringBuilder(literal.Length);
        foreach (var c in literal)
        {
            if (c is '*' or '?' or '[' or ']' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
