namespace ZarrCache;

/// <summary>
/// Where a store lives, parsed from a location string: a plain path or <c>file://</c> URL (a local folder),
/// <c>http://</c> or <c>https://</c> (an <see cref="HttpStore"/>), or <c>s3://bucket/prefix</c> (opened by the
/// ZarrCache.S3 package). Any other scheme is refused with an <see cref="ArgumentException"/> naming it.
/// </summary>
/// <remarks>
/// <see cref="Original"/> and <see cref="Uri"/> keep user information (<c>http://user:password@host/</c>) so that a store
/// can authenticate with it; <see cref="ToString"/> and every message mask it (<see cref="UrlRedaction"/>).
/// </remarks>
public sealed record StoreLocation
{
    /// <summary>The scheme of S3 locations.</summary>
    public const string S3Scheme = "s3";

    private StoreLocation(string scheme, string original, Uri? uri, string? localPath)
    {
        Scheme = scheme;
        Original = original;
        Uri = uri;
        LocalPath = localPath;
    }

    /// <summary>The scheme, lower case: <c>file</c>, <c>http</c>, <c>https</c> or <c>s3</c>.</summary>
    public string Scheme { get; }

    /// <summary>The text the location was parsed from.</summary>
    public string Original { get; }

    /// <summary>The URL for http, https and s3 locations; null for local folders.</summary>
    public Uri? Uri { get; }

    /// <summary>The absolute local folder for file locations; null otherwise.</summary>
    public string? LocalPath { get; }

    /// <summary>Whether this is a local folder.</summary>
    public bool IsLocal => LocalPath is not null;

    /// <summary>Whether this is an http or https URL.</summary>
    public bool IsHttp => Scheme is "http" or "https";

    /// <summary>Whether this is an <c>s3://</c> URL.</summary>
    public bool IsS3 => Scheme == S3Scheme;

    /// <summary>Parses a location.</summary>
    /// <param name="location">A path, or a <c>file://</c>, <c>http(s)://</c> or <c>s3://</c> URL.</param>
    /// <returns>The location.</returns>
    /// <exception cref="ArgumentException">An empty location, an unknown scheme (named), or a malformed URL.</exception>
    public static StoreLocation Parse(string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        var text = location.Trim();
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon > 1 && !text[..colon].Contains('/', StringComparison.Ordinal) && !text[..colon].Contains('\\', StringComparison.Ordinal)
                && Uri.CheckSchemeName(text[..colon]))
            {
                throw UnknownScheme(text[..colon], location);
            }

            return new StoreLocation("file", location, null, Path.GetFullPath(text));
        }

        var scheme = text[..schemeEnd].ToLowerInvariant();
        switch (scheme)
        {
            case "file":
                if (!Uri.TryCreate(text, UriKind.Absolute, out var fileUri) || !fileUri.IsFile)
                {
                    throw new ArgumentException($"The location '{UrlRedaction.Redact(location)}' is not a valid file:// URL.", nameof(location));
                }

                return new StoreLocation("file", location, fileUri, fileUri.LocalPath);
            case "http":
            case "https":
            case S3Scheme:
                if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
                {
                    throw new ArgumentException($"The location '{UrlRedaction.Redact(location)}' is not a valid {scheme}:// URL (it needs a host{(scheme == S3Scheme ? ", the bucket" : string.Empty)}).", nameof(location));
                }

                return new StoreLocation(scheme, location, uri, null);
            default:
                throw UnknownScheme(scheme, location);
        }
    }

    /// <summary>Opens a local or HTTP location. S3 locations are opened by ZarrCache.S3 (<c>S3Store.Open</c>).</summary>
    /// <param name="httpOptions">Options for an HTTP store.</param>
    /// <returns>A <see cref="FileSystemStore"/> or an <see cref="HttpStore"/>.</returns>
    /// <exception cref="NotSupportedException">An <c>s3://</c> location.</exception>
    public IReadableStore OpenLocalOrHttp(HttpStoreOptions? httpOptions = null)
    {
        if (LocalPath is not null)
        {
            return new FileSystemStore(LocalPath);
        }

        if (IsHttp)
        {
            return new HttpStore(Uri!, httpOptions);
        }

        throw new NotSupportedException($"The location '{this}' is an s3:// URL: open it with the ZarrCache.S3 package (S3Store.Open).");
    }

    /// <summary>The location as given, with any user information of a URL (<c>user:password@</c>) masked.</summary>
    /// <returns>Text safe to show in a message or a log line.</returns>
    public override string ToString() => UrlRedaction.Redact(Original);

    private static ArgumentException UnknownScheme(string scheme, string location) =>
        new($"Unknown store scheme '{scheme}' in '{UrlRedaction.Redact(location)}': use a local path, file://, http://, https:// or s3://.", nameof(location));
}
