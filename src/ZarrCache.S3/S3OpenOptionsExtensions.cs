namespace ZarrCache.S3;

/// <summary>Adds S3 to <see cref="StoreOpenOptions"/>.</summary>
public static class S3OpenOptionsExtensions
{
    /// <summary>Lets <see cref="ZarrStore"/> (and <c>ZarrArray.OpenAsync(location, ...)</c>) open <c>s3://bucket/prefix</c> locations.</summary>
    /// <param name="options">The open options.</param>
    /// <param name="s3">The S3 options: credentials (or <see cref="S3StoreOptions.Anonymous"/>), endpoint, region; null for the SDK's defaults.</param>
    /// <returns>New options with the S3 opener.</returns>
    /// <exception cref="ArgumentException">The S3 options have a malformed field, named.</exception>
    public static StoreOpenOptions UseS3(this StoreOpenOptions options, S3StoreOptions? s3 = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.WithOpener(new S3StoreOpener(s3));
    }
}
