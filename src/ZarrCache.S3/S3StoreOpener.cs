namespace ZarrCache.S3;

/// <summary>The opener of <c>s3://bucket/prefix</c> locations for <see cref="ZarrStore"/>; add it with <see cref="S3OpenOptionsExtensions.UseS3"/>.</summary>
public sealed class S3StoreOpener : IStoreOpener
{
    /// <summary>Creates the opener.</summary>
    /// <param name="options">The S3 options (credentials, endpoint, region...); null for <see cref="S3StoreOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">The options have a malformed field, named.</exception>
    public S3StoreOpener(S3StoreOptions? options = null)
    {
        Options = options ?? S3StoreOptions.Default;
        Options.Validate();
    }

    /// <summary>The S3 options every store it opens uses.</summary>
    public S3StoreOptions Options { get; }

    /// <inheritdoc />
    public string Scheme => StoreLocation.S3Scheme;

    /// <inheritdoc />
    public IReadableStore Open(StoreLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return S3Store.Open(location.Original, Options);
    }
}
