namespace ZarrCache;

/// <summary>An access trace is damaged: truncated, or not in the format of docs/traces.md. The message names the
/// byte offset of the record at fault.</summary>
public class TraceFormatException : ZarrCacheException
{
    /// <summary>Creates the exception.</summary>
    public TraceFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, naming the byte offset.</param>
    public TraceFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong, naming the byte offset.</param>
    /// <param name="innerException">The cause.</param>
    public TraceFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message and the byte offset of the damaged record.</summary>
    /// <param name="message">What is wrong, naming the byte offset.</param>
    /// <param name="offset">The byte offset, from the start of the trace, of the record at fault.</param>
    public TraceFormatException(string message, long offset)
        : base(message) => Offset = offset;

    /// <summary>The byte offset of the record at fault, from the start of the trace; -1 when unknown.</summary>
    public long Offset { get; } = -1;
}
