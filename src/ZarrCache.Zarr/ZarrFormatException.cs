namespace ZarrCache.Zarr;

/// <summary>Zarr data is malformed: metadata that does not parse, a chunk or frame that does not decode, a checksum that does not match. The message names the key or field at fault.</summary>
public class ZarrFormatException : ZarrCacheException
{
    /// <summary>Creates the exception.</summary>
    public ZarrFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, naming the key or field.</param>
    public ZarrFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong, naming the key or field.</param>
    /// <param name="innerException">The cause.</param>
    public ZarrFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
