using System.Collections.Concurrent;

namespace ZarrCache;

/// <summary>Keys known to be missing at the origin, each until its time-to-live runs out; bounded in count.</summary>
internal sealed class NegativeCache(TimeSpan ttl, int maxEntries, TimeProvider time)
{
    private readonly ConcurrentDictionary<StoreKey, long> _expiries = new();
    private readonly long _ttlTicks = ttl == Timeout.InfiniteTimeSpan ? long.MaxValue : ttl.Ticks;

    public int Count => _expiries.Count;

    public bool IsMissing(StoreKey key) => IsMissing(key, out _);

    /// <summary>Whether <paramref name="key"/> is remembered as missing, and until when (UTC ticks; <see cref="long.MaxValue"/> for ever).</summary>
    public bool IsMissing(StoreKey key, out long expiresAtUtcTicks)
    {
        if (!_expiries.TryGetValue(key, out var expiry))
        {
            expiresAtUtcTicks = 0;
            return false;
        }

        expiresAtUtcTicks = expiry;
        if (time.GetUtcNow().UtcTicks < expiry)
        {
            return true;
        }

        _expiries.TryRemove(new KeyValuePair<StoreKey, long>(key, expiry));
        return false;
    }

    /// <summary>Remembers <paramref name="key"/> as missing.</summary>
    /// <returns>Until when (UTC ticks; <see cref="long.MaxValue"/> for ever), or the current time when nothing is kept.</returns>
    public long Add(StoreKey key)
    {
        var now = time.GetUtcNow().UtcTicks;
        if (maxEntries == 0)
        {
            return now;
        }

        if (_expiries.Count >= maxEntries)
        {
            Trim();
        }

        var expiry = _ttlTicks == long.MaxValue || now > long.MaxValue - _ttlTicks ? long.MaxValue : now + _ttlTicks;
        _expiries[key] = expiry;
        return expiry;
    }

    public void Remove(StoreKey key) => _expiries.TryRemove(key, out _);

    public void RemovePrefix(StorePrefix prefix)
    {
        foreach (var key in _expiries.Keys)
        {
            if (key.IsUnder(prefix))
            {
                _expiries.TryRemove(key, out _);
            }
        }
    }

    public void Clear() => _expiries.Clear();

    private void Trim()
    {
        // Forget the half that expires soonest: they were added longest ago.
        var snapshot = _expiries.ToArray();
        Array.Sort(snapshot, static (a, b) => a.Value.CompareTo(b.Value));
        for (var i = 0; i < snapshot.Length / 2 + 1 && i < snapshot.Length; i++)
        {
            _expiries.TryRemove(snapshot[i]);
        }
    }
}
