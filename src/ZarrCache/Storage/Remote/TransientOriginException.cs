namespace ZarrCache;

/// <summary>
/// A failure of one attempt that a retry may cure (a 5xx answer, throttling, a truncated body). Thrown inside an
/// attempt and caught by <see cref="OriginRetry"/>; callers see a <see cref="StoreException"/> once attempts run out.
/// </summary>
internal sealed class TransientOriginException : Exception
{
    public TransientOriginException()
    {
    }

    public TransientOriginException(string message)
        : base(message)
    {
    }

    public TransientOriginException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
