namespace ZarrCache;

/// <summary>A store failed to read or write a key (an I/O error, a denied access, an origin that kept failing).</summary>
public class StoreException : ZarrCacheException
{
    /// <summary>Creates the exception.</summary>
    public StoreException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public StoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public StoreException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a key.</summary>
    /// <param name="key">The key at fault.</param>
    /// <param name="message">What went wrong; the key is prepended.</param>
    /// <param name="innerException">The cause.</param>
    public StoreException(StoreKey key, string message, Exception? innerException = null)
        : base($"Store key '{key}': {message}", innerException)
    {
        Key = key.ToString();
    }

    /// <summary>The key at fault, when there is one.</summary>
    public string? Key { get; }
}
