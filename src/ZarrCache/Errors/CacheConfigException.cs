namespace ZarrCache;

/// <summary>A <see cref="CacheConfig"/> (or another options object) has a bad or unsupported value.</summary>
public class CacheConfigException : ZarrCacheException
{
    /// <summary>Creates the exception.</summary>
    public CacheConfigException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public CacheConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CacheConfigException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The field at fault.</summary>
    public string? FieldName { get; private init; }

    /// <summary>Creates the exception for a field.</summary>
    /// <param name="fieldName">The field at fault.</param>
    /// <param name="message">What is wrong with it.</param>
    /// <returns>The exception.</returns>
    public static CacheConfigException ForField(string fieldName, string message) => new($"{fieldName}: {message}") { FieldName = fieldName };
}
