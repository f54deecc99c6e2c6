namespace ZarrCache;

/// <summary>
/// What a <see cref="RangeReader"/> needs from a remote origin: one request for one byte range, and the size of a value.
/// Implement it for an origin of your own (over HTTP, a cloud SDK, anything with ranged reads); the reader adds retries,
/// checks of the answer, merging of ranges and bounded concurrency.
/// </summary>
public interface IRangeOrigin
{
    /// <summary>
    /// Sends one request for <paramref name="range"/> of the value at <paramref name="key"/> (one attempt: the reader
    /// retries). Say what the origin answered with a <see cref="RangeResponse"/>; throw a
    /// <see cref="TransientOriginException"/> for an answer a retry may cure (5xx, throttling) and a
    /// <see cref="StoreException"/> for one it cannot (access denied).
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="range">The range; never zero-length (the reader asks <see cref="GetSizeAsync"/> for those). Its <see cref="ByteRange.ToHttpHeaderValue"/> is the HTTP <c>Range</c> header.</param>
    /// <param name="cancellationToken">Cancels the attempt (also at the attempt timeout).</param>
    /// <returns>The answer; the reader disposes it.</returns>
    ValueTask<RangeResponse> SendRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken);

    /// <summary>The size of a value, with the origin's own retries; asked for zero-length ranges, which no range request can express.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The size, or <see langword="null"/> when the key is missing.</returns>
    ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken);

    /// <summary>Where the value of a key is, for messages, such as <c>https://example.org/data/a/0</c>; never with credentials.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The location.</returns>
    string LocationOf(StoreKey key);
}
