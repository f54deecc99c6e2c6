namespace ZarrCache.Zarr;

/// <summary>
/// There is no Zarr node (array or group) of the kind asked for at a path: neither its v3 <c>zarr.json</c> nor its v2
/// metadata exists. A <see cref="ZarrFormatException"/>, so code that catches that keeps working; catch this one to
/// tell "nothing there" from "something there that is malformed".
/// </summary>
public class ZarrNodeNotFoundException : ZarrFormatException
{
    /// <summary>Creates the exception.</summary>
    public ZarrNodeNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is missing, naming the path and the keys looked for.</param>
    public ZarrNodeNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is missing, naming the path and the keys looked for.</param>
    /// <param name="innerException">The cause.</param>
    public ZarrNodeNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a path.</summary>
    /// <param name="path">The node's path in the store ("" for the root).</param>
    /// <param name="message">What is missing, naming the keys looked for.</param>
    public ZarrNodeNotFoundException(string path, string message)
        : base(message)
    {
        Path = path;
    }

    /// <summary>The path where a node was looked for ("" for the root), when known.</summary>
    public string? Path { get; }
}
