namespace ZarrCache.HitRatio;

/// <summary>
/// A generated access trace: the requested key ids in order, and each key's name and value size (real chunk bytes).
/// </summary>
public sealed class Trace(string name, string description, int[] requests, StoreKey[] keys, int[] sizes)
{
    /// <summary>A short name for tables.</summary>
    public string Name { get; } = name;

    /// <summary>What the trace models.</summary>
    public string Description { get; } = description;

    /// <summary>The key id of each request, in order.</summary>
    public IReadOnlyList<int> Requests { get; } = requests;

    /// <summary>The key of each key id.</summary>
    public IReadOnlyList<StoreKey> Keys { get; } = keys;

    /// <summary>The value size in bytes of each key id.</summary>
    public IReadOnlyList<int> Sizes { get; } = sizes;

    /// <summary>The bytes of every distinct key requested: what a cache holding everything would need.</summary>
    public long UniqueBytes
    {
        get
        {
            var seen = new bool[Keys.Count];
            long total = 0;
            foreach (var id in Requests)
            {
                if (!seen[id])
                {
                    seen[id] = true;
                    total += Sizes[id];
                }
            }

            return total;
        }
    }
}
