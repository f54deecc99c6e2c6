namespace ZarrCache;

/// <summary>
/// A failure of one attempt that a retry may cure: a 5xx answer, throttling, a truncated body. An origin throws it
/// inside an <see cref="OriginRetry"/> attempt to ask for another one; callers see a <see cref="StoreException"/> naming
/// the key once attempts run out. Its message is the reason logged and reported.
/// </summary>
public sealed class TransientOriginException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TransientOriginException()
    {
    }

    /// <summary>Creates the exception with the reason, such as <c>HTTP 503 Service Unavailable</c>.</summary>
    /// <param name="message">Why the attempt failed.</param>
    public TransientOriginException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the reason and its cause.</summary>
    /// <param name="message">Why the attempt failed.</param>
    /// <param name="innerException">The cause.</param>
    public TransientOriginException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
