namespace ZarrCache;

/// <summary>
/// An origin framed a response wrongly (more bytes than its Content-Length announced). An <see cref="IOException"/>, so
/// the stores retry it like a broken connection; its message is the reason they report.
/// </summary>
internal sealed class OriginFramingException : IOException
{
    public OriginFramingException()
    {
    }

    public OriginFramingException(string message)
        : base(message)
    {
    }

    public OriginFramingException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The framing error in <paramref name="e"/> or its inner exceptions, if any.</summary>
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
