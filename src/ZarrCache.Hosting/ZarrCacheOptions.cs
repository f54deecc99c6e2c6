namespace ZarrCache.Hosting;

/// <summary>
/// The settings of one cached store registered with <c>AddZarrCache</c>, bound from configuration (the <c>ZarrCache</c>
/// section of appsettings.json for the default store) and validated when the host starts. docs/hosting.md lists the keys.
/// </summary>
public sealed class ZarrCacheOptions
{
    /// <summary>The configuration section of the default store: <c>ZarrCache</c>.</summary>
    public const string SectionName = "ZarrCache";

    /// <summary>The child of <see cref="SectionName"/> that holds the named stores, one section each: <c>ZarrCache:Stores:era5</c>.</summary>
    public const string StoresKey = "Stores";

    /// <summary>The name of the <see cref="System.Net.Http.HttpClient"/> that an http(s) origin gets from <c>IHttpClientFactory</c>, unless <see cref="HttpClientName"/> names another.</summary>
    public const string DefaultHttpClientName = "ZarrCache";

    /// <summary>
    /// Where the data is: a folder, a <c>file://</c> URL, or an <c>http://</c> / <c>https://</c> URL. Other origins (S3
    /// through ZarrCache.S3, your own) are given in code with <c>UseOrigin</c>, and then this is not needed.
    /// </summary>
    public string? Origin { get; set; }

    /// <summary>The cache settings (memory and disk tiers, TTLs, compression …): every field of <see cref="CacheConfig"/>.</summary>
    public CacheConfig Cache { get; set; } = new();

    /// <summary>The settings of the distributed-cache tier, used when one is added with <c>AddDistributedCacheTier</c>.</summary>
    public DistributedCacheTierOptions DistributedTier { get; set; } = new();

    /// <summary>The <c>IHttpClientFactory</c> client an http(s) origin uses. Default <see cref="DefaultHttpClientName"/>.</summary>
    public string HttpClientName { get; set; } = DefaultHttpClientName;

    /// <summary>The options of an http(s) origin (retries, concurrency, size limits).</summary>
    public HttpStoreOptions Http { get; set; } = new();
}
