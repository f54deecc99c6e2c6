namespace ZarrCache;

/// <summary>
/// Opens the locations of one scheme that the core does not open itself (the core opens paths, <c>file://</c> and
/// <c>http(s)://</c>). The ZarrCache.S3 package provides the <c>s3</c> opener: add it with
/// <c>options.UseS3(...)</c> on <see cref="StoreOpenOptions"/>.
/// </summary>
public interface IStoreOpener
{
    /// <summary>The scheme this opener serves, lower case, such as <c>s3</c>.</summary>
    string Scheme { get; }

    /// <summary>Opens a location of <see cref="Scheme"/>.</summary>
    /// <param name="location">The parsed location.</param>
    /// <returns>The origin store; it may be <see cref="IDisposable"/>.</returns>
    /// <exception cref="ArgumentException">The location or this opener's options are malformed, named.</exception>
    IReadableStore Open(StoreLocation location);
}
