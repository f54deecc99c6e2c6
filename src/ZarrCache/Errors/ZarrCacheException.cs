namespace ZarrCache;

/// <summary>The base of every exception ZarrCache throws for a failure of its own (bad data, bad config, a failing origin).</summary>
public class ZarrCacheException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ZarrCacheException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong, naming the key or field at fault.</param>
    public ZarrCacheException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong, naming the key or field at fault.</param>
    /// <param name="innerException">The cause.</param>
    public ZarrCacheException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
