namespace ZarrCache;

/// <summary>
/// How <see cref="ZarrStore"/> opens a location: the cache to put in front of it, HTTP options, and the openers of
/// schemes the core does not know itself (<c>s3://</c> comes with the ZarrCache.S3 package:
/// <c>new StoreOpenOptions().UseS3(new S3StoreOptions { Region = "eu-west-1" })</c>, where the S3 credentials,
/// endpoint and region are set).
/// </summary>
public sealed record StoreOpenOptions
{
    /// <summary>The defaults: a memory cache with <see cref="CacheConfig"/>'s defaults, paths, file:// and http(s):// only.</summary>
    public static StoreOpenOptions Default { get; } = new();

    /// <summary>The cache in front of the origin; null for <see cref="CacheConfig"/>'s defaults (a 256 MiB memory tier).</summary>
    public CacheConfig? Cache { get; init; }

    /// <summary>Options of an <c>http(s)://</c> origin; null for the defaults.</summary>
    public HttpStoreOptions? Http { get; init; }

    /// <summary>
    /// Whether a local folder that does not exist is opened anyway (to create a hierarchy in it); by default it is
    /// refused with an <see cref="ArgumentException"/> naming the folder, since reading it would find nothing.
    /// </summary>
    public bool AllowMissingFolder { get; init; }

    /// <summary>Openers of further schemes, such as the <c>s3</c> opener <c>UseS3</c> adds; a later opener of a scheme wins.</summary>
    public IReadOnlyList<IStoreOpener> Openers { get; init; } = [];

    /// <summary>These options with one more opener (it replaces an earlier opener of the same scheme).</summary>
    /// <param name="opener">The opener.</param>
    /// <returns>New options.</returns>
    public StoreOpenOptions WithOpener(IStoreOpener opener)
    {
        ArgumentNullException.ThrowIfNull(opener);
        return this with { Openers = [.. Openers.Where(o => !string.Equals(o.Scheme, opener.Scheme, StringComparison.OrdinalIgnoreCase)), opener] };
    }

    /// <summary>The opener of a scheme, or null.</summary>
    internal IStoreOpener? OpenerOf(string scheme) =>
        Openers.LastOrDefault(o => string.Equals(o.Scheme, scheme, StringComparison.OrdinalIgnoreCase));
}
