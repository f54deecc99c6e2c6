using System.Buffers;

namespace ZarrCache;

/// <summary>
/// Reads a response body whole, checking it against the length the origin announced: a body that ends early is a
/// <see cref="TransientOriginException"/> (retried by <see cref="OriginRetry"/>, never returned), one that goes on past
/// it a <see cref="StoreException"/>. Nothing is allocated up front beyond 1 MiB, whatever a header claims: the buffer
/// grows as bytes arrive. <see cref="RangeReader"/> reads range answers with it; an origin of your own reads whole
/// values with it.
/// </summary>
public static class BodyReader
{
    /// <summary>The most a read allocates before any byte arrived.</summary>
    internal const int InitialBuffer = 1 << 20;

    /// <summary>Reads the body to its end.</summary>
    /// <param name="stream">The body.</param>
    /// <param name="key">The key, for messages.</param>
    /// <param name="expected">The announced length (<c>Content-Length</c>), when there is one.</param>
    /// <param name="maxBytes">The largest value accepted (lowered by <see cref="ValueSizeLimit.Current"/>); a larger announced length is refused before reading.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Exactly the body.</returns>
    /// <exception cref="TransientOriginException">Fewer bytes arrived than announced.</exception>
    /// <exception cref="StoreException">More bytes arrived than announced or allowed, or the announced length is negative or too large.</exception>
    public static async ValueTask<byte[]> ReadAsync(Stream stream, StoreKey key, long? expected, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        maxBytes = ValueSizeLimit.Apply(maxBytes);
        if (expected is { } announced)
        {
            if (announced < 0)
            {
                throw new StoreException(key, FormattableString.Invariant($"the origin announced a negative length {announced}."));
            }

            if (announced > maxBytes)
            {
                throw new StoreException(key, FormattableString.Invariant($"the origin announced {announced} bytes, more than the {maxBytes} bytes a value may have."));
            }

            if (announced <= InitialBuffer)
            {
                var exact = new byte[announced];
                var filled = await FillAsync(stream, exact, cancellationToken).ConfigureAwait(false);
                if (filled < announced)
                {
                    throw Truncated(filled, announced);
                }

                await EnsureEndAsync(stream, key, announced, cancellationToken).ConfigureAwait(false);
                return exact;
            }
        }

        var limit = expected ?? maxBytes;
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(InitialBuffer, Math.Max(limit, 1)));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length >= limit)
                    {
                        break;
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Min((long)buffer.Length * 2, limit), Array.MaxLength));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var n = await stream.ReadAsync(buffer.AsMemory(length, (int)Math.Min(buffer.Length - length, limit - length)), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                length += n;
                if (length >= limit)
                {
                    break;
                }
            }

            if (expected is { } want && length < want)
            {
                throw Truncated(length, want);
            }

            if (expected is null && length >= maxBytes)
            {
                await EnsureEndAsync(stream, key, maxBytes, cancellationToken).ConfigureAwait(false);
            }
            else if (expected is { } e2)
            {
                await EnsureEndAsync(stream, key, e2, cancellationToken).ConfigureAwait(false);
            }

            return buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async ValueTask<int> FillAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer[filled..], cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            filled += n;
        }

        return filled;
    }

    private static async ValueTask EnsureEndAsync(Stream stream, StoreKey key, long announced, CancellationToken cancellationToken)
    {
        var probe = new byte[1];
        if (await stream.ReadAsync(probe, cancellationToken).ConfigureAwait(false) != 0)
        {
            throw new StoreException(key, FormattableString.Invariant($"the origin sent more than the {announced} bytes it announced (or allowed); the value was refused."));
        }
    }

    private static TransientOriginException Truncated(long received, long announced) =>
        new(FormattableString.Invariant($"the body was truncated: {received} of {announced} announced bytes arrived"));
}
