using ZarrCache.S3;

namespace ZarrCache.Cli;

/// <summary>How the CLI opens a store location; <c>--endpoint</c>, <c>--anonymous</c> and <c>--s3-region</c> apply to s3:// only.</summary>
internal sealed record StoreOpenArguments
{
    /// <summary>An S3-compatible endpoint URL (path-style addressing), or null for AWS / <c>AWS_ENDPOINT_URL</c>.</summary>
    public string? Endpoint { get; init; }

    /// <summary>Unsigned S3 requests (public buckets).</summary>
    public bool Anonymous { get; init; }

    /// <summary>The S3 region, or null for <c>AWS_REGION</c> then us-east-1.</summary>
    public string? Region { get; init; }
}

/// <summary>
/// Opens the store a location names through the library's <see cref="ZarrStore.OpenOrigin"/> (a local folder, an
/// http(s):// URL, or s3://bucket/prefix); the CLI only turns its S3 options into an S3 opener and names its options
/// in errors.
/// </summary>
internal static class StoreOpener
{
    /// <summary>Opens a location.</summary>
    /// <param name="location">A path, file://, http://, https:// or s3:// URL.</param>
    /// <param name="options">S3 options from the command line.</param>
    /// <returns>The store; dispose it when it is <see cref="IDisposable"/>.</returns>
    /// <exception cref="ArgumentException">An unknown scheme, a malformed URL, a missing local folder or a malformed --endpoint, named.</exception>
    public static IReadableStore Open(string location, StoreOpenArguments options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var open = StoreOpenOptions.Default;

        // --endpoint, --anonymous and --s3-region apply to s3:// only: a file or http location ignores them.
        if (StoreLocation.Parse(location).IsS3)
        {
            open = open.UseS3(ToS3Options(options));
        }

        return ZarrStore.OpenOrigin(location, open);
    }

    private static S3StoreOptions ToS3Options(StoreOpenArguments options)
    {
        Uri? endpoint = null;
        if (!string.IsNullOrWhiteSpace(options.Endpoint)
            && (!Uri.TryCreate(options.Endpoint.Trim(), UriKind.Absolute, out endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            throw new ArgumentException($"{StoreCliOptions.EndpointName} '{UrlRedaction.Redact(options.Endpoint)}' is not an absolute http:// or https:// URL.");
        }

        var s3 = new S3StoreOptions
        {
            Endpoint = endpoint,
            Anonymous = options.Anonymous,
            Region = string.IsNullOrWhiteSpace(options.Region) ? null : options.Region.Trim(),
        };
        try
        {
            s3.Validate();
        }
        catch (ArgumentException e)
        {
            // The library names its own fields; the user typed options.
            var message = CliErrors.MessageOf(e)
                .Replace("S3StoreOptions.Region", StoreCliOptions.RegionName, StringComparison.Ordinal)
                .Replace("S3StoreOptions.Endpoint", StoreCliOptions.EndpointName, StringComparison.Ordinal);
            throw new ArgumentException(message, e);
        }

        return s3;
    }
}
