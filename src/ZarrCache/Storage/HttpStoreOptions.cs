using Microsoft.Extensions.Logging;

namespace ZarrCache;

/// <summary>Options of an <see cref="HttpStore"/>.</summary>
public sealed record HttpStoreOptions
{
    /// <summary>The defaults.</summary>
    public static HttpStoreOptions Default { get; } = new();

    /// <summary>Retries of transient failures (5xx, 408, 429, timeouts, reset connections, truncated bodies).</summary>
    public RetryOptions Retry { get; init; } = RetryOptions.Default;

    /// <summary>The largest value accepted, in bytes; a larger announced length is refused before reading.</summary>
    public long MaxValueBytes { get; init; } = Array.MaxLength;

    /// <summary>Connections per server, for the <see cref="HttpClient"/> the store creates itself (not for one passed in).</summary>
    public int MaxConnectionsPerServer { get; init; } = 32;

    /// <summary>
    /// Whether a whole-value body sent over HTTP/1.x without <c>Content-Length</c> and without chunked encoding is
    /// accepted; false by default. Such a body ends where the connection closes, and a connection cut short ends it just
    /// the same, so a truncated body cannot be told from a whole one: by default it is refused with a
    /// <see cref="StoreException"/> (not retried, it would arrive the same way). Set this only for an origin that
    /// frames its bodies no other way and whose values carry their own check.
    /// </summary>
    public bool AllowBodiesWithoutLength { get; init; }

    /// <summary>Where retries are logged; none by default.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>The clock backoff delays use; the system clock by default.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range, named.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Retry, nameof(Retry));
        Retry.Validate();
        if (MaxValueBytes is < 1 or > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxValueBytes), MaxValueBytes, "HttpStoreOptions.MaxValueBytes must be between 1 and Array.MaxLength.");
        }

        if (MaxConnectionsPerServer < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConnectionsPerServer), MaxConnectionsPerServer, "HttpStoreOptions.MaxConnectionsPerServer must be at least 1.");
        }
    }
}
