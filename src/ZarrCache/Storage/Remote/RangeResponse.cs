namespace ZarrCache;

/// <summary>
/// What an origin answered to one range request (<see cref="IRangeOrigin.SendRangeAsync"/>): the key is missing, the
/// range starts past the end (HTTP 416), the range (HTTP 206, with its <c>Content-Range</c>), or the whole value (HTTP
/// 200, from a server that ignores <c>Range</c>). The <see cref="RangeReader"/> checks it, reads the body and disposes it.
/// </summary>
public sealed class RangeResponse : IDisposable
{
    private readonly IDisposable? _owner;

    private RangeResponse(RangeResponseKind kind, string? contentRange, long? contentLength, Stream? body, IDisposable? owner)
    {
        Kind = kind;
        ContentRange = contentRange;
        ContentLength = contentLength;
        Body = body;
        _owner = owner;
    }

    /// <summary>The key is missing (HTTP 404 or 410, S3 NoSuchKey).</summary>
    public static RangeResponse Missing { get; } = new(RangeResponseKind.Missing, null, null, null, null);

    /// <summary>The range starts at or after the end of the value (HTTP 416): zero bytes, as <see cref="ByteRange.Resolve"/> says.</summary>
    public static RangeResponse NotSatisfiable { get; } = new(RangeResponseKind.NotSatisfiable, null, null, null, null);

    /// <summary>What the origin answered.</summary>
    public RangeResponseKind Kind { get; }

    /// <summary>The <c>Content-Range</c> header of a <see cref="RangeResponseKind.Partial"/> answer, such as <c>bytes 0-99/1000</c>.</summary>
    public string? ContentRange { get; }

    /// <summary>The announced body length (<c>Content-Length</c>), when there is one.</summary>
    public long? ContentLength { get; }

    /// <summary>The body; null for <see cref="Missing"/> and <see cref="NotSatisfiable"/>.</summary>
    public Stream? Body { get; }

    /// <summary>An answer with the requested range (HTTP 206).</summary>
    /// <param name="contentRange">The <c>Content-Range</c> header; checked against the request by the reader.</param>
    /// <param name="contentLength">The announced body length, if any; checked against the range.</param>
    /// <param name="body">The body.</param>
    /// <param name="owner">What to dispose with the answer (an HTTP response message, an SDK response); the body when null.</param>
    /// <returns>The answer.</returns>
    public static RangeResponse Partial(string? contentRange, long? contentLength, Stream body, IDisposable? owner = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new RangeResponse(RangeResponseKind.Partial, contentRange, contentLength, body, owner);
    }

    /// <summary>An answer with the whole value (HTTP 200: the server ignored <c>Range</c>); the reader keeps only the range.</summary>
    /// <param name="contentLength">The announced body length, if any; a body that ends before it is a truncation.</param>
    /// <param name="body">The body.</param>
    /// <param name="owner">What to dispose with the answer; the body when null.</param>
    /// <returns>The answer.</returns>
    public static RangeResponse Whole(long? contentLength, Stream body, IDisposable? owner = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new RangeResponse(RangeResponseKind.Whole, null, contentLength, body, owner);
    }

    /// <summary>Disposes the body and its owner.</summary>
    public void Dispose()
    {
        Body?.Dispose();
        _owner?.Dispose();
    }
}
