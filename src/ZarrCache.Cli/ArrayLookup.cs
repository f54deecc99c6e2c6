using ZarrCache.Zarr;

namespace ZarrCache.Cli;

/// <summary>
/// Opens the node <c>--array</c> names. When there is none, the error guides: it lists the arrays the store holds
/// (when it can list them, or has consolidated metadata), suggests the nearest name to a misspelt one, and names a
/// group (folder) on the path that does not exist.
/// </summary>
internal static class ArrayLookup
{
    /// <summary>At most this many arrays are named in an error.</summary>
    private const int ListedArrays = 8;

    /// <summary>At most this many nodes are visited looking for arrays (a huge hierarchy is not walked for an error).</summary>
    private const int MaxVisited = 256;

    /// <summary>Opens the array at <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">There is no array there; the message says what there is.</exception>
    /// <exception cref="ZarrFormatException">There is one, but its metadata is malformed.</exception>
    public static async Task<ZarrArray> OpenAsync(IReadableStore store, string path, ZarrArrayOptions? options, CancellationToken cancellationToken)
    {
        try
        {
            return await ZarrArray.OpenAsync(store, path, options, cancellationToken).ConfigureAwait(false);
        }
        catch (ZarrNodeNotFoundException e)
        {
            throw await NotFoundAsync(store, path, "array", e, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The error for a path where no node was found, listing what there is.</summary>
    /// <param name="store">The store.</param>
    /// <param name="path">The path <c>--array</c> gave ("" when it was not given).</param>
    /// <param name="what">What was looked for: "array", or "array or group".</param>
    /// <param name="cause">The library's exception.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The exception to throw (bad usage).</returns>
    public static async Task<ArgumentException> NotFoundAsync(IReadableStore store, string path, string what, Exception? cause, CancellationToken cancellationToken)
    {
        path = path.Trim('/');
        var named = path.Length == 0 ? $"there is no {what} at the store root" : $"--array '{path}': there is no {what} there";
        var arrays = await ListArraysAsync(store, cancellationToken).ConfigureAwait(false);
        if (arrays is null)
        {
            return new ArgumentException($"{named}, and this store cannot list its arrays (plain HTTP without consolidated metadata): give --array PATH of an array that exists.", cause);
        }

        if (arrays.Count == 0)
        {
            return new ArgumentException($"{named}, and the store holds no Zarr arrays (is it the right folder or URL?).", cause);
        }

        if (path.Length == 0)
        {
            return new ArgumentException($"{named}: give --array PATH, one of {Listing(arrays)}.", cause);
        }

        var slash = path.LastIndexOf('/');
        if (slash > 0 && !arrays.Any(a => a.StartsWith(path[..slash] + "/", StringComparison.Ordinal)))
        {
            var folder = path[..slash];
            var nearFolder = Nearest(folder, arrays.Where(a => a.Contains('/', StringComparison.Ordinal)).Select(a => a[..a.LastIndexOf('/')]).Distinct(StringComparer.Ordinal));
            var guess = nearFolder is null ? string.Empty : $" (did you mean '{nearFolder}'?)";
            return new ArgumentException($"--array '{path}': the group '{folder}' does not exist{guess}; the arrays are {Listing(arrays)}.", cause);
        }

        return Nearest(path, arrays) is { } near
            ? new ArgumentException($"{named}; did you mean '{near}'?", cause)
            : new ArgumentException($"{named}; the arrays are {Listing(arrays)}.", cause);
    }

    /// <summary>The paths of the arrays under the store root, sorted; null when the store can neither list nor has consolidated metadata.</summary>
    internal static async Task<IReadOnlyList<string>?> ListArraysAsync(IReadableStore store, CancellationToken cancellationToken)
    {
        var root = await ZarrNode.FindAsync(store, string.Empty, cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return store is IListableStore ? [] : null;
        }

        if (root.IsArray)
        {
            return [string.Empty];
        }

        var arrays = new List<string>();
        var pending = new Queue<ZarrGroup>();
        var first = await ZarrGroup.OpenAsync(store, string.Empty, cancellationToken).ConfigureAwait(false);
        if (!first.IsConsolidated && store is not IListableStore)
        {
            return null;
        }

        pending.Enqueue(first);
        var visited = 0;
        try
        {
            while (pending.TryDequeue(out var group) && visited < MaxVisited)
            {
                foreach (var member in await group.ListMembersAsync(cancellationToken).ConfigureAwait(false))
                {
                    visited++;
                    if (member.IsArray)
                    {
                        arrays.Add(member.Path);
                    }
                    else
                    {
                        pending.Enqueue(await group.OpenGroupAsync(member.Name, cancellationToken).ConfigureAwait(false));
                    }
                }
            }
        }
        catch (NotSupportedException)
        {
            // A cached store over an origin that cannot list says so only when asked.
            return null;
        }

        arrays.Sort(StringComparer.Ordinal);
        return arrays;
    }

    /// <summary>The candidate nearest to <paramref name="name"/> (edit distance, ignoring case), or null when none is near.</summary>
    internal static string? Nearest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var d = Distance(name.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (d < bestDistance)
            {
                (best, bestDistance) = (candidate, d);
            }
        }

        return best is not null && bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }

    private static string Listing(IReadOnlyList<string> arrays)
    {
        var shown = string.Join(", ", arrays.Take(ListedArrays).Select(a => a.Length == 0 ? "'/' (the root)" : $"'{a}'"));
        return arrays.Count > ListedArrays ? $"{shown} and {arrays.Count - ListedArrays} more (zarr-cache info lists them)" : shown;
    }

    /// <summary>Levenshtein distance.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
