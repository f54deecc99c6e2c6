namespace ZarrCache;

/// <summary>A cache failed (its storage broke, or an entry could not be read back), the Rust crate's <c>CacheError</c>.</summary>
public class CacheException : ZarrCacheException
{
    /// <summary>Creates the exception.</summary>
    public CacheException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public CacheException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CacheException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
