namespace ZarrCache.Cli;

/// <summary>How to reach a store (used by the S3 and HTTP stores; ignored for local folders).</summary>
internal sealed record StoreOpenOptions
{
    /// <summary>A custom endpoint (S3-compatible servers).</summary>
    public string? Endpoint { get; init; }

    /// <summary>Read without credentials.</summary>
    public bool Anonymous { get; init; }

    /// <summary>The region.</summary>
    public string? Region { get; init; }
}

/// <summary>
/// Turns the <c>&lt;store&gt;</c> argument into a store. This version knows local paths and <c>file://</c> URLs;
/// the S3 and HTTP issue replaces this file with one that also opens <c>s3://</c> and <c>http(s)://</c>.
/// </summary>
internal static class StoreOpener
{
    public static IReadableStore Open(string location, StoreOpenOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        ArgumentNullException.ThrowIfNull(options);
        string path;
        if (location.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            path = Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.IsFile
                ? uri.LocalPath
                : throw new ArgumentException($"'{location}' is not a valid file:// URL.", nameof(location));
        }
        else if (location.Contains("://", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Store '{location}': only local paths and file:// URLs are supported in this build.", nameof(location));
        }
        else
        {
            path = location;
        }

        return Directory.Exists(path)
            ? new FileSystemStore(path)
            : throw new ArgumentException($"Store '{location}': the folder '{Path.GetFullPath(path)}' does not exist.", nameof(location));
    }
}
