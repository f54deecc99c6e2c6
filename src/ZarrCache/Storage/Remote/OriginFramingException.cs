namespace ZarrCache;

/// <summary>
/// An origin framed an HTTP/1.x response wrongly: more bytes arrived than its <c>Content-Length</c> announced. Raised
/// by the check of the handler <see cref="HttpStore.CreateHandler"/> builds. An <see cref="IOException"/>, so it is
/// retried like a broken connection (<see cref="OriginRetry.CommonTransientReason"/>); its message is the reason reported.
/// </summary>
public sealed class OriginFramingException : IOException
{
    /// <summary>Creates the exception.</summary>
    public OriginFramingException()
    {
    }

    /// <summary>Creates the exception with what was wrong.</summary>
    /// <param name="message">What was wrong.</param>
    public OriginFramingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with what was wrong and its cause.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public OriginFramingException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The framing error in <paramref name="e"/> or its inner exceptions, if any (<see cref="HttpClient"/> wraps it).</summary>
    /// <param name="e">The exception.</param>
    /// <returns>The framing error, or null.</returns>
    public static OriginFramingException? Find(Exception? e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is OriginFramingException framing)
            {
                return framing;
            }
        }

        return null;
    }
}
