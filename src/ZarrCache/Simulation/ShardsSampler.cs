using System.IO.Hashing;
using System.Text;

namespace ZarrCache;

/// <summary>
/// Spatial sampling of a trace, the fixed-rate SHARDS of Waldspurger et al. (FAST 2015): a key is kept when its hash,
/// taken modulo 2^24, is below <c>R × 2^24</c>, so every request of a kept key is kept and about a fraction <c>R</c>
/// of the keys survive. Replaying the sample through a cache of <c>R × C</c> bytes estimates the miss ratio at
/// <c>C</c> bytes (the "miniature simulation" of Waldspurger et al., USENIX ATC 2017), for any policy. Misses are
/// divided by the requests the sample was expected to keep (<c>R × n</c>), not by those it kept: the SHARDS-adj
/// correction, which takes out most of the error of a heavily requested key falling in or out of the sample.
/// </summary>
internal static class ShardsSampler
{
    /// <summary>The hash space the rate is a fraction of.</summary>
    public const int Modulus = 1 << 24;

    /// <summary>The rate a sample at <paramref name="rate"/> really keeps: a whole number of 2^-24 steps, at least one.</summary>
    public static double Effective(double rate) => Math.Max(1, Math.Round(rate * Modulus)) / Modulus;

    /// <summary>The sample of <paramref name="trace"/> at <paramref name="rate"/>, its keys renumbered.</summary>
    public static AccessTrace Sample(AccessTrace trace, double rate)
    {
        var threshold = (ulong)(Effective(rate) * Modulus);
        var keys = trace.Keys;
        var sizes = trace.SizeArray;
        var newId = new int[keys.Count];
        var keptKeys = new List<string>();
        var keptSizes = new List<int>();
        for (var id = 0; id < keys.Count; id++)
        {
            if (Hash(keys[id]) % Modulus < threshold)
            {
                newId[id] = keptKeys.Count;
                keptKeys.Add(keys[id]);
                keptSizes.Add(sizes[id]);
            }
            else
            {
                newId[id] = -1;
            }
        }

        var requests = new List<int>();
        foreach (var id in trace.RequestSpan)
        {
            if (newId[id] >= 0)
            {
                requests.Add(newId[id]);
            }
        }

        return new AccessTrace(trace.Name, trace.Description, [.. requests], [.. keptKeys], [.. keptSizes]);
    }

    /// <summary>A 64-bit hash of the key's UTF-8 bytes (XxHash64, seed 0): the same on every machine and run.</summary>
    public static ulong Hash(string key) => XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(key));
}
