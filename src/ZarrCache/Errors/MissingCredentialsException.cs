namespace ZarrCache;

/// <summary>
/// An origin needs credentials to sign its requests and none were found (for S3: no access keys in the environment, no
/// profile, no instance role). The message names the key and where credentials are looked for; for a public bucket,
/// anonymous (unsigned) access needs none.
/// </summary>
public class MissingCredentialsException : StoreException
{
    /// <summary>Creates the exception.</summary>
    public MissingCredentialsException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public MissingCredentialsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public MissingCredentialsException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a key.</summary>
    /// <param name="key">The key whose request could not be signed.</param>
    /// <param name="message">What went wrong; the key is prepended.</param>
    /// <param name="innerException">The cause.</param>
    public MissingCredentialsException(StoreKey key, string message, Exception? innerException = null)
        : base(key, message, innerException)
    {
    }
}
