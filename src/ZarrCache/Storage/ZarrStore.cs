namespace ZarrCache;

/// <summary>
/// Opens a store from a location in one line: a path, <c>file://</c>, <c>http(s)://</c>, or <c>s3://</c> (with
/// <c>options.UseS3(...)</c> from the ZarrCache.S3 package), behind the cache the options describe. The Zarr package
/// opens arrays and groups the same way (<c>ZarrArray.OpenAsync(location, path, options)</c>).
/// </summary>
public static class ZarrStore
{
    /// <summary>Opens a location behind a cache.</summary>
    /// <param name="location">A path, or a <c>file://</c>, <c>http(s)://</c> or <c>s3://</c> URL.</param>
    /// <param name="options">The cache and the openers; null for <see cref="StoreOpenOptions.Default"/>.</param>
    /// <returns>
    /// The cached store (a <see cref="WritableCachedStore"/> over a folder or S3); its origin is
    /// <see cref="CachedStore.Store"/>, which the caller disposes when it is <see cref="IDisposable"/> (an S3 client).
    /// </returns>
    /// <exception cref="ArgumentException">A malformed location, an unknown scheme, a missing folder, or an s3:// location without <c>UseS3</c>, named.</exception>
    /// <exception cref="CacheConfigException">The cache config has a bad field.</exception>
    public static CachedStore Open(string location, StoreOpenOptions? options = null)
    {
        options ??= StoreOpenOptions.Default;
        return CachedStore.Create(OpenOrigin(location, options), options.Cache);
    }

    /// <summary>Opens a location without a cache (to wrap it in a cache of one's own).</summary>
    /// <param name="location">A path, or a <c>file://</c>, <c>http(s)://</c> or <c>s3://</c> URL.</param>
    /// <param name="options">The openers and HTTP options (the cache is not used); null for the defaults.</param>
    /// <returns>The origin store; dispose it when it is <see cref="IDisposable"/>.</returns>
    /// <exception cref="ArgumentException">A malformed location, an unknown scheme, a missing folder, or an s3:// location without <c>UseS3</c>, named.</exception>
    public static IReadableStore OpenOrigin(string location, StoreOpenOptions? options = null)
    {
        options ??= StoreOpenOptions.Default;
        var parsed = StoreLocation.Parse(location);
        if (parsed.LocalPath is { } folder && !options.AllowMissingFolder && !Directory.Exists(folder))
        {
            throw new ArgumentException($"The store folder '{folder}' does not exist.", nameof(location));
        }

        if (options.OpenerOf(parsed.Scheme) is { } opener)
        {
            return opener.Open(parsed);
        }

        if (parsed.IsS3)
        {
            throw new ArgumentException(
                $"The location '{parsed}' is an s3:// URL: add the ZarrCache.S3 package and open it with options.UseS3() (using ZarrCache.S3;).",
                nameof(location));
        }

        return parsed.OpenLocalOrHttp(options.Http);
    }
}
