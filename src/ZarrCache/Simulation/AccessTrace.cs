namespace ZarrCache;

/// <summary>
/// An access trace ready to replay: the requested key numbers in order, and each key's name and value size. Built
/// from a recorded trace file (<see cref="Load"/>) or by a generator.
/// </summary>
/// <param name="name">A short name for tables and plots.</param>
/// <param name="description">What the trace is or models.</param>
/// <param name="requests">The key number of each request, in order; each below <paramref name="keys"/>' length.</param>
/// <param name="keys">The key of each key number.</param>
/// <param name="sizes">The value size in bytes of each key number.</param>
public sealed class AccessTrace(string name, string description, int[] requests, string[] keys, int[] sizes)
{
    private readonly int[] _requests = CheckedRequests(requests, keys, sizes);
    private readonly string[] _keys = keys;
    private readonly int[] _sizes = sizes;

    /// <summary>A short name for tables and plots.</summary>
    public string Name { get; } = name;

    /// <summary>What the trace is or models.</summary>
    public string Description { get; } = description;

    /// <summary>The key number of each request, in order.</summary>
    public IReadOnlyList<int> Requests => _requests;

    /// <summary>The key of each key number.</summary>
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>The value size in bytes of each key number.</summary>
    public IReadOnlyList<int> Sizes => _sizes;

    /// <summary>Requests the recorded cache served from a tier (null for a generated trace).</summary>
    public long? RecordedHits { get; init; }

    /// <summary>The bytes of every distinct key requested: what a cache holding everything would need.</summary>
    public long UniqueBytes
    {
        get
        {
            var seen = new bool[_keys.Length];
            long total = 0;
            foreach (var id in _requests)
            {
                if (!seen[id])
                {
                    seen[id] = true;
                    total += _sizes[id];
                }
            }

            return total;
        }
    }

    /// <summary>The bytes of every request together.</summary>
    public long TotalBytes
    {
        get
        {
            long total = 0;
            foreach (var id in _requests)
            {
                total += _sizes[id];
            }

            return total;
        }
    }

    /// <summary>The request array itself, for the simulators.</summary>
    internal ReadOnlySpan<int> RequestSpan => _requests;

    /// <summary>The size array itself, for the simulators.</summary>
    internal int[] SizeArray => _sizes;

    /// <summary>Reads every record of a trace file. A key's size is the largest one its records give.</summary>
    /// <param name="path">The trace file (docs/traces.md).</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <exception cref="TraceFormatException">The trace is truncated or corrupt; the message names the byte offset.</exception>
    public static AccessTrace Load(string path, CancellationToken cancellationToken = default)
    {
        using var reader = TraceReader.Open(path);
        return Read(reader, Path.GetFileName(path), cancellationToken);
    }

    /// <summary>Reads every remaining record of <paramref name="reader"/>.</summary>
    /// <param name="reader">An open trace.</param>
    /// <param name="name">The trace's name for tables and plots.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <exception cref="TraceFormatException">The trace is truncated or corrupt; the message names the byte offset.</exception>
    public static AccessTrace Read(TraceReader reader, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var requests = new List<int>();
        var sizes = new List<int>();
        long hits = 0;
        while (reader.TryRead(out var record))
        {
            if ((requests.Count & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            requests.Add(record.KeyId);
            if (record.KeyId == sizes.Count)
            {
                sizes.Add(0);
            }

            sizes[record.KeyId] = Math.Max(sizes[record.KeyId], (int)Math.Min(record.Size, int.MaxValue));
            hits += record.Outcome == AccessOutcome.Hit ? 1 : 0;
        }

        var description = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"recorded from {reader.Started:u}");
        return new AccessTrace(name, description, [.. requests], [.. reader.Keys], [.. sizes]) { RecordedHits = hits };
    }

    /// <summary>The requests, once the arrays are checked: present, one size per key, and every request naming a key.</summary>
    private static int[] CheckedRequests(int[] requests, string[] keys, int[] sizes)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(sizes);
        if (keys.Length != sizes.Length)
        {
            throw new ArgumentException($"The trace has {keys.Length} keys but {sizes.Length} sizes.", nameof(sizes));
        }

        foreach (var id in requests)
        {
            if ((uint)id >= (uint)keys.Length)
            {
                throw new ArgumentException($"A request names key number {id}, but the trace has {keys.Length} keys.", nameof(requests));
            }
        }

        return requests;
    }
}
