using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ZarrCache.Hosting;

/// <summary>The origin <see cref="ZarrCacheOptions.Origin"/> names: a folder or file:// URL (a <see cref="FileSystemStore"/>), or an http(s) URL (an <see cref="HttpStore"/> on a client from <c>IHttpClientFactory</c>).</summary>
internal static class OriginOpener
{
    public static IReadableStore Open(ZarrCacheOptions options, string sectionPath, IServiceProvider services, ILogger logger, TimeProvider time)
    {
        if (Problem(options.Origin, sectionPath) is { } problem)
        {
            throw new CacheConfigException(problem);
        }

        var origin = options.Origin!;
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.IsFile)
        {
            return new FileSystemStore(uri?.IsFile == true ? uri.LocalPath : origin);
        }

        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(options.HttpClientName);
        return new HttpStore(client, uri, options.Http with { Logger = options.Http.Logger ?? logger, TimeProvider = options.Http.TimeProvider ?? time });
    }

    /// <summary>What is wrong with an origin setting, naming its configuration key; null when it can be opened.</summary>
    public static string? Problem(string? origin, string sectionPath)
    {
        var key = $"{sectionPath}:{nameof(ZarrCacheOptions.Origin)}";
        if (string.IsNullOrWhiteSpace(origin))
        {
            return $"{key} is required: a folder, a file:// URL or an http(s):// URL (or give the origin in code with UseOrigin).";
        }

        if (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && !uri.IsFile && uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return $"{key} '{origin}': the scheme {uri.Scheme}:// is not opened from configuration; build that origin in code (for S3, an S3Store from ZarrCache.S3) and pass it to UseOrigin.";
        }

        return null;
    }
}
